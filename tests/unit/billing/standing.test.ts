/** The one rule for where an invoice stands (core/billing/standing.ts), and that its users agree. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceStanding, leftToPay } from '../../../src/core/billing/standing';
import { standingOf } from '../../../src/core/policy/facts';

const invoice = { amountDue: 5000, dueOn: '2026-03-15' };

describe('invoice standing', () => {
  it('is due before its due date with nothing paid, partly paid with something, paid with everything', () => {
    expect(invoiceStanding(invoice, 0, '2026-03-10')).toBe('due');
    expect(invoiceStanding(invoice, 2000, '2026-03-10')).toBe('partly-paid');
    expect(invoiceStanding(invoice, 5000, '2026-03-10')).toBe('paid');
    expect(invoiceStanding(invoice, 6000, '2026-03-10')).toBe('paid');
  });

  it('is overdue only after its due date (the due date itself is still on time)', () => {
    expect(invoiceStanding(invoice, 0, '2026-03-15')).toBe('due');
    expect(invoiceStanding(invoice, 0, '2026-03-16')).toBe('overdue');
    expect(invoiceStanding(invoice, 4999, '2026-03-16')).toBe('overdue');
    expect(invoiceStanding(invoice, 5000, '2026-04-16')).toBe('paid');
  });

  it('an invoice asking for nothing (or owing the customer) is paid', () => {
    expect(invoiceStanding({ ...invoice, amountDue: 0 }, 0, '2026-05-01')).toBe('paid');
    expect(invoiceStanding({ ...invoice, amountDue: -300 }, 0, '2026-05-01')).toBe('paid');
  });

  it("property: the policy's 'late' for an overdue latest bill is exactly the invoice's 'overdue' (10 000 runs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 50_000 }), fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 40 }), (amountDue, paid, day) => {
        const today = `2026-03-${String(1 + (day % 28)).padStart(2, '0')}`;
        const fact = { id: 'i', issuedOn: '2026-03-01', dueOn: invoice.dueOn, cycleStart: '2026-02-01', total: amountDue, amountDue, lateFee: 0 };
        const standing = standingOf({ id: 'a', status: 'active', openedOn: '2020-01-01' } as never, [fact as never], paid, today);
        const status = invoiceStanding({ amountDue, dueOn: invoice.dueOn }, paid, today);
        expect(standing === 'late').toBe(status === 'overdue');
        expect(leftToPay({ amountDue, dueOn: invoice.dueOn }, paid) > 0).toBe(status !== 'paid');
      }),
      { numRuns: 10_000 },
    );
  });
});
