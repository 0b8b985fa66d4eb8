/**
 * Real desks (the whole app host, as `npm run web` builds it) synced with a real hub over HTTP:
 * a desk enrols with a one-time code and downloads the hub's data; staff sign in against the hub;
 * a credit granted on one desk reaches the hub and the other desk once; an approval requested on
 * desk A reaches the supervisor on desk B, whose decision comes back to A; a desk cut off from
 * the hub keeps working with the stricter offline lockout, grants provisionally, and when the hub
 * rejects the grant (another desk already used the customer's cap) the bill loses the credit and
 * the agent is told why; the audit trail and the ledger reconcile on every desk.
 */
import { serve, type ServerType } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src/core/api';
import type { SyncStatusView } from '../../../src/core/api/events';
import { createHubApp, type HubApp } from '../../../src/hub/app';
import { HUB_HANDLERS } from '../../../src/hub/commands/handlers';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { issueEnrolmentCode } from '../../../src/hub/services/devices';
import { createAppHost, type AppHost } from '../../../src/main/app';
import type { ClientContext } from '../../../src/main/api/sessions';
import { memoryKeyVault } from '../../../src/platform/keys';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY, newClient, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { call, ok, PASSWORDS } from '../discounts/helpers';
import { demoPinFor } from '../../../src/main/demo/pins';

let hub: TestHubDb;
let hubApp: HubApp;
let server: ServerType;
let url: string;
/** The network between desks and hub: cut it to take a desk offline. */
const cut = new Set<string>();
const desks: { host: AppHost; dir: string }[] = [];

async function desk(name: string): Promise<AppHost> {
  const { code } = await issueEnrolmentCode(hub.db, name, new Date());
  const dir = mkdtempSync(join(tmpdir(), 'ardoise-desk-'));
  const host = createAppHost({
    dataDir: dir,
    transport: 'http',
    clock: testNow,
    passwordCost: TEST_PASSWORD_COST,
    log: (m) => {
      if (process.env['SYNC_DEBUG']) appendFileSync(process.env['SYNC_DEBUG'], `[${name}] ${m}\n`);
    },
    hub: {
      url,
      enrolCode: code,
      deskName: name,
      timeoutMs: 3000,
      pollMs: 60_000,
      fetch: (u, init) => (cut.has(name) ? Promise.reject(new TypeError('fetch failed: network cut')) : fetch(u, init)),
    },
  });
  desks.push({ host, dir });
  return host;
}

async function settle(...hosts: AppHost[]): Promise<void> {
  for (const h of hosts) await h.link!.engine.settle();
}

interface Agent {
  client: ClientContext;
  events: ApiEvent[];
}

