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
import type Database from 'better-sqlite3';
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
import type { VerifiedCall } from './open-call';
import type { CommandLog } from './command-log';

export interface AccountViewDeps {
  readonly client: Database.Database;
  readonly commands: CommandLog;
  readonly now: () => Date;
}

interface CustomerRow {
  givenName: string;
  familyName: string;
  category: 'residential' | 'business';
  locale: string;
  churnRisk: 'low' | 'medium' | 'high';
  fraudFlag: number;
}
interface AccountRow {
  accountId: string;
  number: string;
  currency: string;
  status: 'active' | 'suspended' | 'closed';
  openedOn: string;
  paymentTermsDays: number;
  paperBill: number;
}
interface InvoiceRow {
  invoiceId: string;
  accountId: string;
  number: string;
  cycleStart: string;
  cycleEnd: string;
  issuedOn: string;
  dueOn: string;
  currency: string;
  total: number;
  previousBalance: number;
  paymentsReceived: number;
  amountDue: number;
}
interface PaymentRow {
  accountId: string;
  invoiceId: string | null;
  amount: number;
  receivedOn: string;
}
interface SubscriptionRow {
  subscriptionId: string;
  accountId: string;
  planCode: string;
  startedOn: string;
  endedOn: string | null;
}
interface ChangeRow {
  subscriptionId: string;
  effectiveOn: string;
  change: string;
  itemCode: string | null;
}

/** Ledger kinds that are one-off money owed back to the customer (a recurring discount shows on future bills). */
const ONE_OFF_LEDGER_KINDS = `('credit', 'fee_waiver', 'reversal')`;

export class AccountViewService {
  private readonly sql: {
    customer: Database.Statement<[string], CustomerRow>;
    phones: Database.Statement<[string], { e164: string; kind: 'mobile' | 'landline'; isPrimary: number }>;
    emails: Database.Statement<[string], { email: string; isPrimary: number }>;
    address: Database.Statement<[string], { line1: string; line2: string | null; postcode: string; city: string; country: string }>;
    accounts: Database.Statement<[string], AccountRow>;
    invoices: Database.Statement<[string, number], InvoiceRow>;
    payments: Database.Statement<[string, string], PaymentRow>;
    unbilledCredits: Database.Statement<[string], { accountId: string; amount: number }>;
    subscriptions: Database.Statement<[string], SubscriptionRow>;
    changes: Database.Statement<[string, string], ChangeRow>;
    catalog: Database.Statement<[], { code: string; name: string }>;
    viewed: Database.Statement<[string], { one: number }>;
  };

