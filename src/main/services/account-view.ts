/**
 * The verified caller's full account. Only ever called for a VERIFIED interaction (the
 * dispatcher's gate), and only for that interaction's customer. A constant number of prepared
 * statements per call (no N+1 over accounts or invoices); the sums are done here, in integer
 * minor units.
 *
 * Reading it is audited ('view_full_account', audit-only: it changes no synced state) once per
 * interaction — refreshing the screen does not spam the log.
 *
 * No verification secret is returned: no date of birth, no PIN.
 */
import { invoiceStanding } from '../../core/billing/standing';
import {
  ACCOUNT_DETAILS_INVOICES,
  ApiError,
  type AccountBalance,
  type AccountDetails,
  type AccountInvoiceSummary,
  type AccountView,
  type CatalogItemRef,
  type PostalAddress,
  type SubscriptionSummary,
} from '../../core/api';
import { accountQueries, type AccountDetailsRow } from '../store/accounts';
import { auditLogQueries } from '../store/audit-log';
import { catalogQueries } from '../store/catalog';
import { customerQueries } from '../store/customers';
import { disputeQueries } from '../store/disputes';
import { invoiceQueries, type InvoiceSummaryRow, type PaymentSummaryRow } from '../store/invoices';
import { ledgerQueries } from '../store/ledger';
import { subscriptionQueries, type ChangeOfCustomerRow, type SubscriptionOfCustomerRow } from '../store/subscriptions';
import { prepareStores } from '../store/prepared';
import type { VerifiedCall } from './open-call';
import type { CommandServiceDeps } from './command-log';

export type AccountViewDeps = CommandServiceDeps;

export class AccountViewService {
  private readonly store;

  constructor(private readonly deps: AccountViewDeps) {
    this.store = prepareStores(deps.client, {
      customers: customerQueries,
      accounts: accountQueries,
      invoices: invoiceQueries,
      ledger: ledgerQueries,
      subscriptions: subscriptionQueries,
      catalog: catalogQueries,
      log: auditLogQueries,
      disputes: disputeQueries,
    });
  }

  details(interaction: VerifiedCall, actorId: string): AccountDetails {
    const customerId = interaction.customerId;
    if (customerId === null) throw new ApiError('NOT_FOUND');
    const customer = this.store.customers.details(customerId);
    if (!customer) throw new ApiError('NOT_FOUND');
    const today = this.deps.now().toISOString().slice(0, 10);

    const accounts = this.store.accounts.detailsOfCustomer(customerId);
    const invoices = this.store.invoices.latestOfCustomer(customerId, ACCOUNT_DETAILS_INVOICES);
    const oldestCycleEnd = invoices.reduce((min, i) => (i.cycleEnd < min ? i.cycleEnd : min), '9999-12-31');
    const payments = this.store.invoices.paymentsOfCustomerAfter(customerId, invoices.length > 0 ? oldestCycleEnd : '0000-00-00');
    const credits = new Map(this.store.ledger.unbilledOneOffOfCustomer(customerId).map((r) => [r.accountId, r.amount]));
    const subscriptions = this.store.subscriptions.ofCustomer(customerId);
    const changes = this.store.subscriptions.changesOfCustomerUntil(customerId, today);
    const names = new Map(this.store.catalog.names().map((r) => [r.code, r.name]));
    // What open disputes hold on each invoice, set aside by the overdue rule (the payments and bills tabs read the same).
    const held = this.store.disputes.heldOfCustomer(customerId);

    const details: AccountDetails = {
      interactionId: interaction.id,
      customerId,
      givenName: customer.givenName,
      familyName: customer.familyName,
      category: customer.category,
      locale: customer.locale,
      churnRisk: customer.churnRisk,
      fraudFlag: customer.fraudFlag === 1,
      phones: this.store.customers.phones(customerId).map((p) => ({ e164: p.e164, kind: p.kind, isPrimary: p.isPrimary === 1 })),
      emails: this.store.customers.emails(customerId).map((e) => ({ email: e.email, isPrimary: e.isPrimary === 1 })),
      billingAddress: (this.store.customers.billingAddress(customerId) as PostalAddress | undefined) ?? null,
      accounts: accounts.map((a) =>
        accountView(
          a,
          invoices.filter((i) => i.accountId === a.accountId),
          payments.filter((p) => p.accountId === a.accountId),
          credits.get(a.accountId) ?? 0,
          subscriptions.filter((s) => s.accountId === a.accountId),
          changes,
          names,
          held,
          today,
        ),
      ),
    };

    // Audited once per call: the first full view is what matters, refreshes add nothing.
    this.deps.client.transaction(() => {
      if (this.store.log.fullAccountViewed(interaction.id)) return;
      this.deps.commands.record({ actorId, interactionId: interaction.id, action: 'view_full_account', subject: `customer:${customerId}` });
    })();
    return details;
  }
}

