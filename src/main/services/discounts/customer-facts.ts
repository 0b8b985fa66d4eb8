/**
 * What the policy engine is told about a customer, read from the store — never from the screen.
 * The only inputs the agent supplies are the justification fields of the request (a disputed
 * amount, outage days); everything else comes from these tables:
 *
 *   tenureMonths     whole months since the account opened (accounts.opened_on) to today.
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
 *                    approval row and the audit trail), as core/policy/decide.ts specifies.
 */
import type Database from 'better-sqlite3';
import { ApiError, type DiscountRequestInput } from '../../../core/api';
import { billedCycles, recurringTermsOf } from '../../../core/billing/credits';
import { REASON_CODES, type CustomerFacts, type DiscountRequest, type PriorCredit, type ReasonCode, type Standing } from '../../../core/policy';
import { accountQueries, type AccountQueries, type AccountTermsRow } from '../../store/accounts';
import { customerQueries, type CustomerQueries, type CustomerRiskRow } from '../../store/customers';
import { invoiceQueries, type InvoiceFiguresRow, type InvoiceQueries } from '../../store/invoices';
import { ledgerQueries, type LedgerQueries, type LedgerRow, type LedgerRowOfCustomer } from '../../store/ledger';

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
export function policyKindOf(kind: LedgerRow['kind']): PriorCredit['kind'] {
  return kind === 'recurring_discount' ? 'recurring_discount' : kind === 'fee_waiver' ? 'fee_waiver' : 'one_off_credit';
}

/**
 * What a granted entry actually gives, given its reversal (if any): a one-off credit reversed is
 * taken back (0); a recurring discount reversed keeps only the cycles billed before.
 */