  constructor(private readonly deps: AccountViewDeps) {
    const c = deps.client;
    const ofCustomer = `SELECT id FROM accounts WHERE customer_id = ?`;
    this.sql = {
      customer: c.prepare(
        `SELECT given_name AS givenName, family_name AS familyName, category, locale, churn_risk AS churnRisk, fraud_flag AS fraudFlag
         FROM customers WHERE id = ?`,
      ),
      phones: c.prepare(`SELECT e164, kind, is_primary AS isPrimary FROM customer_phones WHERE customer_id = ? ORDER BY is_primary DESC, id`),
      emails: c.prepare(`SELECT email, is_primary AS isPrimary FROM customer_emails WHERE customer_id = ? ORDER BY is_primary DESC, id`),
      address: c.prepare(`SELECT line1, line2, postcode, city, country FROM addresses WHERE customer_id = ? ORDER BY is_billing DESC, id LIMIT 1`),
      accounts: c.prepare(
        `SELECT id AS accountId, number, currency, status, opened_on AS openedOn, payment_terms_days AS paymentTermsDays, paper_bill AS paperBill
         FROM accounts WHERE customer_id = ? ORDER BY opened_on, id`,
      ),
      // The latest N invoices of each account (newest first), through the (account_id, cycle_start) index.
      invoices: c.prepare(
        `SELECT invoiceId, accountId, number, cycleStart, cycleEnd, issuedOn, dueOn, currency, total, previousBalance, paymentsReceived, amountDue
         FROM (SELECT i.id AS invoiceId, i.account_id AS accountId, i.number, i.cycle_start AS cycleStart, i.cycle_end AS cycleEnd,
                      i.issued_on AS issuedOn, i.due_on AS dueOn, i.currency, i.total, i.previous_balance AS previousBalance,
                      i.payments_received AS paymentsReceived, i.amount_due AS amountDue,
                      row_number() OVER (PARTITION BY i.account_id ORDER BY i.cycle_start DESC, i.id DESC) AS k
               FROM invoices i WHERE i.account_id IN (${ofCustomer}))
         WHERE k <= ? ORDER BY accountId, cycleStart DESC`,
      ),
      // Payments since the oldest invoice shown: what settled those invoices and what came after.
      payments: c.prepare(
        `SELECT account_id AS accountId, invoice_id AS invoiceId, amount, received_on AS receivedOn
         FROM payments WHERE account_id IN (${ofCustomer}) AND received_on > ? ORDER BY received_on, id`,
      ),
      unbilledCredits: c.prepare(
        `SELECT account_id AS accountId, sum(amount) AS amount FROM ledger_entries
         WHERE account_id IN (${ofCustomer}) AND invoice_id IS NULL AND kind IN ${ONE_OFF_LEDGER_KINDS} GROUP BY account_id`,
      ),
      subscriptions: c.prepare(
        `SELECT id AS subscriptionId, account_id AS accountId, plan_code AS planCode, started_on AS startedOn, ended_on AS endedOn
         FROM subscriptions WHERE account_id IN (${ofCustomer}) ORDER BY ended_on IS NOT NULL, started_on DESC, id`,
      ),
      changes: c.prepare(
        `SELECT sc.subscription_id AS subscriptionId, sc.effective_on AS effectiveOn, sc.change, sc.item_code AS itemCode
         FROM subscription_changes sc JOIN subscriptions s ON s.id = sc.subscription_id
         WHERE s.account_id IN (${ofCustomer}) AND sc.effective_on <= ? ORDER BY sc.effective_on, sc.recorded_at, sc.id`,
      ),
      catalog: c.prepare(`SELECT code, name FROM plans`),
      viewed: c.prepare(`SELECT 1 AS one FROM audit_log WHERE interaction_id = ? AND action = 'view_full_account' LIMIT 1`),
    };
  }

  details(interaction: VerifiedCall, actorId: string): AccountDetails {
    const customerId = interaction.customerId;
    if (customerId === null) throw new ApiError('NOT_FOUND');
    const customer = this.sql.customer.get(customerId);
    if (!customer) throw new ApiError('NOT_FOUND');
    const today = this.deps.now().toISOString().slice(0, 10);

    const accounts = this.sql.accounts.all(customerId);
    const invoices = this.sql.invoices.all(customerId, ACCOUNT_DETAILS_INVOICES);
    const oldestCycleEnd = invoices.reduce((min, i) => (i.cycleEnd < min ? i.cycleEnd : min), '9999-12-31');
    const payments = this.sql.payments.all(customerId, invoices.length > 0 ? oldestCycleEnd : '0000-00-00');
    const credits = new Map(this.sql.unbilledCredits.all(customerId).map((r) => [r.accountId, r.amount]));
    const subscriptions = this.sql.subscriptions.all(customerId);
    const changes = this.sql.changes.all(customerId, today);
    const names = new Map(this.sql.catalog.all().map((r) => [r.code, r.name]));

    const details: AccountDetails = {
      interactionId: interaction.id,
      customerId,
      givenName: customer.givenName,
      familyName: customer.familyName,
      category: customer.category,
      locale: customer.locale,
      churnRisk: customer.churnRisk,
      fraudFlag: customer.fraudFlag === 1,
      phones: this.sql.phones.all(customerId).map((p) => ({ e164: p.e164, kind: p.kind, isPrimary: p.isPrimary === 1 })),
      emails: this.sql.emails.all(customerId).map((e) => ({ email: e.email, isPrimary: e.isPrimary === 1 })),
      billingAddress: (this.sql.address.get(customerId) as PostalAddress | undefined) ?? null,
      accounts: accounts.map((a) =>
        accountView(
          a,
          invoices.filter((i) => i.accountId === a.accountId),
          payments.filter((p) => p.accountId === a.accountId),
          credits.get(a.accountId) ?? 0,
          subscriptions.filter((s) => s.accountId === a.accountId),
          changes,
          names,
          today,
        ),
      ),
    };

    // Audited once per call: the first full view is what matters, refreshes add nothing.
    this.deps.client.transaction(() => {
      if (this.sql.viewed.get(interaction.id)) return;
      this.deps.commands.record({ actorId, interactionId: interaction.id, action: 'view_full_account', subject: `customer:${customerId}` });
    })();
    return details;
  }
}

