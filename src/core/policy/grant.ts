/**
 * What a decision that allows a request writes in the ledger, and what an approver may change in
 * a request — shared by the desk, which grants at once, and the hub, which re-decides what the
 * desk granted and must find the very same entries.
 *
 *   one_off_credit       kind 'credit', amount; invoiceId = the invoice for target 'invoice'
 *   recurring_discount   kind 'recurring_discount', amount = total over all cycles, terms
 *                        { cycles, startCycle, amountPerCycle, percentBp? } — a percentage is turned
 *                        into amountPerCycle once, from the monthly bill the decision used, so the
 *                        customer gets what was decided and the caps counted exactly that
 *   fee_waiver           kind 'fee_waiver', amount; invoiceId = the invoice that carried the fee
 *
 * A recurring discount starts on the first cycle not yet invoiced (the current month, or the
 * month after the latest invoice if that is later).
 */
import type { DiscountRequestInput } from '../api/methods/discounts';
import { addMonths } from '../billing/credits';
import type { Decision } from './decide';

export interface PlannedEntry {
  readonly id: string;
  readonly accountId: string;
  readonly kind: 'credit' | 'recurring_discount' | 'fee_waiver';
  readonly amount: number;
  readonly currency: string;
  readonly reasonCode: string;
  readonly invoiceId: string | null;
  readonly terms: { cycles: number; startCycle: string; amountPerCycle: number; percentBp?: number } | null;
}

/** The first billing cycle ('YYYY-MM') not yet invoiced, given the latest invoice's cycle start. */
export function firstOpenCycle(today: string, latestCycleStart: string | null): string {
  const current = today.slice(0, 7);
  const afterLatest = latestCycleStart ? addMonths(latestCycleStart.slice(0, 7), 1) : current;
  return afterLatest > current ? afterLatest : current;
}

export interface PlanInput {
  readonly id: string;
  readonly accountId: string;
  readonly currency: string;
  /** The invoice the decision measured against (the named one, or the latest). */
  readonly invoiceId: string | null;
  readonly latestCycleStart: string | null;
  readonly today: string;
}

/** The entries an allowed decision writes (one today; a list so a split grant stays possible). */
export function plannedEntries(decision: Decision, request: DiscountRequestInput, p: PlanInput): PlannedEntry[] {
  const base = { id: p.id, accountId: p.accountId, currency: p.currency, reasonCode: request.reason };
  switch (request.kind) {
    case 'one_off_credit':
      return [{ ...base, kind: 'credit', amount: request.amount, invoiceId: request.target === 'invoice' ? p.invoiceId : null, terms: null }];
    case 'fee_waiver':
      return [{ ...base, kind: 'fee_waiver', amount: request.amount, invoiceId: p.invoiceId, terms: null }];
    case 'recurring_discount': {
      const amountPerCycle = decision.perCycleAmount ?? (request.form === 'amount' ? request.amountPerCycle : 0);
      const terms = {
        cycles: request.cycles,
        startCycle: firstOpenCycle(p.today, p.latestCycleStart),
        amountPerCycle,
        ...(request.form === 'percent' ? { percentBp: request.percentBp } : {}),
      };
      return [{ ...base, kind: 'recurring_discount', amount: amountPerCycle * request.cycles, invoiceId: null, terms }];
    }
  }
}

/**
 * Whether the entries a desk wrote are the ones the hub plans: same money, same place, and a
 * recurring discount that starts on a cycle not yet invoiced (a desk whose clock or download lags
 * may start it later, never on a bill already issued). Returns what differs, empty when they agree.
 */
export function entriesDiffer(desk: readonly PlannedEntry[], hub: readonly PlannedEntry[]): string[] {
  if (desk.length !== hub.length) return [`${desk.length} entries, the hub plans ${hub.length}`];
  const out: string[] = [];
  desk.forEach((d, i) => {
    const h = hub[i]!;
    for (const k of ['accountId', 'kind', 'amount', 'currency', 'reasonCode', 'invoiceId'] as const)
      if (d[k] !== h[k]) out.push(`${k}: ${String(d[k])} ≠ ${String(h[k])}`);
    if ((d.terms === null) !== (h.terms === null)) out.push('terms');
    else if (d.terms && h.terms) {
      if (d.terms.cycles !== h.terms.cycles || d.terms.amountPerCycle !== h.terms.amountPerCycle || d.terms.percentBp !== h.terms.percentBp) out.push('terms');
      if (d.terms.startCycle < h.terms.startCycle) out.push(`startCycle: ${d.terms.startCycle} is already invoiced`);
    }
  });
  return out;
}

/** Whether `approved` is `original` or a lowering of it: the same shape, no figure raised. */
export function isLoweringOf(original: DiscountRequestInput, approved: DiscountRequestInput): boolean {
  if (original.kind !== approved.kind || original.reason !== approved.reason) return false;
  if (original.disputedAmount !== approved.disputedAmount || original.outageDays !== approved.outageDays) return false;
  const sameInvoice = ('invoiceId' in original ? original.invoiceId : undefined) === ('invoiceId' in approved ? approved.invoiceId : undefined);
  if (!sameInvoice) return false;
  switch (original.kind) {
    case 'one_off_credit':
      return approved.kind === 'one_off_credit' && approved.target === original.target && approved.amount <= original.amount;
    case 'fee_waiver':
      return approved.kind === 'fee_waiver' && approved.amount <= original.amount;
    case 'recurring_discount': {
      if (approved.kind !== 'recurring_discount' || approved.form !== original.form || approved.cycles > original.cycles) return false;
      if (original.form === 'amount') return approved.form === 'amount' && approved.amountPerCycle <= original.amountPerCycle;
      return approved.form === 'percent' && approved.percentBp <= original.percentBp;
    }
  }
}
