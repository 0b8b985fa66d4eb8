/**
 * "Is this bill right?" for a verified call: the caller's issued invoice, as stored, against the
 * invoice the engine computes now for the same cycle from the account's current history
 * (core/billing/fairness.ts says what a difference is and how its cause is named).
 *
 * The recomputation is the billing run's own: the account's history read by BillingStore.load,
 * the invoice before it (and the one before that, for 28-day terms) as stored, the catalog in
 * force. One-off charges come from the stored bills' lines, so a fee line billed twice would read
 * as two charges with one id: the charge is counted once, as the engine bills it.
 *
 * Reads only. The correcting credit is an ordinary 'discounts.grant' (billing_error on this
 * invoice): limits, approvals, idempotency, audit and sync are the credit path's. Credits granted
 * that way are linked to the invoice (ledger_entries.invoice_id), and a check counts them as
 * `corrected`, so once the credit is granted nothing is left outstanding.
 */
import { ApiError, type InvoiceCheckView, type Locale } from '../../../core/api';
import { BillingError, checkInvoice, explainDifference, explainSettled, summariseFairness, type FairnessCheck, type OneOffCharge } from '../../../core/billing';
import { invoiceForValidCatalog } from '../../../core/billing/invoice';
import { disputeQueries } from '../../store/disputes';
import { fairnessQueries } from '../../store/fairness';
import type { InvoiceRow } from '../../store/invoices';
import { prepareStores } from '../../store/prepared';
import { loadAccount, previousInvoiceRef } from './engine-input';
import { storedInvoice } from './stored-invoice';
import type { BillingService } from './billing-service';

export interface CheckedInvoice {
  readonly row: InvoiceRow;
  readonly check: FairnessCheck;
  readonly corrected: number;
}

export class FairnessService {
  private readonly store;

  constructor(private readonly billing: BillingService) {
    this.store = prepareStores(billing.reader.client, { fairness: fairnessQueries, disputes: disputeQueries });
  }

  /** The check of any stored invoice (the caller's ownership is checked by `view`). */
  checkRow(row: InvoiceRow, account: { country: string; category: 'residential' | 'business' }): CheckedInvoice {
    const store = this.billing.reader;
    const catalog = this.billing.catalog;
    const issued = storedInvoice(store, row, account, catalog).invoice;
    const loaded = loadAccount(store, row.accountId, catalog);
    if (!loaded) throw new ApiError('NOT_FOUND');
    const seen = new Set<string>();
    const oneOffCharges: OneOffCharge[] = [];
    for (const c of loaded.context.oneOffCharges) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      oneOffCharges.push(c);
    }
    const before = store.previousInvoice.get(row.accountId, row.cycleStart) ?? null;
    const beforeThat = before ? (store.previousInvoice.get(row.accountId, before.cycleStart) ?? null) : null;
    let recomputed;
    try {
      recomputed = invoiceForValidCatalog(
        catalog,
        { ...loaded.context, oneOffCharges },
        { start: row.cycleStart, end: row.cycleEnd },
        // What open disputes held when the bill was issued was not judged for a late fee then: nor now.
        before ? previousInvoiceRef(before, beforeThat, this.store.disputes.heldOfAccountOn(row.accountId, row.issuedOn)) : null,
      );
    } catch (err) {
      // A history the engine refuses for this cycle cannot be checked: say so, never a wrong answer.
      if (err instanceof BillingError) throw new ApiError('CONFLICT', [{ path: 'invoiceId', message: `this bill cannot be recalculated (${err.code})` }]);
      throw err;
    }
    const check = checkInvoice(issued, recomputed, { changes: this.store.fairness.recordedChanges(row.accountId) });
    return { row, check, corrected: this.store.fairness.corrected(row.id, row.issuedOn) };
  }

  /** The verified caller's invoice checked, in words. Another customer's invoice is NOT_FOUND. */
  view(customerId: string, invoiceId: string, locale: Locale): InvoiceCheckView {
    const found = this.billing.reader.invoiceOfCustomer.get(invoiceId, customerId);
    if (!found) throw new ApiError('NOT_FOUND');
    const { customerId: _owner, accountNumber: _number, accountCurrency: _currency, country, category, ...row } = found;
    const { check, corrected } = this.checkRow(row, { country, category });
    const outstanding = Math.max(0, check.customerOwed - corrected);
    const summary = outstanding === 0 && corrected > 0 ? explainSettled(corrected, check.currency, locale) : summariseFairness(check, locale);
    return {
      invoiceId: row.id,
      number: row.number,
      currency: check.currency,
      locale,
      issuedTotal: check.issuedTotal,
      recomputedTotal: check.recomputedTotal,
      differences: check.differences.map((d) => ({
        lineId: d.lineId,
        cause: d.cause.code,
        issued: d.issued,
        recomputed: d.recomputed,
        difference: d.difference,
        owedTo: d.owedTo,
        sentence: explainDifference(d, check.currency, locale),
      })),
      customerOwed: check.customerOwed,
      undercharged: check.undercharged,
      corrected,
      outstanding,
      summary,
      correctingCredit:
        outstanding > 0
          ? { kind: 'one_off_credit', reason: 'billing_error', target: 'invoice', amount: outstanding, invoiceId: row.id, disputedAmount: outstanding }
          : null,
    };
  }
}