export function deliveredAmount(entry: LedgerRow, reversal: LedgerRow | undefined): number {
  if (!reversal) return entry.amount;
  if (entry.kind !== 'recurring_discount') return 0;
  const terms = recurringTermsOf(entry.terms, entry.id);
  return billedCycles(terms, reversal.effectiveOn).length * terms.amountPerCycle;
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

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Where a request lands: the account, and the invoice whose figures it is measured against. */
export interface Target {
  readonly customer: CustomerRiskRow;
  readonly account: AccountTermsRow;
  /** The invoice named by the request, or the account's latest; null for an account never billed. */
  readonly invoice: InvoiceFiguresRow | null;
}

export class CustomerFactsReader {
  private readonly customers: CustomerQueries;
  private readonly accounts: AccountQueries;
  private readonly invoices: InvoiceQueries;
  private readonly ledger: LedgerQueries;

  constructor(readonly client: Database.Database) {
    this.customers = customerQueries(client);
    this.accounts = accountQueries(client);
    this.invoices = invoiceQueries(client);
    this.ledger = ledgerQueries(client);
  }

  customer(id: string): CustomerRiskRow | undefined {
    return this.customers.risk(id);
  }

  account(id: string): AccountTermsRow | undefined {
    return this.accounts.byId(id);
  }

  invoice(id: string): InvoiceFiguresRow | undefined {
    return this.invoices.byId(id);
  }

  accountsOf(customerId: string): AccountTermsRow[] {
    return this.accounts.ofCustomerMainFirst(customerId);
  }

  recentInvoices(accountId: string, n: number): InvoiceFiguresRow[] {
    return this.invoices.recentOfAccount(accountId, n);
  }

  lateFeeOf(invoiceId: string): number {
    return this.invoices.lateFee(invoiceId) ?? 0;
  }

  /** Every ledger row of the customer's accounts (reversals included), newest first. */
  ledgerOfCustomer(customerId: string): LedgerRow[] {
    return this.ledger.ofCustomer(customerId);
  }

  ledgerEntry(id: string): LedgerRowOfCustomer | undefined {
    return this.ledger.withCustomer(id);
  }

  reversalOf(id: string): LedgerRow | undefined {
    return this.ledger.reversalOf(id);
  }

  /**
   * Where a request lands, checked against the verified customer: an invoice of anyone else is
   * NOT_FOUND (ids are not an oracle). Without an invoice id: the customer's main account (active
   * first, then the oldest) and its latest invoice.
   */
  target(customerId: string, request: DiscountRequestInput): Target {
    const customer = this.customer(customerId);
    if (!customer) throw new ApiError('NOT_FOUND');
    const invoiceId = 'invoiceId' in request ? request.invoiceId : undefined;
    if (invoiceId !== undefined && request.kind === 'one_off_credit' && request.target === 'account') {
      throw new ApiError('INVALID_INPUT', [{ path: 'request.invoiceId', message: 'a credit on the account is not on an invoice' }]);
    }
    if (invoiceId !== undefined) {
      const invoice = this.invoice(invoiceId);
      const account = invoice ? this.account(invoice.accountId) : undefined;
      if (!invoice || !account || account.customerId !== customerId) throw new ApiError('NOT_FOUND', [{ path: 'request.invoiceId', message: 'no such invoice for this caller' }]);
      return { customer, account, invoice };
    }
    const account = this.accountsOf(customerId)[0];
    if (!account) throw new ApiError('NOT_FOUND', [{ path: 'interactionId', message: 'this caller has no account' }]);
    return { customer, account, invoice: this.recentInvoices(account.id, 1)[0] ?? null };
  }

  standing(account: AccountTermsRow, today: string): Standing {
    if (account.status === 'suspended') return 'collections';
    const [latest, previous] = this.recentInvoices(account.id, 2);
    if (!latest) return 'good';
    const paid = this.invoices.paidBetween(account.id, latest.issuedOn, today) ?? 0;
    const overdue = latest.dueOn < today && latest.amountDue - paid > 0;
    const lateNow = this.lateFeeOf(latest.id) > 0;
    const latePrevious = previous ? this.lateFeeOf(previous.id) > 0 : false;
    if (overdue && lateNow && latePrevious) return 'collections';
    return overdue || lateNow ? 'late' : 'good';
  }

  monthlyBill(accountId: string): number {
    return Math.max(0, median(this.recentInvoices(accountId, 3).map((i) => i.total)));
  }

  /** This customer's credits of the rolling 12 months ending `today`, counted for what they give. */
  history(customerId: string, today: string): PriorCredit[] {
    const rows = this.ledgerOfCustomer(customerId);
    const reversals = new Map<string, LedgerRow>();
    for (const r of rows) if (r.kind === 'reversal' && r.reversesId) reversals.set(r.reversesId, r);
    const from = yearBefore(today);
    const out: PriorCredit[] = [];
    for (const r of rows) {
      if (r.kind === 'reversal' || r.effectiveOn <= from) continue;
      const amount = deliveredAmount(r, reversals.get(r.id));
      if (amount <= 0) continue;
      out.push({ at: r.effectiveOn, amount, reason: policyReasonOf(r.reasonCode), kind: policyKindOf(r.kind) });
    }
    return out;
  }

  /** What `actorId` granted on the UTC day `today`, all customers, net of what was reversed. */
  grantedOn(actorId: string, today: string): number {
    const start = `${today}T00:00:00.000Z`;
    const end = new Date(Date.parse(start) + 86_400_000).toISOString();
    let total = 0;
    for (const r of this.ledger.grantedBy(actorId, start, end)) {
      if (r.reversalOn === null) total += r.amount;
      else if (r.kind === 'recurring_discount') total += deliveredAmount(r, { effectiveOn: r.reversalOn } as LedgerRow);
    }
    return total;
  }

  /**
   * The facts of one decision. `dayOf` is whose day the daily limit is counted on: the actor's
   * own for a grant, the requesting agent's for an approval.
   */
  facts(target: Target, request: DiscountRequestInput, dayOf: string, today: string): CustomerFacts {
    const { customer, account, invoice } = target;
    const facts: { -readonly [K in keyof CustomerFacts]: CustomerFacts[K] } = {
      customerId: customer.id,
      accountCurrency: account.currency,
      tenureMonths: monthsBetween(account.openedOn, today),
      standing: this.standing(account, today),
      fraudFlag: customer.fraudFlag === 1,
      churnRisk: customer.churnRisk,
      invoiceTotal: Math.max(0, invoice?.total ?? 0),
      monthlyBill: this.monthlyBill(account.id),
      history: this.history(customer.id, today),
      actorGrantedToday: this.grantedOn(dayOf, today),
    };
    if (invoice) {
      const fee = this.lateFeeOf(invoice.id);
      if (fee > 0) facts.lateFeeAmount = fee;
    }
    if (request.disputedAmount !== undefined) facts.disputedAmount = request.disputedAmount;
    if (request.outageDays !== undefined) facts.outageDays = request.outageDays;
    return facts;
  }
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
