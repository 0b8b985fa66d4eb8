import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleOf, explainLine, generateInvoice, type PreviousInvoice } from '../../../src/core/billing/index';
import { account, CATALOG, plain } from './fixtures';

const march = cycleOf('2026-03');
const subscription = [{ from: '2026-01-01', planId: 'basic', optionIds: [] }];
// The February bill: issued 1 March, due 15 March (14 days), €30.00 to pay.
const february: PreviousInvoice = { id: 'acc-1:2026-02-01', issueDate: '2026-03-01', dueDate: '2026-03-15', amountDue: 3000 };
const codes = (invoice: ReturnType<typeof generateInvoice>) => invoice.lines.map((l) => l.explanation.code);

describe('one-off fees', () => {
  it('charges a one-off fee in the cycle of its date, with VAT when taxable', () => {
    // Installation 4900, VAT 980.
    const invoice = generateInvoice(CATALOG, account({ subscription, oneOffCharges: [{ id: 'c1', feeId: 'installation', date: '2026-03-05' }] }), march);
    expect(invoice.lines.find((l) => l.explanation.code === 'one-off-fee')).toMatchObject({ amount: 4900, tax: 980, total: 5880 });
    expect(
      generateInvoice(CATALOG, account({ subscription, oneOffCharges: [{ id: 'c1', feeId: 'installation', date: '2026-03-05' }] }), cycleOf('2026-04')).lines,
    ).toHaveLength(1);
  });
});

describe('late fee per payment terms', () => {
  it('is charged when the previous bill was not paid in full by its due date', () => {
    // Paid 2000 by 15 March (+1000 on the 16th, too late) < 3000 due → late fee 750, outside the scope of VAT.
    const payments = [
      { id: 'p1', date: '2026-03-10', amount: 2000 },
      { id: 'p2', date: '2026-03-16', amount: 1000 },
    ];
    const invoice = generateInvoice(CATALOG, account({ subscription, payments }), march, february);
    const late = invoice.lines.find((l) => l.explanation.code === 'late-fee');
    expect(late).toMatchObject({ amount: 750, tax: 0, total: 750, explanation: { dueDate: '2026-03-15', amountDue: 3000, paidByDueDate: 2000 } });
    // Balance: 3000 previous − 3000 received + (999 + 200 + 750) = 1949.
    expect(invoice).toMatchObject({ previousBalance: 3000, paymentsReceived: 3000, total: 1949, amountDue: 1949 });
  });

  it('is not charged when the bill was paid in full on the due date', () => {
    const payments = [
      { id: 'p1', date: '2026-03-10', amount: 2000 },
      { id: 'p2', date: '2026-03-15', amount: 1000 },
    ];
    expect(codes(generateInvoice(CATALOG, account({ subscription, payments }), march, february))).not.toContain('late-fee');
  });

  it('is not charged when nothing was due, nor without a previous bill', () => {
    expect(codes(generateInvoice(CATALOG, account({ subscription }), march, { ...february, amountDue: 0 }))).not.toContain('late-fee');
    expect(codes(generateInvoice(CATALOG, account({ subscription }), march, { ...february, amountDue: -500 }))).not.toContain('late-fee');
    expect(codes(generateInvoice(CATALOG, account({ subscription }), march))).not.toContain('late-fee');
  });
});

describe('ledger credits', () => {
  // Credits were "outside the scope of VAT" until the issue showed that wrong: a price reduction
  // lowers the taxable base and its VAT (EU VAT directive art. 79 and 90, CGI art. 267).
  it('become negative lines VAT included that lower the taxable base, and the customer gets exactly the amount granted', () => {
    // 999 + 200 VAT − 1000 credit = 199; the credit is 833 net + 167 VAT, so the VAT is 200 − 167 = 33.
    const invoice = generateInvoice(
      CATALOG,
      account({ subscription, ledger: [{ kind: 'credit', id: 'l1', date: '2026-03-20', amount: 1000, reason: 'goodwill' }] }),
      march,
    );
    expect(invoice.lines.at(-1)).toMatchObject({ amount: -833, tax: -167, total: -1000, taxable: true, explanation: { vat: 'included' } });
    expect(invoice.total).toBe(199);
    expect(invoice.subtotal).toBe(999 - 833);
    expect(invoice.tax).toBe(33);
  });

  it('a late-fee waiver stays outside the scope of VAT, like the fee it gives back', () => {
    const invoice = generateInvoice(
      CATALOG,
      account({ subscription, ledger: [{ kind: 'credit', id: 'w1', date: '2026-03-20', amount: 750, reason: 'goodwill', waiver: 'late-fee' }] }),
      march,
    );
    expect(invoice.lines.at(-1)).toMatchObject({ amount: -750, tax: 0, total: -750, taxable: false, explanation: { vat: 'outside-scope' } });
    expect(plain(explainLine(invoice.lines.at(-1)!, 'en'))).toBe('Late fee waived on 20 March: -€7.50 (outside the scope of VAT)');
    expect(plain(explainLine(invoice.lines.at(-1)!, 'fr'))).toBe('Frais de retard annulés le 20 mars : -7,50 € (hors champ de la TVA)');
  });

  it('property: a credit lowers the bill by exactly the amount granted, and its VAT is the VAT included in it (10 000 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 0, max: 3000 }), (amount, rateBp) => {
        const catalog = { ...CATALOG, taxRules: [{ country: 'FR', rateBp }] };
        const ledger = [{ kind: 'credit' as const, id: 'l1', date: '2026-03-20', amount, reason: 'goodwill' as const }];
        const without = generateInvoice(catalog, account({ subscription }), march);
        const withCredit = generateInvoice(catalog, account({ subscription, ledger }), march);
        const line = withCredit.lines.at(-1)!;
        if (withCredit.total !== without.total - amount || line.amount + line.tax !== -amount) expect({ amount, rateBp, line }).toBe('exact');
        // The VAT in it is within half a minor unit of the exact VAT included in the amount.
        if (Math.abs(-line.tax * (10_000 + rateBp) - amount * rateBp) > (10_000 + rateBp) / 2 + rateBp / 2)
          expect({ amount, rateBp, line }).toBe('VAT included');
      }),
      { numRuns: 10_000 },
    );
  });

  it('a reversing entry cancels a credit', () => {
    const ledger = [
      { kind: 'credit' as const, id: 'l1', date: '2026-03-20', amount: 1000, reason: 'goodwill' as const },
      { kind: 'credit' as const, id: 'l2', date: '2026-03-21', amount: -1000, reason: 'reversal' as const, reversesId: 'l1' },
    ];
    const invoice = generateInvoice(CATALOG, account({ subscription, ledger }), march);
    expect(invoice.lines.slice(-2).map((l) => l.total)).toEqual([-1000, 1000]);
    expect(invoice.lines.slice(-2).map((l) => l.tax)).toEqual([-167, 167]);
    expect(invoice.total).toBe(1199);
  });

  it('may leave a credit balance carried to the next bill', () => {
    const invoice = generateInvoice(
      CATALOG,
      account({ subscription, ledger: [{ kind: 'credit', id: 'l1', date: '2026-03-20', amount: 5000, reason: 'billing-error' }] }),
      march,
    );
    // 1199 − 5000 = −3801: the customer is owed €38.01.
    expect(invoice.amountDue).toBe(-3801);
  });
});
