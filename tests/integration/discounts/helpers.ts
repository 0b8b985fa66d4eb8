/**
 * Discount tests run against a real app host (tests/fixtures/app-host.ts). Customers are written
 * straight into the store with known figures (tenure, standing, invoice totals, a late fee) so
 * every limit in the sample policy can be checked by hand; calls are opened and verified through
 * the real interaction API ('interaction.start', 'verification.attempt'), falling back to writing
 * the interaction row as the dispatcher's gate reads it if that API refuses.
 */
import type Database from 'better-sqlite3';
import type { AgentProfile, ApiErrorBody, ApiEvent, ApiResult, Role } from '../../../src/core/api';
import type { ClientContext } from '../../../src/main/api/sessions';
import type { AppHost } from '../../../src/main/app';
import { demoPinFor } from '../../../src/main/demo/pins';
import { uuidv7 } from '../../../src/main/store/ids';
import { newClient, signIn, testNow } from '../../fixtures/app-host';
import { asScreenSends } from '../../fixtures/money-calls';

export const PASSWORDS: Record<string, string> = {
  agent: 'ardoise-agent',
  agent2: 'ardoise-agent',
  senior: 'ardoise-senior',
  supervisor: 'ardoise-supervisor',
};

export const call = (host: AppHost, client: ClientContext, method: string, input?: unknown): Promise<ApiResult<unknown>> =>
  host.dispatcher.dispatch(client, method, asScreenSends(host.db.$client, method, input));