function accountView(
  a: AccountDetailsRow,
  invoices: readonly InvoiceSummaryRow[],
  payments: readonly PaymentSummaryRow[],
  unbilledCredits: number,
  subscriptions: readonly SubscriptionOfCustomerRow[],
  changes: readonly ChangeOfCustomerRow[],
  names: ReadonlyMap<string, string>,
  held: ReadonlyMap<string, number>,
  today: string,
): AccountView {
  const paidAgainst = new Map<string, number>();
  for (const p of payments) if (p.invoiceId) paidAgainst.set(p.invoiceId, (paidAgainst.get(p.invoiceId) ?? 0) + p.amount);
  const paidAfter = (date: string) => payments.reduce((sum, p) => (p.receivedOn > date ? sum + p.amount : sum), 0);

  const summaries: AccountInvoiceSummary[] = invoices.map((i) => {
    // The one rule (core/billing/standing.ts): oldest debt first, what was paid after its cycle counts,
    // what open disputes hold set aside.
    const status = invoiceStanding(i, paidAfter(i.cycleEnd), today, held.get(i.invoiceId) ?? 0);
    return {
      invoiceId: i.invoiceId,
      number: i.number,
      cycleStart: i.cycleStart,
      cycleEnd: i.cycleEnd,
      issuedOn: i.issuedOn,
      dueOn: i.dueOn,
      currency: i.currency,
      total: i.total,
      amountDue: i.amountDue,
      paidAmount: paidAgainst.get(i.invoiceId) ?? 0,
      status,
      paid: status === 'paid',
    };
  });

  return {
    accountId: a.accountId,
    number: a.number,
    status: a.status,
    currency: a.currency,
    openedOn: a.openedOn,
    paymentTermsDays: a.paymentTermsDays,
    paperBill: a.paperBill === 1,
    balance: balanceOf(a, invoices[0] ?? null, paidAfter, unbilledCredits, summaries),
    subscriptions: subscriptions.map((s) =>
      subscriptionView(
        s,
        changes.filter((c) => c.subscriptionId === s.subscriptionId),
        names,
      ),
    ),
    invoices: summaries,
  };
}

/**
 * The balance from the books: the latest invoice's amount due already nets everything up to
 * its cycle end (previous balance − payments in the cycle + total); what changed since is the
 * payments received after the cycle end and the credits not on an invoice yet.
 */
function balanceOf(
  a: AccountDetailsRow,
  latest: InvoiceSummaryRow | null,
  paidAfter: (date: string) => number,
  creditsSince: number,
  invoices: readonly AccountInvoiceSummary[],
): AccountBalance {
  const latestAmountDue = latest?.amountDue ?? 0;
  const paymentsSince = latest ? paidAfter(latest.cycleEnd) : 0;
  const balance = latestAmountDue - paymentsSince - creditsSince;
  const dueOn = balance > 0 && latest ? latest.dueOn : null;
  return {
    currency: latest?.currency ?? a.currency,
    latestInvoiceId: latest?.invoiceId ?? null,
    latestAmountDue,
    paymentsSince,
    creditsSince,
    balance,
    dueOn,
    // Overdue by the one rule (core/billing/standing.ts): an invoice is overdue — unless the credits
    // granted since leave nothing to pay.
    overdue: balance > 0 && invoices.some((i) => i.status === 'overdue'),
  };
}

/** Plan and options held today, from the subscription's change history (the engine's source). */
function subscriptionView(s: SubscriptionOfCustomerRow, changes: readonly ChangeOfCustomerRow[], names: ReadonlyMap<string, string>): SubscriptionSummary {
  let plan = s.planCode;
  const options = new Set<string>();
  for (const c of changes) {
    if (!c.itemCode) continue;
    if (c.change === 'start' || c.change === 'plan_change') plan = c.itemCode;
    else if (c.change === 'option_add') options.add(c.itemCode);
    else if (c.change === 'option_remove') options.delete(c.itemCode);
  }
  const ref = (code: string): CatalogItemRef => ({ code, name: names.get(code) ?? code });
  return {
    subscriptionId: s.subscriptionId,
    plan: ref(plan),
    options: [...options].sort().map(ref),
    startedOn: s.startedOn,
    endedOn: s.endedOn,
  };
}
