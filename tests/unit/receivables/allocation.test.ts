import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, AllocationError, keptAmount, maskedCard, moneyIn, type MoneyIn, type OpenItem, type PaymentFact } from '../../../src/core/receivables';

const inv = (id: string, issuedOn: string, dueOn: string, total: number): OpenItem => ({ id, issuedOn, dueOn, total });
const pay = (id: string, on: string, amount: number, directedTo: string | null = null): MoneyIn => ({ id, on, amount, directedTo });

describe('allocation: oldest first unless the customer says otherwise', () => {
  const jan = inv('jan', '2020-02-01', '2020-02-15', 3000);
  const feb = inv('feb', '2020-03-01', '2020-03-15', 4000);

  it('settles the oldest invoice first', () => {
    const r = allocate([feb, jan], [pay('p1', '2020-03-20', 5000)]);
    expect(r.allocations).toEqual([
      { sourceId: 'p1', invoiceId: 'jan', amount: 3000 },
      { sourceId: 'p1', invoiceId: 'feb', amount: 2000 },
    ]);
    expect(r.invoices.find((i) => i.invoiceId === 'feb')!.left).toBe(2000);
    expect(r.creditBalance).toBe(0);
  });

  it('a payment the customer directed goes to that invoice first, the rest oldest first', () => {
    const r = allocate([jan, feb], [pay('p1', '2020-03-20', 5000, 'feb')]);
    expect(r.allocations).toEqual([
      { sourceId: 'p1', invoiceId: 'feb', amount: 4000 },
      { sourceId: 'p1', invoiceId: 'jan', amount: 1000 },
    ]);
  });

  it('an overpayment is a credit balance that settles the next bill', () => {
    const r1 = allocate([jan], [pay('p1', '2020-02-10', 5000)]);
    expect(r1.creditBalance).toBe(2000);
    const r2 = allocate([jan, feb], [pay('p1', '2020-02-10', 5000)]);
    expect(r2.creditBalance).toBe(0);
    expect(r2.invoices.find((i) => i.invoiceId === 'feb')!.settled).toBe(2000);
  });

  it('a credit note settles open invoices like a payment', () => {
    const note = inv('note', '2020-03-01', '2020-03-15', -1000);
    const r = allocate([jan, note], []);
    expect(r.allocations).toEqual([{ sourceId: 'note', invoiceId: 'jan', amount: 1000 }]);
    expect(r.invoices.find((i) => i.invoiceId === 'jan')!.left).toBe(2000);
  });

  it('refuses amounts that are not whole minor units, or negative money', () => {
    expect(() => allocate([jan], [pay('p', '2020-02-02', 10.5)])).toThrow(AllocationError);
    expect(() => allocate([jan], [pay('p', '2020-02-02', -1)])).toThrow(AllocationError);
    expect(() => allocate([inv('x', '2020-01-01', '2020-01-02', Number.MAX_SAFE_INTEGER + 2)], [])).toThrow(AllocationError);
    expect(() => allocate([jan, jan], [])).toThrow(AllocationError);
  });
});

describe('payments: statuses and card digits', () => {
  const base: PaymentFact = { id: 'p', receivedOn: '2020-01-01', amount: 5000, status: 'received', returnedAmount: null, invoiceId: null };
  it('a failed payment counts for nothing, a returned one keeps only what was not sent back', () => {
    expect(keptAmount(base)).toBe(5000);
    expect(keptAmount({ ...base, status: 'failed' })).toBe(0);
    expect(keptAmount({ ...base, status: 'returned' })).toBe(0);
    expect(keptAmount({ ...base, status: 'returned', returnedAmount: 2000 })).toBe(3000);
    expect(moneyIn([{ ...base, status: 'failed' }, base])).toHaveLength(1);
  });
  it('shows four digits of a card and never more', () => {
    expect(maskedCard('4242')).toBe('•••• 4242');
    expect(maskedCard('4242424242424242')).toBeNull();
    expect(maskedCard('42a2')).toBeNull();
    expect(maskedCard(null)).toBeNull();
  });
});

// ── properties ───────────────────────────────────────────────────────────────

const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10));
const historyArb = fc
  .record({
    invoices: fc.array(fc.record({ issuedOn: day, terms: fc.integer({ min: 0, max: 40 }), total: fc.integer({ min: -50_000, max: 500_000 }) }), {
      maxLength: 14,
    }),
    money: fc.array(fc.record({ on: day, amount: fc.integer({ min: 0, max: 600_000 }), directed: fc.option(fc.nat(20), { nil: null }) }), { maxLength: 20 }),
  })
  .map(({ invoices, money }) => {
    const items = invoices.map((i, k) => inv(`i${k}`, i.issuedOn, new Date(Date.parse(i.issuedOn) + i.terms * 86_400_000).toISOString().slice(0, 10), i.total));
    const ins = money.map((m, k) => pay(`m${k}`, m.on, m.amount, m.directed === null ? null : `i${m.directed}`));
    return { items, ins };
  });

describe('allocation properties (10,000 random histories each)', () => {
  it('conserves money exactly: allocated + credit balance = money in + credit notes', () => {
    fc.assert(
      fc.property(historyArb, ({ items, ins }) => {
        const r = allocate(items, ins);
        const allocated = r.allocations.reduce((s, a) => s + a.amount, 0);
        const moneyTotal = ins.reduce((s, m) => s + m.amount, 0) + items.filter((i) => i.total < 0).reduce((s, i) => s - i.total, 0);
        expect(allocated + r.creditBalance).toBe(moneyTotal);
        expect([...r.unallocated.values()].reduce((s, v) => s + v, 0)).toBe(r.creditBalance);
        for (const a of r.allocations) expect(a.amount).toBeGreaterThan(0);
      }),
      { numRuns: 10_000 },
    );
  });

  it('never settles an invoice beyond its total, and leaves a credit balance only when nothing is owed', () => {
    fc.assert(
      fc.property(historyArb, ({ items, ins }) => {
        const r = allocate(items, ins);
        for (const s of r.invoices) {
          expect(s.settled).toBeGreaterThanOrEqual(0);
          expect(s.left).toBeGreaterThanOrEqual(0);
          if (s.total >= 0) expect(s.settled + s.left).toBe(s.total);
        }
        const owed = r.invoices.reduce((s, i) => s + i.left, 0);
        if (r.creditBalance > 0) expect(owed).toBe(0);
        // Balance identity: what is owed minus the credit = charges minus money.
        const charges = items.filter((i) => i.total > 0).reduce((s, i) => s + i.total, 0);
        const moneyTotal = ins.reduce((s, m) => s + m.amount, 0) + items.filter((i) => i.total < 0).reduce((s, i) => s - i.total, 0);
        expect(owed - r.creditBalance).toBe(charges - moneyTotal);
      }),
      { numRuns: 10_000 },
    );
  });

  it('does not depend on the order the rows came in', () => {
    fc.assert(
      fc.property(historyArb, fc.integer(), ({ items, ins }, seed) => {
        const shuffled = [...ins].sort((a, b) => ((a.id.charCodeAt(1) * seed) % 7) - ((b.id.charCodeAt(1) * seed) % 7));
        expect(allocate([...items].reverse(), shuffled)).toEqual(allocate(items, ins));
      }),
      { numRuns: 10_000 },
    );
  });
});