function accountView(
  a: AccountRow,
  invoices: readonly InvoiceRow[],
  payments: readonly PaymentRow[],
  unbilledCredits: number,
  subscriptions: readonly SubscriptionRow[],
  changes: readonly ChangeRow[],
  names: ReadonlyMap<string, string>,
  today: string,
): AccountView {
  const paidAgainst = new Map<string, number>();
  for (const p of payments) if (p.invoiceId) paidAgainst.set(p.invoiceId, (paidAgainst.get(p.invoiceId) ?? 0) + p.amount);
  const paidAfter = (date: string) => payments.reduce((sum, p) => (p.receivedOn > date ? sum + p.amount : sum), 0);

  const summaries: AccountInvoiceSummary[] = invoices.map((i) => ({
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
    // Oldest debt is paid first: an invoice is settled once what was paid after it covers what it asked for.
    paid: i.amountDue <= paidAfter(i.cycleEnd),
  }));

  return {
    accountId: a.accountId,
    number: a.number,
    status: a.status,
    currency: a.currency,
    openedOn: a.openedOn,
    paymentTermsDays: a.paymentTermsDays,
    paperBill: a.paperBill === 1,
    balance: balanceOf(a, invoices[0] ?? null, paidAfter, unbilledCredits, today),
    subscriptions: subscriptions.map((s) => subscriptionView(s, changes.filter((c) => c.subscriptionId === s.subscriptionId), names)),
    invoices: summaries,
  };
}

/**
 * The balance from the books: the latest invoice's amount due already nets everything up to
 * its cycle end (previous balance − payments in the cycle + total); what changed since is the
 * payments received after the cycle end and the credits not on an invoice yet.
 */
function balanceOf(a: AccountRow, latest: InvoiceRow | null, paidAfter: (date: string) => number, creditsSince: number, today: string): AccountBalance {
  const latestAmountDue = latest?.amountDue ?? 0;
  const paymentsSince = latest ? paidAfter(latest.cycleEnd) : 0;
  const balance = latestAmountDue - paymentsSince - creditsSince;
  const carriedOver = latest ? latest.previousBalance - latest.paymentsReceived - paymentsSince - creditsSince : 0;
  const dueOn = balance > 0 && latest ? latest.dueOn : null;
  return {
    currency: latest?.currency ?? a.currency,
    latestInvoiceId: latest?.invoiceId ?? null,
    latestAmountDue,
    paymentsSince,
    creditsSince,
    balance,
    dueOn,
    overdue: balance > 0 && ((dueOn !== null && dueOn < today) || carriedOver > 0),
  };
}

/** Plan and options held today, from the subscription's change history (the engine's source). */
function subscriptionView(s: SubscriptionRow, changes: readonly ChangeRow[], names: ReadonlyMap<string, string>): SubscriptionSummary {
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
