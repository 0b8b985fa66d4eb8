/**
 * Every unpaid invoice is judged on its own due date (fees.ts). With 28-day terms January's bill
 * (issued 1 February) is due 1 March: February's bill cannot judge it yet and March's used to look
 * only at February's, so the fee was lost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cycleOf,
  generateInvoice,
  generateInvoices,
  nextCycle,
  type BillingCycle,
  type Invoice,
  type LateFeeExplanation,
} from '../../../src/core/billing/index';
import { dayNumber, fromDayNumber } from '../../../src/core/billing/dates';
import { previousInvoiceOf } from '../../../src/core/billing/fees';
import { account, CATALOG } from './fixtures';

const subscription = [{ from: '2025-12-01', planId: 'basic', optionIds: [] }];
const lateFees = (invoice: Invoice): LateFeeExplanation[] => invoice.lines.flatMap((l) => (l.explanation.code === 'late-fee' ? [l.explanation] : []));

function months(first: string, count: number): BillingCycle[] {
  const out: BillingCycle[] = [];
  for (let c = cycleOf(first), i = 0; i < count; c = nextCycle(c), i++) out.push(c);
  return out;
}

describe('late fee with 28-day terms', () => {
  it("charges January's unpaid bill on March's bill, and February's too, each once", () => {
    const [january, february, march, april] = generateInvoices(CATALOG, account({ subscription, paymentTermsDays: 28 }), months('2026-01', 4));
    expect(january!.dueDate).toBe('2026-03-01');
    expect(lateFees(february!)).toEqual([]);
    expect(lateFees(march!).map((f) => [f.previousInvoiceId, f.dueDate])).toEqual([
      ['acc-1:2026-01-01', '2026-03-01'],
      ['acc-1:2026-02-01', '2026-03-29'],
    ]);
    expect(lateFees(april!).map((f) => f.previousInvoiceId)).toEqual(['acc-1:2026-03-01']);
  });

  it('charges nothing when January was paid by 1 March', () => {
    const payments = [{ id: 'p1', date: '2026-03-01', amount: 1199 }];
    const [, february, march] = generateInvoices(CATALOG, account({ subscription, paymentTermsDays: 28, payments }), months('2026-01', 3));
    expect(lateFees(february!)).toEqual([]);
    // February's bill (1199, issued 1 March) is still unpaid on 29 March: only its own fee.
    expect(lateFees(march!).map((f) => f.previousInvoiceId)).toEqual(['acc-1:2026-02-01']);
  });

  it('the desk passes the invoice before the previous one (previousInvoiceOf) and generateInvoice judges it', () => {
    const january = { id: 'jan', issueDate: '2026-02-01', dueDate: '2026-03-01', amountDue: 1000 };
    const february = { id: 'feb', issueDate: '2026-03-01', dueDate: '2026-03-29', amountDue: 0 };
    const march = generateInvoice(CATALOG, account({ subscription }), cycleOf('2026-03'), previousInvoiceOf(february, january));
    expect(lateFees(march).map((f) => f.previousInvoiceId)).toEqual(['jan']);
  });

  it('property: every invoice unpaid at its due date gets exactly one late fee, a paid one none (10 000 runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 28 }),
        fc.integer({ min: 0, max: 11 }),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 240 }), amount: fc.integer({ min: 0, max: 3000 }) }), { maxLength: 8 }),
        (terms, startMonth, pays) => {
          const cycles = months(`2026-${String(startMonth + 1).padStart(2, '0')}`, 7);
          const first = dayNumber(cycles[0]!.start);
          const payments = pays.map((p, i) => ({ id: `p${i}`, date: fromDayNumber(first + p.day), amount: p.amount }));
          const invoices = generateInvoices(CATALOG, account({ subscription, paymentTermsDays: terms, payments }), cycles);
          const last = cycles.at(-1)!;
          const charged = invoices.flatMap(lateFees).map((f) => f.previousInvoiceId);
          if (new Set(charged).size !== charged.length) expect(charged).toBe('each invoice judged once');
          for (const invoice of invoices) {
            if (invoice.dueDate > last.end) continue;
            const paid = payments.filter((p) => p.date >= invoice.issueDate && p.date <= invoice.dueDate).reduce((s, p) => s + p.amount, 0);
            const late = invoice.amountDue > 0 && paid < invoice.amountDue;
            if (charged.includes(invoice.id) !== late)
              expect({ invoice: invoice.id, due: invoice.dueDate, paid, late, charged }).toBe('judged on its due date');
            // Charged on the bill of the cycle its due date falls in.
            const on = invoices.find((i) => lateFees(i).some((f) => f.previousInvoiceId === invoice.id));
            if (on && !(on.cycle.start <= invoice.dueDate && invoice.dueDate <= on.cycle.end))
              expect({ invoice: invoice.id, on: on.id }).toBe('in the cycle of its due date');
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
