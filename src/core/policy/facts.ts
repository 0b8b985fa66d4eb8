/**
 * What the policy engine is told about a customer, assembled from stored rows — never from the
 * screen. The desk (SQLite) and the hub (PostgreSQL) read the same rows and call these same
 * functions, so a credit granted at a desk and re-decided by the hub is judged on one rule.
 * The only inputs the agent supplies are the justification fields of the request (a disputed
 * amount, outage days); everything else comes from the rows:
 *
 *   tenureMonths     whole months since the account opened to today.
 *   standing         collections: the account is suspended, or it is overdue and its last two
 *                    bills both carried a late fee; late: it is overdue (the latest bill's amount
 *                    due, less the payments received since it was issued, is unpaid past its due
 *                    date) or its latest bill carried a late fee; good otherwise.
 *   fraudFlag, churnRisk   the customer row.
 *   invoiceTotal     the targeted invoice's total (or the latest invoice's), never below 0.
 *   monthlyBill      the median total of the last three invoices (a single odd month — a credit,
 *                    an installation fee — does not move it), never below 0.
 *   lateFeeAmount    the late-fee lines of the targeted (or latest) invoice.
 *   history          this customer's credits of the last 12 months, every account and agent,
 *                    counted for what they actually give: a reversed one-off credit is taken back
 *                    (it counts 0 and is left out); a reversed recurring discount counts the
 *                    cycles it was billed on before the reversal.
 *   actorGrantedToday   what this agent granted today (UTC day, by created_at), all customers,
 *                    counted the same way. An approved request counts on the REQUESTING agent's
 *                    day (the ledger entry's actor is the requester; the approver is in the
 *                    approval row and the audit trail).
 */
import { invoiceStanding } from '../billing/standing';
import type { DiscountRequestInput } from '../api/methods/discounts';
import { billedCycles, recurringTermsOf } from '../billing/credits';
import { REASON_CODES, type CustomerFacts, type DiscountRequest, type PriorCredit, type ReasonCode, type Standing } from './schema';

/** A ledger row as both stores hold it (`terms` JSON text or an object). */
export interface LedgerFact {
  readonly id: string;
  readonly kind: 'credit' | 'recurring_discount' | 'fee_waiver' | 'reversal';
  readonly amount: number;
  readonly reasonCode: string;
  readonly reversesId: string | null;
  readonly terms: unknown;
  readonly effectiveOn: string;
}

/** A grant of the agent, with the day it was reversed (null if it stands). */
export interface ActorGrantFact extends LedgerFact {
  readonly reversalOn: string | null;
}

export interface AccountFact {
  readonly id: string;
  readonly customerId: string;
  readonly currency: string;
  readonly status: string;
  readonly openedOn: string;
}

export interface InvoiceFact {
  readonly id: string;
  readonly total: number;
  readonly amountDue: number;
  readonly issuedOn: string;
  readonly dueOn: string;
  /** The invoice's late-fee lines (0 when none). */
  readonly lateFee: number;
  /**
   * What open disputes hold on it (core/receivables/disputes heldByInvoice; 0 or absent when
   * none): set aside by the overdue rule, so a bill wholly under dispute does not make the account late.
   */
  readonly held?: number;
}

export interface CustomerRiskFact {
  readonly id: string;
  readonly fraudFlag: boolean;
  readonly churnRisk: CustomerFacts['churnRisk'];
}

/** The rows one decision reads. */
export interface DecisionRows {
  readonly customer: CustomerRiskFact;
  readonly account: AccountFact;
  /** The invoice the request names, or the account's latest; null for an account never billed. */
  readonly invoice: InvoiceFact | null;
  /** The account's latest invoices, newest first (at least three when it has them). */
  readonly recentInvoices: readonly InvoiceFact[];
  /** Payments received on the account from the latest invoice's issue day to today. */
  readonly paidSinceLatest: number;
  /** Every ledger row of the customer's accounts, reversals included. */
  readonly ledger: readonly LedgerFact[];
  /** What the agent whose day is counted granted today (reversals aside). */
  readonly actorGrantsToday: readonly ActorGrantFact[];
}

/** Store reason codes of older rows (the billing engine's words) → the policy's reasons. */
const LEGACY_REASONS: Readonly<Record<string, ReasonCode>> = {
  'billing-error': 'billing_error',
  'service-outage': 'service_outage',
  retention: 'retention_offer',
};

/** The policy reason of a stored row; an unknown code reads as goodwill (it then counts toward every cap). */
export function policyReasonOf(code: string): ReasonCode {
  if ((REASON_CODES as readonly string[]).includes(code)) return code as ReasonCode;
  return LEGACY_REASONS[code] ?? 'goodwill';
}

/** The policy kind of a stored (non-reversal) row. */
export function policyKindOf(kind: LedgerFact['kind']): PriorCredit['kind'] {
  return kind === 'recurring_discount' ? 'recurring_discount' : kind === 'fee_waiver' ? 'fee_waiver' : 'one_off_credit';
}

/**
 * What a granted entry actually gives, given the day it was reversed (if it was): a one-off
 * credit reversed is taken back (0); a recurring discount reversed keeps only the cycles billed
 * before.
 */