export async function ok<T>(host: AppHost, client: ClientContext, method: string, input?: unknown): Promise<T> {
  const r = await call(host, client, method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

export async function fails(host: AppHost, client: ClientContext, method: string, input?: unknown): Promise<ApiErrorBody> {
  const r = await call(host, client, method, input);
  if (r.ok) throw new Error(`${method} should have failed, got ${JSON.stringify(r.value)}`);
  return r.error;
}

/** A client signed in as one of the demo users, with the events it receives. */
export interface TestClient {
  readonly client: ClientContext;
  readonly events: ApiEvent[];
  readonly userId: string;
}

export async function clientFor(host: AppHost, username: keyof typeof PASSWORDS | string): Promise<TestClient> {
  const client = newClient();
  await signIn(host, client, username, PASSWORDS[username]);
  const events: ApiEvent[] = [];
  host.sessions.subscribe(client.clientId, (e) => events.push(e));
  return { client, events, userId: host.sessions.get(client.clientId)!.agent.userId };
}

/**
 * A signed-in client for a fresh staff member (no sign-in round trip: the session is set the way
 * AgentSessions sets it) — used by property runs that need agents with an empty day.
 */
export function freshStaff(host: AppHost, role: Role, locale: 'en' | 'fr' = 'en'): TestClient {
  const db = host.db.$client;
  const id = uuidv7();
  const username = `staff-${id.slice(-12)}`;
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, locale, active, created_at) VALUES (?, ?, ?, ?, 'scrypt$invalid', ?, 1, ?)`,
  ).run(id, username, `Staff ${id.slice(-4)}`, role, locale, testNow().toISOString());
  const agent: AgentProfile = { userId: id, username, displayName: `Staff ${id.slice(-4)}`, role, locale };
  const client = newClient();
  host.sessions.set(client.clientId, { agent, signedInAt: testNow().toISOString() });
  const events: ApiEvent[] = [];
  host.sessions.subscribe(client.clientId, (e) => events.push(e));
  return { client, events, userId: id };
}

const today = () => testNow().toISOString().slice(0, 10);

function monthsBack(n: number): { start: string; end: string; ym: string } {
  const now = testNow();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  return { start: iso(d), end: iso(end), ym: iso(d).slice(0, 7) };
}

export interface CustomerSpec {
  /** Totals of the last three invoices, oldest first (minor units). Default three × €100. */
  readonly totals?: readonly number[];
  readonly churnRisk?: 'low' | 'medium' | 'high';
  readonly fraudFlag?: boolean;
  /** Months since the account opened. Default 24. */
  readonly tenureMonths?: number;
  /** good: the latest bill is paid; late: it is unpaid past due and carries a late fee. */
  readonly standing?: 'good' | 'late';
  /** A late fee on the latest invoice (minor units); 'late' standing has 750 by default. */
  readonly lateFee?: number;
}

export interface MadeCustomer {
  readonly customerId: string;
  readonly accountId: string;
  /** Oldest first; the last is the latest. */
  readonly invoiceIds: readonly string[];
}

let made = 0;

/** A customer with an account and three monthly invoices (the last three complete months). */
export function makeCustomer(db: Database.Database, spec: CustomerSpec = {}): MadeCustomer {
  const n = ++made;
  const customerId = uuidv7();
  const accountId = uuidv7();
  const now = testNow().toISOString();
  const opened = testNow();
  opened.setUTCMonth(opened.getUTCMonth() - (spec.tenureMonths ?? 24));
  db.prepare(
    `INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, fraud_flag, churn_risk, created_at)
     VALUES (?, ?, ?, '1980-04-12', 'residential', 'FR', 'fr', ?, ?, ?)`,
  ).run(customerId, 'Test', `Client${n}`, spec.fraudFlag ? 1 : 0, spec.churnRisk ?? 'low', now);
  db.prepare(
    `INSERT INTO addresses (id, customer_id, line1, postcode, city, country, is_billing) VALUES (?, ?, '1 rue du Test', '75011', 'Paris', 'FR', 1)`,
  ).run(uuidv7(), customerId);
  db.prepare(
    `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on, payment_terms_days, paper_bill) VALUES (?, ?, ?, 'EUR', 'active', ?, 14, 0)`,
  ).run(accountId, customerId, `TST-${String(n).padStart(6, '0')}-${customerId.slice(-6)}`, opened.toISOString().slice(0, 10));
  const totals = spec.totals ?? [10_000, 10_000, 10_000];
  const invoiceIds: string[] = [];
  const standing = spec.standing ?? 'good';
  const lateFee = spec.lateFee ?? (standing === 'late' ? 750 : 0);
  totals.forEach((total, i) => {
    const cycle = monthsBack(totals.length - i);
    const id = uuidv7();
    const issued = new Date(Date.parse(`${cycle.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const due = new Date(Date.parse(`${issued}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    db.prepare(
      `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total, previous_balance, payments_received, amount_due)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'EUR', ?, 0, ?, 0, 0, ?)`,
    ).run(id, accountId, `FT-${cycle.ym}-${n}-${customerId.slice(-6)}`, cycle.start, cycle.end, issued, due, total, total, total);
    db.prepare(`INSERT INTO invoice_lines (id, invoice_id, position, kind, amount, tax_rate_bp, explanation) VALUES (?, ?, 1, 'plan', ?, 0, '{}')`).run(
      uuidv7(),
      id,
      total - (i === totals.length - 1 ? lateFee : 0),
    );
    if (i === totals.length - 1 && lateFee > 0) {
      db.prepare(`INSERT INTO invoice_lines (id, invoice_id, position, kind, amount, tax_rate_bp, explanation) VALUES (?, ?, 2, 'late-fee', ?, 0, '{}')`).run(
        uuidv7(),
        id,
        lateFee,
      );
    }
    const paidOn = new Date(Date.parse(`${issued}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const last = i === totals.length - 1;
    if (!(last && standing === 'late') && paidOn <= today()) {
      db.prepare(`INSERT INTO payments (id, account_id, invoice_id, amount, currency, received_on, method) VALUES (?, ?, ?, ?, 'EUR', ?, 'direct_debit')`).run(
        uuidv7(),
        accountId,
        id,
        total,
        paidOn,
      );
    }
    invoiceIds.push(id);
  });
  return { customerId, accountId, invoiceIds };
}

