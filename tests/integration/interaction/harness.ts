/**
 * A real host (temp store, demo data) plus a second dispatcher over the SAME store and session
 * registry whose interaction handlers get an injectable clock and connectivity — so lockout
 * rules (online limit, offline limit, expiry) can be tested without waiting or a hub.
 * Sign-in goes through the host's dispatcher; the session is shared.
 */
import type Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { createAppHost } from '../../../src/main/app';
import { createDispatcher, type Dispatcher, type Handlers } from '../../../src/main/api/dispatcher';
import { InteractionGate } from '../../../src/main/api/interaction-gate';
import { sessionPublisher, type ClientContext } from '../../../src/main/api/sessions';
import { createInteractionHandlers } from '../../../src/main/handlers/interaction';
import type { AppDeps } from '../../../src/main/handlers/types';
import { CallerLookup } from '../../../src/main/services/caller-lookup';
import { CommandLog } from '../../../src/main/services/command-log';
import { StaffCredentials } from '../../../src/main/services/staff-credentials';
import { IdempotencyKeys } from '../../../src/main/services/idempotency';
import { digestTypedPin } from '../../../src/main/security/pins';
import { DEMO_TODAY, newClient, signIn, startTestHost, TEST_PASSWORD_COST, testNow, type TestHost } from '../../fixtures/app-host';

export const PASSWORDS: Record<string, string> = {
  agent: 'ardoise-agent',
  agent2: 'ardoise-agent',
  senior: 'ardoise-senior',
  manager: 'ardoise-manager',
  supervisor: 'ardoise-supervisor',
};

export interface Harness {
  t: TestHost;
  /** The production dispatcher (the app's clock, connectivity as app.ts sets it). */
  api: Dispatcher;
  /** Same store and sessions; interaction handlers with `clock` and `mode` below. */
  ctl: Dispatcher;
  /** Milliseconds added to the (pinned) clock for `ctl`. */
  clock: { offsetMs: number };
  mode: { value: 'online' | 'offline' };
  logs: string[];
  internalErrors: unknown[];
  db: Database.Database;
  client(user?: string): Promise<ClientContext>;
  /** Calls and unwraps a value; throws with the error body otherwise. */
  ok<T = unknown>(d: Dispatcher, client: ClientContext, method: string, input?: unknown): Promise<T>;
  reopen(): void;
  dispose(): void;
}

export function startHarness(customers = 150): Harness {
  const t = startTestHost(customers);
  const clock = { offsetMs: 0 };
  const mode = { value: 'online' as 'online' | 'offline' };
  const logs: string[] = [];
  const internalErrors: unknown[] = [];

  const build = () => {
    const db = h.t.host.db;
    const now = () => new Date(testNow().getTime() + clock.offsetMs);
    // The host's own audit trail (one chain, one anchor); commands on this clock.
    const audit = h.t.host.audit;
    const commands = new CommandLog(db.$client, audit, now);
    const deps: AppDeps = {
      db,
      sessions: h.t.host.sessions,
      events: sessionPublisher(h.t.host.sessions),
      commands,
      audit,
      keys: h.t.host.keys,
      credentials: new StaffCredentials(db.$client, commands, now, TEST_PASSWORD_COST),
      idempotency: new IdempotencyKeys(db.$client, now),
      lookup: new CallerLookup(db),
      now,
      connectivity: () => mode.value,
      log: (m) => logs.push(m),
    };
    return createDispatcher(createInteractionHandlers(deps) as unknown as Handlers, h.t.host.sessions, {
      gate: new InteractionGate(db.$client),
      onInternalError: (err) => internalErrors.push(err),
    });
  };

  const h: Harness = {
    t,
    api: t.host.dispatcher,
    ctl: null as unknown as Dispatcher,
    clock,
    mode,
    logs,
    internalErrors,
    db: t.host.db.$client,
    async client(user = 'agent') {
      const c = newClient();
      await signIn(h.t.host, c, user, PASSWORDS[user] ?? '');
      return c;
    },
    async ok<T>(d: Dispatcher, client: ClientContext, method: string, input: unknown = {}) {
      const r = await d.dispatch(client, method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as T;
    },
    /** Closes the store and opens the same data folder again (sessions are lost: sign in again). */
    reopen() {
      h.t.host.close();
      const host = createAppHost({
        dataDir: h.t.dataDir,
        transport: 'http',
        demoCustomers: customers,
        demoSeed: 7,
        demoToday: DEMO_TODAY,
        clock: testNow,
        passwordCost: TEST_PASSWORD_COST,
      });
      h.t = { host, dataDir: h.t.dataDir, dispose: () => host.close() };
      h.api = host.dispatcher;
      h.db = host.db.$client;
      h.ctl = build();
    },
    dispose() {
      h.t.host.close();
      rmSync(h.t.dataDir, { recursive: true, force: true });
    },
  };
  h.ctl = build();
  return h;
}

/** A customer whose every answer is on file, with a PIN and a DOB set to known values. */
export function customerWithSecrets(h: Harness, pin: string, dateOfBirth: string, skip = 0): { customerId: string; postcode: string } {
  const row = h.db
    .prepare(
      `SELECT c.id AS customerId, (SELECT postcode FROM addresses a WHERE a.customer_id = c.id ORDER BY is_billing DESC, id LIMIT 1) AS postcode
       FROM customers c
       WHERE EXISTS (SELECT 1 FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE a.customer_id = c.id)
         AND EXISTS (SELECT 1 FROM addresses a WHERE a.customer_id = c.id)
       ORDER BY c.id LIMIT 1 OFFSET ?`,
    )
    .get(skip) as { customerId: string; postcode: string };
  setSecrets(h, row.customerId, pin, dateOfBirth);
  return row;
}

/**
 * Test set-up straight in the store: this customer's PIN and date of birth become known values.
 * The PIN is stored as production stores it: its keyed digest under the host's PIN pepper.
 */
export function setSecrets(h: Harness, customerId: string, pin: string | null, dateOfBirth: string): void {
  const digest = pin === null ? null : digestTypedPin(h.t.host.keys.key('pin-pepper'), pin);
  h.db
    .prepare(
      `INSERT INTO customer_secrets (customer_id, account_pin, account_pin_digest) VALUES (?, NULL, ?)
       ON CONFLICT (customer_id) DO UPDATE SET account_pin = NULL, account_pin_digest = excluded.account_pin_digest`,
    )
    .run(customerId, digest);
  h.db.prepare(`UPDATE customers SET date_of_birth = ? WHERE id = ?`).run(dateOfBirth, customerId);
}

/** The total of the customer's latest invoice, in minor units (what 'last_invoice_amount' expects). */
export function lastInvoiceTotal(db: Database.Database, customerId: string): number {
  return db
    .prepare(
      `SELECT i.total FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE a.customer_id = ? ORDER BY i.issued_on DESC, i.cycle_end DESC, i.id DESC LIMIT 1`,
    )
    .pluck()
    .get(customerId) as number;
}

/** "42,50" for 4250 (the caller reads the amount off the bill). */
export function spokenAmount(minor: number): string {
  return `${Math.trunc(minor / 100)},${String(Math.abs(minor) % 100).padStart(2, '0')}`;
}