export function deliveredAmount(entry: LedgerFact, reversedOn: string | null): number {
  if (reversedOn === null) return entry.amount;
  if (entry.kind !== 'recurring_discount') return 0;
  const terms = recurringTermsOf(entry.terms, entry.id);
  return billedCycles(terms, reversedOn).length * terms.amountPerCycle;
}

/** The day one year before `day` (29 February → 28 February), as the policy's window starts. */
export function yearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

export function monthsBetween(from: string, to: string): number {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  const whole = Number(to.slice(8, 10)) >= Number(from.slice(8, 10)) ? months : months - 1;
  return Math.max(0, whole);
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function standingOf(account: AccountFact, recentInvoices: readonly InvoiceFact[], paidSinceLatest: number, today: string): Standing {
  if (account.status === 'suspended') return 'collections';
  const [latest, previous] = recentInvoices;
  if (!latest) return 'good';
  // The one rule for an invoice's standing (core/billing/standing.ts).
  const overdue = invoiceStanding(latest, paidSinceLatest, today, latest.held ?? 0) === 'overdue';
  const lateNow = latest.lateFee > 0;
  const latePrevious = previous ? previous.lateFee > 0 : false;
  if (overdue && lateNow && latePrevious) return 'collections';
  return overdue || lateNow ? 'late' : 'good';
}

/** The median of the last three bills, never below 0. */
export function monthlyBillOf(recentInvoices: readonly InvoiceFact[]): number {
  return Math.max(0, median(recentInvoices.slice(0, 3).map((i) => i.total)));
}

/** The day each entry of `ledger` was reversed on, by the entry's id (the first reversal). */
export function reversalDays(ledger: readonly LedgerFact[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ledger) {
    if (r.kind !== 'reversal' || r.reversesId === null) continue;
    const held = out.get(r.reversesId);
    if (held === undefined || r.effectiveOn < held) out.set(r.reversesId, r.effectiveOn);
  }
  return out;
}

/** The customer's credits of the rolling 12 months ending `today`, counted for what they give. */
export function creditHistory(ledger: readonly LedgerFact[], today: string): PriorCredit[] {
  const reversed = reversalDays(ledger);
  const from = yearBefore(today);
  const out: PriorCredit[] = [];
  for (const r of ledger) {
    if (r.kind === 'reversal' || r.effectiveOn <= from) continue;
    const amount = deliveredAmount(r, reversed.get(r.id) ?? null);
    if (amount <= 0) continue;
    out.push({ at: r.effectiveOn, amount, reason: policyReasonOf(r.reasonCode), kind: policyKindOf(r.kind) });
  }
  return out;
}

/** What an agent granted on a day, all customers, net of what was reversed. */
export function grantedTotal(grants: readonly ActorGrantFact[]): number {
  let total = 0;
  for (const g of grants) if (g.kind !== 'reversal') total += deliveredAmount(g, g.reversalOn);
  return total;
}

/** The facts of one decision, from the rows it reads. */
export function customerFacts(rows: DecisionRows, request: DiscountRequestInput, today: string): CustomerFacts {
  const { customer, account, invoice } = rows;
  const facts: { -readonly [K in keyof CustomerFacts]: CustomerFacts[K] } = {
    customerId: customer.id,
    accountCurrency: account.currency,
    tenureMonths: monthsBetween(account.openedOn, today),
    standing: standingOf(account, rows.recentInvoices, rows.paidSinceLatest, today),
    fraudFlag: customer.fraudFlag,
    churnRisk: customer.churnRisk,
    invoiceTotal: Math.max(0, invoice?.total ?? 0),
    monthlyBill: monthlyBillOf(rows.recentInvoices),
    history: creditHistory(rows.ledger, today),
    actorGrantedToday: grantedTotal(rows.actorGrantsToday),
  };
  if (invoice && invoice.lateFee > 0) facts.lateFeeAmount = invoice.lateFee;
  if (request.disputedAmount !== undefined) facts.disputedAmount = request.disputedAmount;
  if (request.outageDays !== undefined) facts.outageDays = request.outageDays;
  return facts;
}

/** The UTC day's bounds [start, end) of `day`, as created_at is compared for a daily total. */
export function dayBounds(day: string): { start: string; end: string } {
  const start = `${day}T00:00:00.000Z`;
  return { start, end: new Date(Date.parse(start) + 86_400_000).toISOString() };
}

/** The core policy's request: the API request without where it lands and its justification. */
export function coreRequest(request: DiscountRequestInput): DiscountRequest {
  switch (request.kind) {
    case 'one_off_credit':
      return { kind: 'one_off_credit', reason: request.reason, target: request.target, amount: request.amount };
    case 'fee_waiver':
      return { kind: 'fee_waiver', reason: request.reason, fee: 'late_fee', amount: request.amount };
    case 'recurring_discount':
      return request.form === 'amount'
        ? { kind: 'recurring_discount', reason: request.reason, form: 'amount', amountPerCycle: request.amountPerCycle, cycles: request.cycles }
        : { kind: 'recurring_discount', reason: request.reason, form: 'percent', percentBp: request.percentBp, cycles: request.cycles };
  }
}