/** An open call with this customer whose caller passed verification. */
export async function verifiedCall(host: AppHost, tc: TestClient, customerId: string): Promise<string> {
  const db = host.db.$client;
  let interactionId: string | null = null;
  const started = await call(host, tc.client, 'interaction.start', { customerId, source: 'lookup' });
  if (started.ok) {
    interactionId = (started.value as { interactionId: string }).interactionId;
    const facts = db
      .prepare(
        `SELECT c.date_of_birth AS dob, (SELECT postcode FROM addresses WHERE customer_id = c.id ORDER BY is_billing DESC LIMIT 1) AS postcode,
                (SELECT account_pin_digest IS NOT NULL FROM customer_secrets WHERE customer_id = c.id) AS hasPin
         FROM customers c WHERE c.id = ?`,
      )
      .get(customerId) as { dob: string; postcode: string | null; hasPin: number | null };
    // PINs are stored as keyed digests; a demo customer's PIN is derived from their id.
    const pin = facts.hasPin ? demoPinFor(customerId) : null;
    const answers = { date_of_birth: facts.dob, ...(facts.postcode ? { postcode: facts.postcode } : {}), ...(pin ? { account_pin: pin } : {}) };
    const r = await call(host, tc.client, 'verification.attempt', { interactionId, answers });
    if (r.ok && (r.value as { status?: string }).status === 'passed') return interactionId;
  }
  // Fallback: the row as the gate reads it.
  if (interactionId === null) {
    interactionId = uuidv7();
    db.prepare(`INSERT INTO interactions (id, customer_id, agent_id, channel, started_at) VALUES (?, ?, ?, 'phone', ?)`).run(
      interactionId,
      customerId,
      tc.userId,
      testNow().toISOString(),
    );
  }
  db.prepare(`UPDATE interactions SET verified_at = ? WHERE id = ?`).run(testNow().toISOString(), interactionId);
  return interactionId;
}

/** An open call with this customer, NOT verified. */
export async function unverifiedCall(host: AppHost, tc: TestClient, customerId: string): Promise<string> {
  const started = await call(host, tc.client, 'interaction.start', { customerId, source: 'lookup' });
  if (started.ok) return (started.value as { interactionId: string }).interactionId;
  const id = uuidv7();
  host.db.$client
    .prepare(`INSERT INTO interactions (id, customer_id, agent_id, channel, started_at) VALUES (?, ?, ?, 'phone', ?)`)
    .run(id, customerId, tc.userId, testNow().toISOString());
  return id;
}

export interface LedgerRowT {
  id: string;
  account_id: string;
  kind: string;
  amount: number;
  reason_code: string;
  invoice_id: string | null;
  reverses_id: string | null;
  terms: string | null;
  effective_on: string;
  created_at: string;
  actor_id: string | null;
  interaction_id: string | null;
  command_id: string | null;
  note: string | null;
}

export function ledgerRows(db: Database.Database, accountId: string): LedgerRowT[] {
  return db.prepare(`SELECT * FROM ledger_entries WHERE account_id = ? ORDER BY created_at, id`).all(accountId) as LedgerRowT[];
}

export function auditOf(
  db: Database.Database,
  action: string,
): { actor_id: string; interaction_id: string | null; subject: string; before: string | null; after: string | null }[] {
  return db.prepare(`SELECT actor_id, interaction_id, subject, before, after FROM audit_log WHERE action = ? ORDER BY seq`).all(action) as never;
}

export function outboxOf(
  db: Database.Database,
  type: string,
): { id: string; type: string; payload: string; actor_id: string; interaction_id: string | null; device_seq: number }[] {
  return db.prepare(`SELECT id, type, payload, actor_id, interaction_id, device_seq FROM command_outbox WHERE type = ? ORDER BY device_seq`).all(type) as never;
}
