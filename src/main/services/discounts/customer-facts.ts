/**
 * The facts of a discount decision, read from the desk's store. The rule that turns rows into
 * facts is core's (core/policy/facts.ts), the same one the hub runs on its own rows.
 */
import type Database from 'better-sqlite3';
import { ApiError, type DiscountRequestInput } from '../../../core/api';
import {
  creditHistory,
  customerFacts,
  dayBounds,
  grantedTotal,
  standingOf,
  monthlyBillOf,
  type CustomerFacts,
  type DecisionRows,
  type InvoiceFact,
  type LedgerFact,
  type PriorCredit,
  type Standing,
} from '../../../core/policy';
import { accountQueries, type AccountTermsRow } from '../../store/accounts';
import { customerQueries, type CustomerRiskRow } from '../../store/customers';
import { disputeQueries } from '../../store/disputes';
import { invoiceQueries, type InvoiceFiguresRow } from '../../store/invoices';
import { ledgerQueries, type LedgerRow, type LedgerRowOfCustomer } from '../../store/ledger';
import { prepareStores } from '../../store/prepared';

export { coreRequest, policyReasonOf } from '../../../core/policy';

/** Where a request lands: the account, and the invoice whose figures it is measured against. */
export interface Target {
  readonly customer: CustomerRiskRow;
  readonly account: AccountTermsRow;
  /** The invoice named by the request, or the account's latest; null for an account never billed. */
  readonly invoice: InvoiceFiguresRow | null;
}

export class CustomerFactsReader {
  private readonly store;

  constructor(readonly client: Database.Database) {
    this.store = prepareStores(client, {
      disputes: disputeQueries,
      customers: customerQueries,
      accounts: accountQueries,
      invoices: invoiceQueries,
      ledger: ledgerQueries,
    });
  }

  customer(id: string): CustomerRiskRow | undefined {
    return this.store.customers.risk(id);
  }

  account(id: string): AccountTermsRow | undefined {
    return this.store.accounts.byId(id);
  }

  invoice(id: string): InvoiceFiguresRow | undefined {
    return this.store.invoices.byId(id);
  }

  accountsOf(customerId: string): AccountTermsRow[] {
    return this.store.accounts.ofCustomerMainFirst(customerId);
  }

  recentInvoices(accountId: string, n: number): InvoiceFiguresRow[] {
    return this.store.invoices.recentOfAccount(accountId, n);
  }

  lateFeeOf(invoiceId: string): number {
    return this.store.invoices.lateFee(invoiceId) ?? 0;
  }

  /** Every ledger row of the customer's accounts (reversals included), newest first. */
  ledgerOfCustomer(customerId: string): LedgerRow[] {
    return this.store.ledger.ofCustomer(customerId);
  }

  ledgerEntry(id: string): LedgerRowOfCustomer | undefined {
    return this.store.ledger.withCustomer(id);
  }

  reversalOf(id: string): LedgerRow | undefined {
    return this.store.ledger.reversalOf(id);
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
      if (!invoice || !account || account.customerId !== customerId)
        throw new ApiError('NOT_FOUND', [{ path: 'request.invoiceId', message: 'no such invoice for this caller' }]);
      return { customer, account, invoice };
    }
    const account = this.accountsOf(customerId)[0];
    if (!account) throw new ApiError('NOT_FOUND', [{ path: 'interactionId', message: 'this caller has no account' }]);
    return { customer, account, invoice: this.recentInvoices(account.id, 1)[0] ?? null };
  }

  private invoiceFact(i: InvoiceFiguresRow, held: ReadonlyMap<string, number> = this.store.disputes.heldOfAccount(i.accountId)): InvoiceFact {
    const fact = { id: i.id, total: i.total, amountDue: i.amountDue, issuedOn: i.issuedOn, dueOn: i.dueOn, lateFee: this.lateFeeOf(i.id) };
    const h = held.get(i.id) ?? 0;
    return h > 0 ? { ...fact, held: h } : fact;
  }

  private recentFacts(accountId: string): InvoiceFact[] {
    const held = this.store.disputes.heldOfAccount(accountId);
    return this.recentInvoices(accountId, 3).map((i) => this.invoiceFact(i, held));
  }

  private paidSinceLatest(accountId: string, recent: readonly InvoiceFact[], today: string): number {
    return recent[0] ? (this.store.invoices.paidBetween(accountId, recent[0].issuedOn, today) ?? 0) : 0;
  }

  standing(account: AccountTermsRow, today: string): Standing {
    const recent = this.recentFacts(account.id);
    return standingOf(account, recent, this.paidSinceLatest(account.id, recent, today), today);
  }

  monthlyBill(accountId: string): number {
    return monthlyBillOf(this.recentFacts(accountId));
  }

  /** This customer's credits of the rolling 12 months ending `today`, counted for what they give. */
  history(customerId: string, today: string): PriorCredit[] {
    return creditHistory(this.ledgerOfCustomer(customerId).map(ledgerFact), today);
  }

  /** What `actorId` granted on the UTC day `today`, all customers, net of what was reversed. */
  grantedOn(actorId: string, today: string): number {
    const { start, end } = dayBounds(today);
    return grantedTotal(this.store.ledger.grantedBy(actorId, start, end).map((r) => ({ ...ledgerFact(r), reversalOn: r.reversalOn })));
  }

  /**
   * The facts of one decision. `dayOf` is whose day the daily limit is counted on: the actor's
   * own for a grant, the requesting agent's for an approval.
   */
  facts(target: Target, request: DiscountRequestInput, dayOf: string, today: string): CustomerFacts {
    const { customer, account, invoice } = target;
    const recent = this.recentFacts(account.id);
    const { start, end } = dayBounds(today);
    const rows: DecisionRows = {
      customer: { id: customer.id, fraudFlag: customer.fraudFlag === 1, churnRisk: customer.churnRisk },
      account,
      invoice: invoice ? this.invoiceFact(invoice) : null,
      recentInvoices: recent,
      paidSinceLatest: this.paidSinceLatest(account.id, recent, today),
      ledger: this.ledgerOfCustomer(customer.id).map(ledgerFact),
      actorGrantsToday: this.store.ledger.grantedBy(dayOf, start, end).map((r) => ({ ...ledgerFact(r), reversalOn: r.reversalOn })),
    };
    return customerFacts(rows, request, today);
  }
}

function ledgerFact(r: LedgerRow): LedgerFact {
  return { id: r.id, kind: r.kind, amount: r.amount, reasonCode: r.reasonCode, reversesId: r.reversesId, terms: r.terms, effectiveOn: r.effectiveOn };
}