async function signedIn(host: AppHost, username: string): Promise<Agent> {
  const client = newClient();
  const r = await host.dispatcher.dispatch(client, 'session.signIn', { username, password: PASSWORDS[username] });
  if (!r.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(r.error)}`);
  const events: ApiEvent[] = [];
  host.sessions.subscribe(client.clientId, (e) => events.push(e));
  return { client, events };
}

/** A call with this customer, verified with the answers the demo set gave them. */
async function verifiedCall(host: AppHost, agent: Agent, customerId: string): Promise<string> {
  const { interactionId } = await ok<{ interactionId: string }>(host, agent.client, 'interaction.start', { customerId, source: 'lookup' });
  const facts = host.db.$client
    .prepare(
      `SELECT c.date_of_birth AS dob, (SELECT postcode FROM addresses WHERE customer_id = c.id ORDER BY is_billing DESC LIMIT 1) AS postcode,
              (SELECT account_pin_digest IS NOT NULL FROM customer_secrets WHERE customer_id = c.id) AS hasPin FROM customers c WHERE c.id = ?`,
    )
    .get(customerId) as { dob: string; postcode: string | null; hasPin: number | null };
  const answers = {
    date_of_birth: facts.dob,
    ...(facts.postcode ? { postcode: facts.postcode } : {}),
    ...(facts.hasPin ? { account_pin: demoPinFor(customerId) } : {}),
  };
  const v = await ok<{ status: string }>(host, agent.client, 'verification.attempt', { interactionId, answers });
  expect(v.status, JSON.stringify({ v, answers, q: await call(host, agent.client, 'verification.questions', { interactionId }) })).toBe('passed');
  return interactionId;
}

/** Customers who may get a goodwill credit from an agent, by the desk's own policy check. */
async function goodwillCustomer(host: AppHost, agent: Agent, skip: number): Promise<{ customerId: string; interactionId: string; limit: number }> {
  const ids = host.db.$client
    .prepare(`SELECT c.id FROM customers c JOIN customer_secrets s ON s.customer_id = c.id WHERE s.account_pin_digest IS NOT NULL ORDER BY c.id`)
    .all() as { id: string }[];
  let seen = 0;
  const outcomes: unknown[] = [];
  for (const { id } of ids) {
    const interactionId = await verifiedCall(host, agent, id);
    const q = await call(host, agent.client, 'discounts.evaluate', {
      interactionId,
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 100 },
    });
    const quote = q.ok ? (q.value as { outcome: string; maxAllowedNow: number }) : null;
    outcomes.push(
      q.ok
        ? {
            o: quote!.outcome,
            m: quote!.maxAllowedNow,
            r: (q.value as { rules: { passed: boolean; code?: string; rule?: string }[] }).rules.filter((r) => !r.passed),
          }
        : q.error,
    );
    if (quote && quote.outcome === 'allowed' && quote.maxAllowedNow >= 300 && seen++ >= skip)
      return { customerId: id, interactionId, limit: quote.maxAllowedNow };
    await ok(host, agent.client, 'interaction.wrapUp', { interactionId, disposition: 'other' });
  }
  throw new Error(`no customer the policy lets an agent credit: ${JSON.stringify(outcomes.slice(0, 4))}`);
}

const hubCount = async (sql: string, params: unknown[] = []): Promise<number> => Number((await hub.db.query<{ n: string }>(sql, params))[0]!.n);
const deskCount = (host: AppHost, sql: string, ...params: unknown[]): number => (host.db.$client.prepare(sql).get(...params) as { n: number }).n;

let A: AppHost;
let B: AppHost;

beforeAll(async () => {
  hub = await openTestHubDb();
  const keys = memoryKeyVault();
  await loadDemoSet(hub.db, keys, { generate: generateDeskDemoStore, customers: 40, seed: 5, today: DEMO_TODAY, passwordCost: TEST_PASSWORD_COST });
  hubApp = await createHubApp({
    db: hub.db,
    keys,
    handlers: HUB_HANDLERS,
    now: testNow,
    passwordCost: TEST_PASSWORD_COST,
    log: (m) => {
      if (process.env['SYNC_DEBUG']) appendFileSync(process.env['SYNC_DEBUG'], `[hub] ${m}\n`);
    },
  });
  url = await new Promise<string>((resolve) => {
    server = serve({ fetch: hubApp.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
  A = await desk('Desk A');
  B = await desk('Desk B');
  await settle(A, B);
}, 180_000);

afterAll(async () => {
  for (const d of desks) {
    await d.host.link?.stop();
    d.host.close();
    rmSync(d.dir, { recursive: true, force: true });
  }
  server?.close();
  await hubApp?.close();
  await hub?.dispose();
});

describe('a desk of a hub', () => {
  it('enrols with its code and downloads every synced table; it made no demo data of its own', async () => {
    for (const table of ['customers', 'accounts', 'invoices', 'ledger_entries', 'users', 'policies', 'customer_secrets']) {
      const want = await hubCount(`SELECT count(*) AS n FROM ${table}`);
      expect(want, table).toBeGreaterThan(0);
      expect(deskCount(A, `SELECT count(*) AS n FROM ${table}`), table).toBe(want);
      expect(deskCount(B, `SELECT count(*) AS n FROM ${table}`), table).toBe(want);
    }
    // Password hashes never travel in the download.
    expect(deskCount(A, `SELECT count(*) AS n FROM users WHERE password_hash <> '!'`)).toBe(0);
    const status = await ok<SyncStatusView>(A, (await signedIn(A, 'agent')).client, 'sync.status');
    expect(status).toMatchObject({ mode: 'hub', state: 'online', waiting: 0, rejected: 0 });
  });

  it('staff sign in against the hub; a wrong password counts on the hub', async () => {
    const bad = await A.dispatcher.dispatch(newClient(), 'session.signIn', { username: 'senior', password: 'wrong-password' });
    expect(bad.ok).toBe(false);
    expect(await hubCount(`SELECT count(*) AS n FROM credential_failures WHERE username = 'senior'`)).toBe(1);
    await signedIn(A, 'senior');
    expect(await hubCount(`SELECT coalesce(sum(failures), 0) AS n FROM credential_failures WHERE username = 'senior'`)).toBe(0);
  });

  it('a credit granted on desk A is accepted by the hub once and reaches desk B; both ledgers reconcile', async () => {
    const agent = await signedIn(A, 'agent');
    const { customerId, interactionId } = await goodwillCustomer(A, agent, 0);
    const granted = await ok<{ status: string; ledgerEntryIds: string[] }>(A, agent.client, 'discounts.grant', {
      interactionId,
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 250 },
      note: 'sorry for the outage',
    });
    expect(granted.status).toBe('granted');
    await settle(A, B);
    const [entryId] = granted.ledgerEntryIds;
    expect(await hubCount(`SELECT count(*) AS n FROM ledger_entries WHERE id = $1 AND amount = 250`, [entryId])).toBe(1);
    expect(deskCount(B, `SELECT count(*) AS n FROM ledger_entries WHERE id = ? AND amount = 250`, entryId)).toBe(1);
    expect(deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE status = 'accepted' AND type = 'credit.grant'`)).toBe(1);
    // The call and its verification are the hub's too.
    expect(
      await hubCount(`SELECT count(*) AS n FROM interactions WHERE id = $1 AND customer_id = $2 AND verified_at IS NOT NULL`, [interactionId, customerId]),
    ).toBe(1);
    for (const desk of [A, B]) {
      const supervisor = await signedIn(desk, 'supervisor');
      const report = await ok<{ ok: boolean; problems: unknown[]; ledgerEntriesChecked: number }>(desk, supervisor.client, 'audit.verify');
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    }
  });

  it('an over-limit request on A reaches the supervisor on B; B approves; A hears the decision; the credit exists once', async () => {
    const agent = await signedIn(A, 'agent');
    const supervisor = await signedIn(B, 'supervisor');
    const { interactionId, limit } = await goodwillCustomer(A, agent, 1);
    const asked = await ok<{ status: string; approvalId: string }>(A, agent.client, 'discounts.grant', {
      interactionId,
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: limit + 500 },
      note: 'long outage',
    });
    expect(asked.status).toBe('pending_approval');
    await settle(A, B);
    expect(supervisor.events.some((e) => e.name === 'approval.requested' && e.payload.approvalId === asked.approvalId)).toBe(true);
    const decided = await ok<{ status: string }>(B, supervisor.client, 'approvals.decide', {
      approvalId: asked.approvalId,
      decision: 'approve',
      comment: 'ok',
    });
    expect(['approved', 'applied']).toContain(decided.status);
    await settle(B, A);
    expect(agent.events.some((e) => e.name === 'approval.decided' && e.payload.approvalId === asked.approvalId && e.payload.status === 'approved')).toBe(true);
    expect(await hubCount(`SELECT count(*) AS n FROM approval_requests WHERE id = $1 AND status = 'applied'`, [asked.approvalId])).toBe(1);
    expect(
      await hubCount(`SELECT count(*) AS n FROM ledger_entries WHERE command_id = (SELECT applied_command_id FROM approval_requests WHERE id = $1)`, [
        asked.approvalId,
      ]),
    ).toBe(1);
    expect(deskCount(A, `SELECT count(*) AS n FROM approval_requests WHERE id = ? AND status = 'applied'`, asked.approvalId)).toBe(1);
  });

  it('a payment plan over the agent’s limit on A is approved by the supervisor on B: the hub agrees it once, A lists it', async () => {
    const agent = await signedIn(A, 'agent');
    const supervisor = await signedIn(B, 'supervisor');
    // A customer of the hub given a new account with one bill of €120.01, two months overdue; the desks download it.
    const [customer] = await hub.db.query<{ id: string }>(
      `SELECT c.id FROM customers c JOIN customer_secrets s ON s.customer_id = c.id WHERE s.account_pin_digest IS NOT NULL ORDER BY c.id DESC LIMIT 1`,
    );
    const accountId = uuidv7();
    const day = (n: number) => new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    await hub.db.query(
      `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on, payment_terms_days, paper_bill) VALUES ($1, $2, $3, 'EUR', 'active', $4, 14, 0)`,
      [accountId, customer!.id, `HUB-${accountId.slice(-8)}`, '2025-01-01'],
    );
    const invoiceId = uuidv7();
    await hub.db.query(
      `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total, previous_balance, payments_received, amount_due)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'EUR', 12001, 0, 12001, 0, 0, 12001)`,
      [invoiceId, accountId, `FT-HUB-${invoiceId.slice(-8)}`, day(-90), day(-61), day(-60), day(-46)],
    );
    await settle(A, B);
    const interactionId = await verifiedCall(A, agent, customer!.id);
    const found = { interactionId, request: { accountId, instalments: 4, firstDueOn: DEMO_TODAY } };
    const d = await ok<{ outcome: string; balance: number }>(A, agent.client, 'paymentPlans.evaluate', found);
    expect(d).toMatchObject({ outcome: 'needs_approval', balance: 12_001 });
    const asked = await ok<{ status: string; approvalId: string }>(A, agent.client, 'paymentPlans.agree', { ...found, idempotencyKey: randomUUID() });
    expect(asked.status).toBe('pending_approval');
    await settle(A, B);
    expect(await hubCount(`SELECT count(*) AS n FROM approval_requests WHERE id = $1 AND status = 'pending'`, [asked.approvalId])).toBe(1);
    expect(supervisor.events.some((e) => e.name === 'approval.requested' && e.payload.approvalId === asked.approvalId)).toBe(true);
    const decided = await ok<{ status: string }>(B, supervisor.client, 'approvals.decide', { approvalId: asked.approvalId, decision: 'approve' });
    expect(decided.status).toBe('applied');
    await settle(B, A);
    expect(await hubCount(`SELECT count(*) AS n FROM approval_requests WHERE id = $1 AND status = 'applied'`, [asked.approvalId])).toBe(1);
    expect(
      await hubCount(`SELECT count(*) AS n FROM payment_plans WHERE command_id = (SELECT applied_command_id FROM approval_requests WHERE id = $1)`, [
        asked.approvalId,
      ]),
    ).toBe(1);
    expect(deskCount(B, `SELECT count(*) AS n FROM command_outbox WHERE status <> 'accepted' AND type IN ('paymentPlan.agree', 'approval.decide')`)).toBe(0);
    expect(agent.events.some((e) => e.name === 'approval.decided' && e.payload.approvalId === asked.approvalId && e.payload.status === 'approved')).toBe(true);
    const listed = await ok<{ accounts: { accountId: string; plans: { status: string; instalments: unknown[] }[] }[] }>(A, agent.client, 'paymentPlans.list', {
      interactionId: found.interactionId,
    });
    expect(listed.accounts.find((x) => x.accountId === found.request.accountId)!.plans.map((x) => [x.status, x.instalments.length])).toEqual([['agreed', 4]]);
    await ok(A, agent.client, 'interaction.wrapUp', { interactionId: found.interactionId, disposition: 'other' });
  });

  it('a supervisor who never signed in at desk A decides there with their own credentials, checked by the hub', async () => {
    const agent = await signedIn(A, 'agent');
    const { interactionId, limit } = await goodwillCustomer(A, agent, 3);
    const asked = await ok<{ status: string; approvalId: string }>(A, agent.client, 'discounts.grant', {
      interactionId,
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: limit + 400 },
    });
    expect(asked.status).toBe('pending_approval');
    const wrong = await call(A, agent.client, 'approvals.decideHere', {
      interactionId,
      approvalId: asked.approvalId,
      decision: 'refuse',
      comment: 'no',
      username: 'supervisor',
      password: 'not-the-password',
    });
    expect(wrong.ok).toBe(false);
    const decided = await ok<{ status: string }>(A, agent.client, 'approvals.decideHere', {
      interactionId,
      approvalId: asked.approvalId,
      decision: 'refuse',
      comment: 'Already compensated last month',
      username: 'supervisor',
      password: PASSWORDS['supervisor'],
    });
    expect(decided.status).toBe('refused');
    await settle(A);
    expect(await hubCount(`SELECT count(*) AS n FROM approval_requests WHERE id = $1 AND status = 'refused'`, [asked.approvalId])).toBe(1);
    expect(await hubCount(`SELECT coalesce(sum(failures), 0) AS n FROM credential_failures WHERE username = 'supervisor'`)).toBe(0);
  });

  it('offline, A grants provisionally while B uses the same cap online; the hub rejects A’s grant, A’s bill loses it and the agent is told', async () => {
    const agentA = await signedIn(A, 'agent');
    const agentB = await signedIn(B, 'agent2');
    const target = await goodwillCustomer(A, agentA, 2);
    await ok(A, agentA.client, 'interaction.wrapUp', { interactionId: target.interactionId, disposition: 'other' });
    const callB = await verifiedCall(B, agentB, target.customerId);
    await settle(A, B);

    cut.add('Desk A');
    const callA = await verifiedCall(A, agentA, target.customerId);
    await settle(A);
    expect((await ok<SyncStatusView>(A, agentA.client, 'sync.status')).state).toBe('offline');
    // B, online, gives the customer the two goodwill credits the policy allows in a year.
    const acceptedBefore = deskCount(B, `SELECT count(*) AS n FROM command_outbox WHERE type = 'credit.grant' AND status = 'accepted'`);
    for (let i = 0; i < 2; i++) {
      const grantedB = await ok<{ status: string }>(B, agentB.client, 'discounts.grant', {
        interactionId: callB,
        request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 100 },
      });
      expect(grantedB.status).toBe('granted');
    }
    await settle(B);
    expect(deskCount(B, `SELECT count(*) AS n FROM command_outbox WHERE type = 'credit.grant' AND status = 'accepted'`)).toBe(acceptedBefore + 2);
    // A, offline, grants within what it can see: provisional.
    const grantedA = await ok<{ status: string; ledgerEntryIds: string[] }>(A, agentA.client, 'discounts.grant', {
      interactionId: callA,
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 100 },
    });
    expect(grantedA.status).toBe('granted');
    const [provisional] = grantedA.ledgerEntryIds;
    expect(deskCount(A, `SELECT count(*) AS n FROM ledger_entries WHERE id = ?`, provisional)).toBe(1);
    expect((await ok<SyncStatusView>(A, agentA.client, 'sync.status')).waiting).toBeGreaterThan(0);

    cut.delete('Desk A');
    await settle(A);
    const rejected = agentA.events.find((e) => e.name === 'sync.rejected');
    expect(rejected).toBeDefined();
    if (rejected?.name === 'sync.rejected') {
      expect(rejected.payload.withdrawnLedgerEntryIds).toEqual([provisional]);
      expect(rejected.payload.reasons.length).toBeGreaterThan(0);
      expect(rejected.payload.reasons[0]!.fr).not.toBe('');
    }
    expect(deskCount(A, `SELECT count(*) AS n FROM ledger_entries WHERE id = ?`, provisional)).toBe(0);
    expect(await hubCount(`SELECT count(*) AS n FROM ledger_entries WHERE id = $1`, [provisional])).toBe(0);
    const status = await ok<SyncStatusView>(A, agentA.client, 'sync.status');
    expect(status).toMatchObject({ state: 'online', waiting: 0, rejected: 1 });
    const supervisor = await signedIn(A, 'supervisor');
    const report = await ok<{ ok: boolean; problems: unknown[] }>(A, supervisor.client, 'audit.verify');
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('offline, failed verifications lock the caller after the stricter local limit of 3', async () => {
    const agent = await signedIn(A, 'agent');
    const customerId = (
      A.db.$client.prepare(`SELECT customer_id AS id FROM customer_secrets WHERE account_pin_digest IS NOT NULL ORDER BY customer_id DESC LIMIT 1`).get() as {
        id: string;
      }
    ).id;
    cut.add('Desk A');
    try {
      await settle(A);
      const { interactionId } = await ok<{ interactionId: string }>(A, agent.client, 'interaction.start', { customerId, source: 'lookup' });
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await call(A, agent.client, 'verification.attempt', { interactionId, answers: { date_of_birth: '1900-01-01', account_pin: '000000' } });
        statuses.push(r.ok ? (r.value as { status: string }).status : (r.error as { code: string }).code);
      }
      expect(statuses.slice(0, 2)).toEqual(['failed', 'failed']);
      expect(statuses.slice(2)).toEqual(expect.arrayContaining(['locked']));
    } finally {
      cut.delete('Desk A');
    }
    await settle(A, B);
    expect(deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE status IN ('pending', 'sent')`)).toBe(0);
  });

  it('a desk killed half-way through its first download resumes where it stopped, and ends with the hub’s rows once', async () => {
    const { code } = await issueEnrolmentCode(hub.db, 'Desk C', new Date());
    const dir = mkdtempSync(join(tmpdir(), 'ardoise-desk-'));
    let pages = 0;
    const open = () =>
      createAppHost({
        dataDir: dir,
        transport: 'http',
        clock: testNow,
        passwordCost: TEST_PASSWORD_COST,
        hub: {
          url,
          enrolCode: code,
          deskName: 'Desk C',
          snapshotPage: 50,
          pollMs: 60_000,
          fetch: (u, init) => {
            if (u.endsWith('/v1/snapshot') && ++pages === 12) return Promise.reject(new TypeError('fetch failed: the desk was killed'));
            return fetch(u, init);
          },
        },
      });
    let C = open();
    await C.link!.engine.settle();
    const partial = deskCount(C, `SELECT count(*) AS n FROM customers`) + deskCount(C, `SELECT count(*) AS n FROM customer_phones`);
    expect(C.link!.status().state).toBe('offline');
    C.close();
    C = open();
    desks.push({ host: C, dir });
    await C.link!.engine.settle();
    expect(partial).toBeGreaterThan(0);
    for (const table of ['customers', 'customer_phones', 'invoices', 'invoice_lines', 'ledger_entries', 'approval_requests']) {
      expect(deskCount(C, `SELECT count(*) AS n FROM ${table}`), table).toBe(await hubCount(`SELECT count(*) AS n FROM ${table}`));
    }
  });

  it('a new epoch (the hub restored from a backup): the desk downloads everything again and keeps its unsent commands', async () => {
    const agent = await signedIn(A, 'agent');
    const customerId = (
      A.db.$client
        .prepare(`SELECT customer_id AS id FROM customer_secrets WHERE account_pin_digest IS NOT NULL ORDER BY customer_id LIMIT 1 OFFSET 7`)
        .get() as { id: string }
    ).id;
    cut.add('Desk A');
    let interactionId: string;
    try {
      await settle(A);
      interactionId = await verifiedCall(A, agent, customerId);
      await ok(A, agent.client, 'notes.add', { interactionId, text: 'Caller asked about the roaming charge.' });
    } finally {
      cut.delete('Desk A');
    }
    const before = (A.db.$client.prepare(`SELECT value FROM sync_state WHERE key = 'sync:epoch'`).get() as { value: string }).value;
    await hub.db.query(`UPDATE hub_state SET value = gen_random_uuid()::text WHERE key = 'epoch'`);
    await settle(A);
    const after = (A.db.$client.prepare(`SELECT value FROM sync_state WHERE key = 'sync:epoch'`).get() as { value: string }).value;
    expect(after).not.toBe(before);
    expect(deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE status IN ('pending', 'sent')`)).toBe(0);
    // Every command went again; the grant the hub had refused is refused again, and not announced twice.
    expect(deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE status = 'rejected'`)).toBeGreaterThan(0);
    expect(agent.events.filter((e) => e.name === 'sync.rejected')).toEqual([]);
    expect(await hubCount(`SELECT count(*) AS n FROM interaction_notes WHERE interaction_id = $1`, [interactionId])).toBe(1);
    expect(deskCount(A, `SELECT count(*) AS n FROM interaction_notes WHERE interaction_id = ?`, interactionId)).toBe(1);
    expect(deskCount(A, `SELECT count(*) AS n FROM customers`)).toBe(await hubCount(`SELECT count(*) AS n FROM customers`));
    await settle(B);
  });

  it('an experiment enrolment and exposure on a desk are checked by the hub (the arm is the hash’s, not the desk’s choice)', async () => {
    const agent = await signedIn(A, 'agent');
    const experimentCommands = () => deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE type LIKE 'experiments.%'`);
    const before = experimentCommands();
    // The first customer the sample policy's experiment takes (its eligibility rules decide).
    const ids = A.db.$client.prepare(`SELECT customer_id AS id FROM customer_secrets WHERE account_pin_digest IS NOT NULL ORDER BY customer_id DESC`).all() as {
      id: string;
    }[];
    for (const { id } of ids) {
      const interactionId = await verifiedCall(A, agent, id);
      await ok(A, agent.client, 'experiments.enrol', { interactionId });
      await ok(A, agent.client, 'interaction.wrapUp', { interactionId, disposition: 'other' });
      if (experimentCommands() > before) break;
    }
    await settle(A);
    const statuses = A.db.$client.prepare(`SELECT type, status FROM command_outbox WHERE type LIKE 'experiments.%' ORDER BY device_seq`).all() as {
      type: string;
      status: string;
    }[];
    expect(statuses.length).toBeGreaterThan(before);
    expect(statuses.every((s) => s.status === 'accepted')).toBe(true);
  });

  it('after quiescence every synced table on both desks equals the hub’s', async () => {
    await settle(A, B, A, B);
    for (const table of ['customers', 'interactions', 'verification_attempts', 'ledger_entries', 'approval_requests', 'interaction_notes']) {
      const ids = (await hub.db.query<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
      for (const desk of [A, B])
        expect(
          (desk.db.$client.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((r) => r.id),
          table,
        ).toEqual(ids);
    }
  });

  it('a desk whose audit log was cut short behind the app’s back is caught by the head the hub acknowledged', async () => {
    await settle(B);
    const acknowledged = B.link!.engine.acknowledgedAuditHead();
    expect(acknowledged?.seq).toBeGreaterThan(0);
    const client = B.db.$client;
    const trigger = (client.prepare(`SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'`).get() as { sql: string }).sql;
    client.exec(`DROP TRIGGER audit_log_no_delete`);
    client.prepare(`DELETE FROM audit_log WHERE seq >= ?`).run(acknowledged!.seq - 1);
    client.exec(trigger);
    const supervisor = await signedIn(B, 'supervisor');
    const report = await ok<{ ok: boolean; problems: { kind: string; seq: number }[] }>(B, supervisor.client, 'audit.verify');
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'hub_head', seq: acknowledged!.seq })]));
  });
});
