/** A bill whose total is negative is issued as a credit note (avoir) referring to the invoice it corrects. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleOf, explainDocument, generateInvoice } from '../../../src/core/billing/index';
import { account, CATALOG, plain } from './fixtures';

const subscription = [{ from: '2026-01-01', planId: 'basic', optionIds: [] }];
const february = { id: 'acc-1:2026-02-01', issueDate: '2026-03-01', dueDate: '2026-03-15', amountDue: 0 };

describe('credit note', () => {
  it('a negative total is a credit note correcting the previous invoice, said so in English and French', () => {
    const ledger = [{ kind: 'credit' as const, id: 'l1', date: '2026-03-20', amount: 5000, reason: 'billing-error' as const }];
    const bill = generateInvoice(CATALOG, account({ subscription, ledger }), cycleOf('2026-03'), february);
    expect(bill.total).toBe(1199 - 5000);
    expect(bill.document).toEqual({ kind: 'credit-note', correctsInvoiceId: 'acc-1:2026-02-01' });
    expect(plain(explainDocument(bill, 'en'))).toBe('Credit note correcting invoice acc-1:2026-02-01: €38.01 in your favour');
    expect(plain(explainDocument(bill, 'fr', 'FA-202602-1'))).toBe('Avoir sur la facture FA-202602-1 : 38,01 € en votre faveur');
  });

  it('a bill of zero or more is an invoice', () => {
    const bill = generateInvoice(CATALOG, account({ subscription }), cycleOf('2026-03'), february);
    expect(bill.document).toEqual({ kind: 'invoice' });
    expect(explainDocument(bill, 'fr')).toBe('Facture');
  });

  it('property: credit note exactly when the total is negative (10 000 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (amount) => {
        const ledger = [{ kind: 'credit' as const, id: 'l1', date: '2026-03-20', amount, reason: 'goodwill' as const }];
        const bill = generateInvoice(CATALOG, account({ subscription, ledger }), cycleOf('2026-03'), february);
        expect(bill.document.kind === 'credit-note').toBe(bill.total < 0);
      }),
      { numRuns: 10_000 },
    );
  });
});
