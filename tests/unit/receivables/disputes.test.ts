/** Disputes (core/receivables/disputes.ts) and the hold they put on late fees and the overdue rule. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lateFeeLines } from '../../../src/core/billing/fees';
import { invoiceStanding } from '../../../src/core/billing/standing';
import {
  checkDisputeOpening,
  checkDisputeResolution,
  CUSTOMER_SAID_MAX,
  disputableOnLine,
  disputeIssueText,
  DISPUTE_REASONS,
  heldByInvoice,
  resolvedStatus,
  type DisputeFact,
} from '../../../src/core/receivables';
import { CATALOG } from '../billing/fixtures';

const line = { lineId: 'l1', invoiceId: 'inv1', amount: 2_999 };
const open = (id: string, amount: number, status: DisputeFact['status'] = 'open', lineId = 'l1'): DisputeFact => ({
  id,
  invoiceId: 'inv1',
  lineId,
  amount,
  status,
});
const ok = { amount: 1_000, reason: 'wrong_amount', customerSaid: 'I never used roaming in March.' };

describe('opening a dispute on an invoice line', () => {
  it('accepts an amount up to the whole line', () => {
    expect(checkDisputeOpening(line, [], ok)).toEqual([]);
    expect(checkDisputeOpening(line, [], { ...ok, amount: 2_999 })).toEqual([]);
  });

  it('refuses more than the line minus what open or credited disputes already hold; a rejected one frees its amount', () => {
    expect(checkDisputeOpening(line, [open('d1', 2_000)], { ...ok, amount: 1_000 })).toEqual([{ code: 'over_disputable', disputable: 999 }]);
    expect(checkDisputeOpening(line, [open('d1', 2_000, 'credited')], { ...ok, amount: 999 })).toEqual([]);
    expect(checkDisputeOpening(line, [open('d1', 2_000, 'rejected')], { ...ok, amount: 2_999 })).toEqual([]);
    expect(disputableOnLine(line, [open('d1', 2_000), open('d2', 500, 'open', 'other-line')])).toBe(999);
  });

  it('refuses a zero, negative, fractional or unsafe amount; a line that charges nothing; an unknown reason; nothing said or too much', () => {
    for (const amount of [0, -1, 10.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2])
      expect(checkDisputeOpening(line, [], { ...ok, amount }).map((i) => i.code)).toContain('amount_positive');
    expect(checkDisputeOpening({ ...line, amount: -500 }, [], ok).map((i) => i.code)).toContain('line_not_disputable');
    expect(checkDisputeOpening(line, [], { ...ok, reason: 'because' }).map((i) => i.code)).toEqual(['reason_unknown']);
    expect(checkDisputeOpening(line, [], { ...ok, customerSaid: '   ' }).map((i) => i.code)).toEqual(['customer_said_missing']);
    expect(checkDisputeOpening(line, [], { ...ok, customerSaid: 'x'.repeat(CUSTOMER_SAID_MAX) })).toEqual([]);
    expect(checkDisputeOpening(line, [], { ...ok, customerSaid: 'x'.repeat(CUSTOMER_SAID_MAX + 1) }).map((i) => i.code)).toEqual(['customer_said_too_long']);
  });

  it('every reason of the fixed list is accepted', () => {
    for (const reason of DISPUTE_REASONS) expect(checkDisputeOpening(line, [], { ...ok, reason })).toEqual([]);
  });

  it('property: what open and credited disputes hold on a line never exceeds it, whatever order they are opened in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.array(fc.integer({ min: -10, max: 60_000 }), { maxLength: 12 }), (amount, asks) => {
        const l = { ...line, amount };
        const held: DisputeFact[] = [];
        for (const [i, ask] of asks.entries())
          if (checkDisputeOpening(l, held, { ...ok, amount: ask }).length === 0) held.push(open(`d${i}`, ask, i % 3 === 0 ? 'credited' : 'open'));
        expect(held.reduce((s, d) => s + d.amount, 0)).toBeLessThanOrEqual(amount);
        expect(disputableOnLine(l, held)).toBe(amount - held.reduce((s, d) => s + d.amount, 0));
      }),
    );
  });
});

describe('resolving a dispute', () => {
  it('by a credit up to the disputed amount, or a rejection with a reason', () => {
    expect(checkDisputeResolution(open('d', 1_000), { kind: 'credit', amount: 1_000 })).toEqual([]);
    expect(checkDisputeResolution(open('d', 1_000), { kind: 'credit', amount: 400 })).toEqual([]);
    expect(checkDisputeResolution(open('d', 1_000), { kind: 'credit', amount: 1_001 })).toEqual([{ code: 'credit_over_disputed', disputed: 1_000 }]);
    expect(checkDisputeResolution(open('d', 1_000), { kind: 'credit', amount: 0 })).toEqual([{ code: 'credit_positive' }]);
    expect(checkDisputeResolution(open('d', 1_000), { kind: 'reject', reason: 'Roaming used on 3 March in Spain.' })).toEqual([]);
    expect(checkDisputeResolution(open('d', 1_000), { kind: 'reject', reason: ' ' })).toEqual([{ code: 'rejection_reason_missing' }]);
    expect(resolvedStatus({ kind: 'credit', amount: 1 })).toBe('credited');
    expect(resolvedStatus({ kind: 'reject', reason: 'x' })).toBe('rejected');
  });

  it('a resolved dispute cannot be resolved again, either way', () => {
    for (const status of ['credited', 'rejected'] as const) {
      expect(checkDisputeResolution(open('d', 1_000, status), { kind: 'credit', amount: 100 })).toEqual([{ code: 'already_resolved', status }]);
      expect(checkDisputeResolution(open('d', 1_000, status), { kind: 'reject', reason: 'no' })).toEqual([{ code: 'already_resolved', status }]);
    }
  });

  it('says why in both languages', () => {
    expect(disputeIssueText({ code: 'over_disputable', disputable: 999 }, 'en', 'EUR')).toBe('At most €9.99 of this line can still be disputed.');
    expect(disputeIssueText({ code: 'over_disputable', disputable: 999 }, 'fr', 'EUR')).toBe('Au plus 9,99\u00a0€ de cette ligne peut encore être contesté.');
    expect(disputeIssueText({ code: 'already_resolved', status: 'rejected' }, 'fr', 'EUR')).toBe('Cette contestation est déjà traitée (Rejetée).');
  });
});

describe('the hold: open disputes are set aside by late fees and the overdue rule', () => {
  it('only open disputes hold money, per invoice', () => {
    const held = heldByInvoice([
      open('a', 100),
      open('b', 200),
      open('c', 300, 'credited'),
      open('d', 400, 'rejected'),
      { ...open('e', 50), invoiceId: 'inv2' },
    ]);
    expect([...held]).toEqual([
      ['inv1', 300],
      ['inv2', 50],
    ]);
  });

  it('an invoice partly under dispute is overdue for the rest; wholly under dispute it is not', () => {
    const inv = { amountDue: 5_000, dueOn: '2026-03-15' };
    expect(invoiceStanding(inv, 0, '2026-03-20', 4_999)).toBe('overdue');
    expect(invoiceStanding(inv, 0, '2026-03-20', 5_000)).toBe('due');
    expect(invoiceStanding(inv, 1_000, '2026-03-20', 4_000)).toBe('partly-paid');
    expect(invoiceStanding(inv, 5_000, '2026-03-20', 5_000)).toBe('paid');
  });

  const cycle = { start: '2026-03-01', end: '2026-03-31' };
  const previous = (amountDue: number, disputedHeld: number) => ({ id: 'feb', issueDate: '2026-02-01', dueDate: '2026-03-01', amountDue, disputedHeld });

  it('the late fee judges only the undisputed part', () => {
    expect(lateFeeLines(CATALOG, previous(5_000, 5_000), [], cycle, 2000)).toEqual([]);
    expect(lateFeeLines(CATALOG, previous(5_000, 3_000), [{ id: 'p', date: '2026-02-20', amount: 2_000 }], cycle, 2000)).toEqual([]);
    expect(lateFeeLines(CATALOG, previous(5_000, 3_000), [{ id: 'p', date: '2026-02-20', amount: 1_999 }], cycle, 2000)).toHaveLength(1);
    expect(lateFeeLines(CATALOG, previous(5_000, 0), [], cycle, 2000)).toHaveLength(1);
  });

  it('property: an invoice whose unpaid amount is entirely under open dispute never draws a late fee and is never overdue (2 000 runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), amount: fc.integer({ min: 1, max: 100_000 }) }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 400 }),
        (amountDue, pays, extraHeld, daysLate) => {
          const payments = pays.map((p, i) => ({ id: `p${i}`, date: `2026-02-${String(p.day).padStart(2, '0')}`, amount: p.amount }));
          const paid = payments.reduce((s, p) => s + p.amount, 0);
          const unpaid = Math.max(0, amountDue - paid);
          // every unpaid cent is disputed (the customer may dispute more than is still unpaid)
          const held = unpaid + extraHeld;
          expect(lateFeeLines(CATALOG, previous(amountDue, held), payments, cycle, 2000)).toEqual([]);
          const today = new Date(Date.UTC(2026, 2, 1 + daysLate)).toISOString().slice(0, 10);
          expect(invoiceStanding({ amountDue, dueOn: '2026-03-01' }, paid, today, held)).not.toBe('overdue');
          // and one cent not under dispute is judged as before
          if (unpaid > 0) {
            expect(lateFeeLines(CATALOG, previous(amountDue, unpaid - 1), payments, cycle, 2000)).toHaveLength(1);
            if (daysLate > 0) expect(invoiceStanding({ amountDue, dueOn: '2026-03-01' }, paid, today, unpaid - 1)).toBe('overdue');
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
