/**
 * Billing tests run against a real app host (tests/fixtures/app-host.ts) and need a call whose
 * caller passed verification: started with 'interaction.start' and verified with
 * 'verification.attempt', the caller's answers read from the store — the way an agent does it.
 */
import type Database from 'better-sqlite3';
import type { ClientContext } from '../../../src/main/api/sessions';
import { asScreenSends } from '../../fixtures/money-calls';
import type { AppHost } from '../../../src/main/app';

export const call = (host: AppHost, client: ClientContext, method: string, input?: unknown) =>
  host.dispatcher.dispatch(client, method, asScreenSends(host.db.$client, method, input));

/** The value of a call that must succeed (fails the test with the error code otherwise). */
export async function ok<T>(host: AppHost, client: ClientContext, method: string, input?: unknown): Promise<T> {
  const r = await call(host, client, method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** An open call with this customer, not verified. */
export async function openCall(host: AppHost, client: ClientContext, customerId: string): Promise<string> {
  return (await ok<{ interactionId: string }>(host, client, 'interaction.start', { customerId, source: 'lookup' })).interactionId;
}

/** An open call with this customer whose caller passed verification. */
export async function verifiedCall(host: AppHost, client: ClientContext, customerId: string): Promise<string> {
  const interactionId = await openCall(host, client, customerId);
  const db = host.db.$client;
  const facts = db
    .prepare(
      `SELECT c.date_of_birth AS dob, (SELECT postcode FROM addresses WHERE customer_id = c.id ORDER BY is_billing DESC LIMIT 1) AS postcode,
              (SELECT account_pin FROM customer_secrets WHERE customer_id = c.id) AS pin,
              (SELECT i.total FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE a.customer_id = c.id ORDER BY i.cycle_start DESC LIMIT 1) AS lastTotal
       FROM customers c WHERE c.id = ?`,
    )
    .get(customerId) as { dob: string; postcode: string | null; pin: string | null; lastTotal: number | null };
  const answers = {
    date_of_birth: facts.dob,
    ...(facts.postcode ? { postcode: facts.postcode } : {}),
    ...(facts.pin ? { account_pin: facts.pin } : {}),
    ...(facts.lastTotal !== null ? { last_invoice_amount: (facts.lastTotal / 100).toFixed(2) } : {}),
  };
  const outcome = await ok<{ status: string }>(host, client, 'verification.attempt', { interactionId, answers });
  if (outcome.status !== 'passed') throw new Error(`verification did not pass: ${JSON.stringify(outcome)}`);
  return interactionId;
}

/** Customers with at least two invoices, the latest differing from the one before. */
export function customersWithTwoBills(db: Database.Database, limit = 50): { customerId: string; accountId: string }[] {
  return db
    .prepare(
      `SELECT a.customer_id AS customerId, a.id AS accountId FROM accounts a
       WHERE (SELECT count(*) FROM invoices i WHERE i.account_id = a.id) >= 2
       ORDER BY a.rowid LIMIT ?`,
    )
    .all(limit) as { customerId: string; accountId: string }[];
}

export function outboxAndAudit(db: Database.Database): { outbox: number; audit: number; changes: number } {
  return {
    outbox: (db.prepare(`SELECT count(*) AS n FROM command_outbox`).get() as { n: number }).n,
    audit: (db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n,
    changes: (db.prepare(`SELECT count(*) AS n FROM subscription_changes`).get() as { n: number }).n,
  };
}
