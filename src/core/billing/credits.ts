/**
 * Ledger credits dated in the cycle become negative lines. A credit is the money the agent granted,
 * so it is applied after VAT (outside its scope): the customer gets exactly the amount promised.
 */
import type { CreditExplanation, InvoiceLine } from './invoice-types';
import { isWithin } from './dates';
import { taxedLine } from './tax';
import type { BillingCycle, Catalog, LedgerEntry } from './types';

export function creditLines(catalog: Catalog, ledger: readonly LedgerEntry[], cycle: BillingCycle): InvoiceLine[] {
  return ledger
    .filter((e) => e.kind === 'credit' && isWithin(e.date, cycle.start, cycle.end))
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1))
    .map((entry) => {
      const explanation: CreditExplanation = {
        code: 'credit',
        rule: 'ledger-credit',
        entryId: entry.id,
        date: entry.date,
        reason: entry.reason,
        amount: entry.amount,
      };
      return taxedLine(`credit:${entry.id}`, catalog.currency, explanation, -entry.amount, false, 0);
    });
}
