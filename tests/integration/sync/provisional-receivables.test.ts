/**
 * Disputes and payment plans made on a desk cut off from its hub are provisional like credits:
 * when the hub, deciding again on its own data, rejects them, the desk takes its rows back in one
 * audited transaction and tells the agent who made them (sync/provisional.ts). Real desks (the
 * whole app host) and a real hub over HTTP:
 *
 *   dispute.open       B disputes the whole line online while A, offline, did the same: A's
 *                      dispute goes (and with it what it held), B's stays
 *   dispute.resolve    B settles the dispute first; A's offline settlement is undone on A and
 *                      A ends with B's
 *   paymentPlan.agree  B agrees a plan first; A's offline plan and its instalments go — and the
 *                      hub's answer is lost once after it committed: the retry reads the stored
 *                      receipt, the desk withdraws once
 *   a lost reply       a dispute the hub accepted but whose answer never came: sent again, the
 *                      hub answers its stored receipt; one dispute everywhere, nothing withdrawn
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, DisputeOpenResult, DisputeResolveResult, DisputesView, PaymentPlanAgreeResult, PaymentPlansView } from '../../../src/core/api';

/** A plan within the agent's own limits: agreed at once. */
type AgreedPlan = Extract<PaymentPlanAgreeResult, { status: 'agreed' }>;
import type { SyncStatusView } from '../../../src/core/api/events';
import { createHubApp, type HubApp } from '../../../src/hub/app';
import { HUB_HANDLERS } from '../../../src/hub/commands/handlers';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { issueEnrolmentCode } from '../../../src/hub/services/devices';
import { createAppHost, type AppHost } from '../../../src/main/app';
import type { ClientContext } from '../../../src/main/api/sessions';
import { demoPinFor } from '../../../src/main/demo/pins';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { uuidv7 } from '../../../src/platform/ids';
import { memoryKeyVault } from '../../../src/platform/keys';
import { DEMO_TODAY, newClient, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { ok, PASSWORDS } from '../discounts/helpers';

let hub: TestHubDb;
let hubApp: HubApp;
let server: ServerType;
let url: string;
/** The network between desks and hub: cut it to take a desk offline. */
const cut = new Set<string>();
/** Desks whose next push reaches the hub, commits, and whose answer is then lost. */
const loseNextPushReply = new Set<string>();
const desks: { host: AppHost; dir: string }[] = [];

async function desk(name: string): Promise<AppHost> {
  const { code } = await issueEnrolmentCode(hub.db, name, new Date());
  const dir = mkdtempSync(join(tmpdir(), 'ardoise-desk-'));
  const host = createAppHost({
    dataDir: dir,
    transport: 'http',
    clock: testNow,
    passwordCost: TEST_PASSWORD_COST,
    log: () => undefined,
    hub: {
      url,
      enrolCode: code,
      deskName: name,
      timeoutMs: 3000,
      pollMs: 60_000,
      fetch: async (u, init) => {
        if (cut.has(name)) throw new TypeError('fetch failed: network cut');
        const answer = await fetch(u, init);
        if (String(u).endsWith('/v1/push') && loseNextPushReply.delete(name)) {
          await answer.arrayBuffer();
          throw new TypeError('fetch failed: the answer was lost after the hub committed');
        }
        return answer;
      },
    },
  });
  desks.push({ host, dir });
  return host;
}

const settle = async (...hosts: AppHost[]): Promise<void> => {
  for (const h of hosts) await h.link!.engine.settle();
};

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

async function verifiedCall(host: AppHost, agent: Agent, customerId: string): Promise<string> {
  const interactionId = await tryVerifiedCall(host, agent, customerId);
  expect(interactionId).not.toBeNull();
  return interactionId!;
}

/** A call verified with the answers the demo set gave the customer; null (the call wrapped up) when those do not pass. */
async function tryVerifiedCall(host: AppHost, agent: Agent, customerId: string): Promise<string | null> {
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
  if (v.status === 'passed') return interactionId;
  await wrapUp(host, agent, interactionId);
  return null;
}

const wrapUp = (host: AppHost, agent: Agent, interactionId: string) => ok(host, agent.client, 'interaction.wrapUp', { interactionId, disposition: 'other' });
const deskCount = (host: AppHost, sql: string, ...params: unknown[]): number => (host.db.$client.prepare(sql).get(...params) as { n: number }).n;
const hubCount = async (sql: string, params: unknown[] = []): Promise<number> => Number((await hub.db.query<{ n: string }>(sql, params))[0]!.n);

/** The desk's audit entries saying it withdrew a command's rows. */
function withdrawals(
  host: AppHost,
  commandId: string,
): { type: string; disputeIds: string[]; paymentPlanIds: string[]; instalmentIds: string[]; reasons: string[] }[] {
  return (
    host.db.$client.prepare(`SELECT after FROM audit_log WHERE action = 'provisional_withdrawn' AND subject = ?`).all(`command:${commandId}`) as {
      after: string;
    }[]
  ).map((r) => JSON.parse(r.after) as never);
}

function rejectionsOf(agent: Agent, commandId: string) {
  return agent.events.flatMap((e) => (e.name === 'sync.rejected' && e.payload.commandId === commandId ? [e.payload] : []));
}

/** The customer's first disputable line on their latest bills, as desk `host` lists it. */
async function disputableLine(host: AppHost, agent: Agent, interactionId: string) {
  const view = await ok<DisputesView>(host, agent.client, 'disputes.list', { interactionId });
  const line = view.accounts[0]!.lines.find((l) => l.disputable > 100);
  return line ? { ...line, held: view.accounts[0]!.held } : null;
}

let A: AppHost;
let B: AppHost;
let agentA: Agent;
let agentB: Agent;
/** A customer with an account whose one bill is two months overdue (made on the hub before the desks download). */
let overdue: { customerId: string; accountId: string };
/** Customers a test has used (each test takes its own). */
const used = new Set<string>();

/** A customer with a disputable line, not used yet. */
async function customerFor(): Promise<string> {
  const ids = (B.db.$client.prepare(`SELECT c.id FROM customers c ORDER BY c.id`).all() as { id: string }[]).map((r) => r.id);
  for (const id of ids) {
    if (used.has(id)) continue;
    const call = await tryVerifiedCall(B, agentB, id);
    if (call === null) continue;
    const line = await disputableLine(B, agentB, call);
    await wrapUp(B, agentB, call);
    if (!line) continue;
    used.add(id);
    return id;
  }
  throw new Error('no customer with a disputable line');
}

beforeAll(async () => {
  hub = await openTestHubDb();
  const keys = memoryKeyVault();
  await loadDemoSet(hub.db, keys, { generate: generateDeskDemoStore, customers: 40, seed: 5, today: DEMO_TODAY, passwordCost: TEST_PASSWORD_COST });
  // One customer gets a second account on the hub, before the desks download it: one bill of
  // €120.01, two months overdue — something for a payment plan to split.
  const [owing] = await hub.db.query<{ id: string }>(
    `SELECT c.id FROM customers c JOIN customer_secrets s ON s.customer_id = c.id WHERE s.account_pin_digest IS NOT NULL ORDER BY c.id DESC LIMIT 1`,
  );
  overdue = { customerId: owing!.id, accountId: uuidv7() };
  used.add(overdue.customerId);
  const day = (n: number) => new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  await hub.db.query(
    `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on, payment_terms_days, paper_bill) VALUES ($1, $2, $3, 'EUR', 'active', '2025-01-01', 14, 0)`,
    [overdue.accountId, overdue.customerId, `AR-HUB-${overdue.accountId.slice(-6)}`],
  );
  await hub.db.query(
    `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total, previous_balance, payments_received, amount_due)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'EUR', 12001, 0, 12001, 0, 0, 12001)`,
    [uuidv7(), overdue.accountId, `FT-HUB-${overdue.accountId.slice(-6)}`, day(-90), day(-61), day(-60), day(-46)],
  );
  hubApp = await createHubApp({ db: hub.db, keys, handlers: HUB_HANDLERS, now: testNow, passwordCost: TEST_PASSWORD_COST, log: () => undefined });
  url = await new Promise<string>((resolve) => {
    server = serve({ fetch: hubApp.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
  A = await desk('Desk A');
  B = await desk('Desk B');
  await settle(A, B);
  agentA = await signedIn(A, 'agent');
  agentB = await signedIn(B, 'agent2');
}, 240_000);

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

/** Both desks on a call with the customer, and everything synced; then A is cut off. */
async function bothOnACallThenACutOff(customerId: string): Promise<{ callA: string; callB: string }> {
  const callB = await verifiedCall(B, agentB, customerId);
  await settle(B, A);
  cut.add('Desk A');
  const callA = await verifiedCall(A, agentA, customerId);
  await settle(A);
  expect((await ok<SyncStatusView>(A, agentA.client, 'sync.status')).state).toBe('offline');
  return { callA, callB };
}

const opening = (interactionId: string, lineId: string, amount: number, customerSaid: string) => ({
  interactionId,
  idempotencyKey: randomUUID(),
  lineId,
  amount,
  reason: 'wrong_amount',
  customerSaid,
});

describe('a desk withdraws the disputes and payment plans its hub rejects', () => {
  it('dispute.open: two desks dispute the whole line; the hub keeps the first it sees, A’s dispute and what it held go, and A’s agent is told', async () => {
    const customerId = await customerFor();
    const { callA, callB } = await bothOnACallThenACutOff(customerId);
    const line = (await disputableLine(A, agentA, callA))!;
    const heldBefore = line.held;
    const mine = await ok<DisputeOpenResult>(A, agentA.client, 'disputes.open', opening(callA, line.lineId, line.disputable, 'Offline on desk A.'));
    expect((await disputableLine(A, agentA, callA))!.held).toBe(heldBefore + line.disputable);
    const theirs = await ok<DisputeOpenResult>(B, agentB.client, 'disputes.open', opening(callB, line.lineId, line.disputable, 'Online on desk B.'));
    await settle(B);

    cut.delete('Desk A');
    await settle(A);
    expect(deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE id = ? AND status = 'rejected'`, mine.commandId)).toBe(1);
    // A's dispute is gone from A (and never reached the hub); B's came down and holds the line.
    expect(deskCount(A, `SELECT count(*) AS n FROM disputes WHERE id = ?`, mine.disputeId)).toBe(0);
    expect(await hubCount(`SELECT count(*) AS n FROM disputes WHERE id = $1`, [mine.disputeId])).toBe(0);
    expect(deskCount(A, `SELECT count(*) AS n FROM disputes WHERE id = ?`, theirs.disputeId)).toBe(1);
    const after = await ok<DisputesView>(A, agentA.client, 'disputes.list', { interactionId: callA });
    expect(after.accounts[0]!.disputes.map((d) => d.id)).toEqual([theirs.disputeId, ...after.accounts[0]!.disputes.slice(1).map((d) => d.id)]);
    expect(after.accounts[0]!.held).toBe(heldBefore + line.disputable);
    expect(after.accounts[0]!.disputes.some((d) => d.id === mine.disputeId)).toBe(false);
    // The audit says what was taken back and why; the agent is told once, in both languages.
    const [withdrawn, ...more] = withdrawals(A, mine.commandId);
    expect(more).toEqual([]);
    expect(withdrawn).toMatchObject({ type: 'dispute.open', disputeIds: [mine.disputeId], paymentPlanIds: [] });
    expect(withdrawn!.reasons.length).toBeGreaterThan(0);
    const told = rejectionsOf(agentA, mine.commandId);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ type: 'dispute.open', withdrawnDisputeIds: [mine.disputeId], withdrawnPaymentPlanIds: [] });
    expect(told[0]!.reasons[0]!.fr).not.toBe('');
    await wrapUp(A, agentA, callA);
    await wrapUp(B, agentB, callB);
  });

  it('dispute.resolve: B settles the dispute first; A’s offline settlement is undone and A ends with the hub’s (B’s)', async () => {
    const customerId = await customerFor();
    const callB0 = await verifiedCall(B, agentB, customerId);
    const line = (await disputableLine(B, agentB, callB0))!;
    const opened = await ok<DisputeOpenResult>(B, agentB.client, 'disputes.open', opening(callB0, line.lineId, 150, 'The price is wrong.'));
    await wrapUp(B, agentB, callB0);
    await settle(B, A);
    expect(deskCount(A, `SELECT count(*) AS n FROM disputes WHERE id = ? AND status = 'open'`, opened.disputeId)).toBe(1);

    const { callA, callB } = await bothOnACallThenACutOff(customerId);
    const mine = await ok<DisputeResolveResult>(A, agentA.client, 'disputes.resolve', {
      interactionId: callA,
      idempotencyKey: randomUUID(),
      disputeId: opened.disputeId,
      resolution: { kind: 'reject', reason: 'Desk A: the price was announced.' },
    });
    const theirs = await ok<DisputeResolveResult>(B, agentB.client, 'disputes.resolve', {
      interactionId: callB,
      idempotencyKey: randomUUID(),
      disputeId: opened.disputeId,
      resolution: { kind: 'reject', reason: 'Desk B: the contract says so.' },
    });
    await settle(B);

    cut.delete('Desk A');
    await settle(A);
    expect(deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE id = ? AND status = 'rejected'`, mine.commandId)).toBe(1);
    const row = A.db.$client
      .prepare(`SELECT status, rejection_reason AS reason, resolve_command_id AS by FROM disputes WHERE id = ?`)
      .get(opened.disputeId) as { status: string; reason: string; by: string };
    expect(row).toEqual({ status: 'rejected', reason: 'Desk B: the contract says so.', by: theirs.commandId });
    const [withdrawn, ...more] = withdrawals(A, mine.commandId);
    expect(more).toEqual([]);
    expect(withdrawn).toMatchObject({ type: 'dispute.resolve', disputeIds: [opened.disputeId] });
    expect(rejectionsOf(agentA, mine.commandId)).toEqual([expect.objectContaining({ type: 'dispute.resolve', withdrawnDisputeIds: [opened.disputeId] })]);
    await wrapUp(A, agentA, callA);
    await wrapUp(B, agentB, callB);
  });

  it('paymentPlan.agree: B agrees a plan first; A’s plan and its instalments go — once, although the hub’s answer was lost after it committed', async () => {
    const { customerId, accountId } = overdue;
    const { callA, callB } = await bothOnACallThenACutOff(customerId);
    const owing = (await ok<PaymentPlansView>(A, agentA.client, 'paymentPlans.list', { interactionId: callA })).accounts.find(
      (a) => a.accountId === accountId,
    )!;
    expect(owing).toMatchObject({ overdueBalance: 12_001, plans: [] });
    const request = { accountId, instalments: 3, firstDueOn: '2026-12-01' };
    const mine = await ok<AgreedPlan>(A, agentA.client, 'paymentPlans.agree', { interactionId: callA, idempotencyKey: randomUUID(), request });
    expect(mine.status).toBe('agreed');
    expect(deskCount(A, `SELECT count(*) AS n FROM payment_plan_instalments WHERE plan_id = ?`, mine.planId)).toBe(3);
    const theirs = await ok<AgreedPlan>(B, agentB.client, 'paymentPlans.agree', {
      interactionId: callB,
      idempotencyKey: randomUUID(),
      request: { ...request, instalments: 2 },
    });
    await settle(B);

    cut.delete('Desk A');
    loseNextPushReply.add('Desk A');
    await settle(A);
    // The hub decided (and stored its receipt), but A never heard: nothing is withdrawn yet.
    expect(await hubCount(`SELECT count(*) AS n FROM receipts WHERE command_id = $1 AND status = 'rejected'`, [mine.commandId])).toBe(1);
    expect(deskCount(A, `SELECT count(*) AS n FROM payment_plans WHERE id = ?`, mine.planId)).toBe(1);
    expect(withdrawals(A, mine.commandId)).toEqual([]);
    await settle(A);
    expect((await ok<SyncStatusView>(A, agentA.client, 'sync.status')).state).toBe('online');

    expect(deskCount(A, `SELECT count(*) AS n FROM payment_plans WHERE id = ?`, mine.planId)).toBe(0);
    expect(deskCount(A, `SELECT count(*) AS n FROM payment_plan_instalments WHERE plan_id = ?`, mine.planId)).toBe(0);
    expect(await hubCount(`SELECT count(*) AS n FROM payment_plans WHERE id = $1`, [mine.planId])).toBe(0);
    const plans = await ok<PaymentPlansView>(A, agentA.client, 'paymentPlans.list', { interactionId: callA });
    expect(plans.accounts.find((a) => a.accountId === accountId)!.plans.map((p) => [p.id, p.instalments.length])).toEqual([[theirs.planId, 2]]);
    const [withdrawn, ...more] = withdrawals(A, mine.commandId);
    expect(more).toEqual([]);
    expect(withdrawn).toMatchObject({ type: 'paymentPlan.agree', paymentPlanIds: [mine.planId], disputeIds: [] });
    expect(withdrawn!.instalmentIds).toHaveLength(3);
    expect(rejectionsOf(agentA, mine.commandId)).toEqual([expect.objectContaining({ type: 'paymentPlan.agree', withdrawnPaymentPlanIds: [mine.planId] })]);
    await wrapUp(A, agentA, callA);
    await wrapUp(B, agentB, callB);
  });

  it('a reply lost after the hub accepted a dispute: the retry gets the stored receipt; one dispute on the hub and each desk, nothing withdrawn', async () => {
    const customerId = await customerFor();
    const callA = await verifiedCall(A, agentA, customerId);
    await settle(A);
    const line = (await disputableLine(A, agentA, callA))!;
    loseNextPushReply.add('Desk A');
    const opened = await ok<DisputeOpenResult>(A, agentA.client, 'disputes.open', opening(callA, line.lineId, 120, 'Charged twice.'));
    await settle(A);
    expect(loseNextPushReply.has('Desk A')).toBe(false);
    expect(await hubCount(`SELECT count(*) AS n FROM disputes WHERE id = $1`, [opened.disputeId])).toBe(1);
    await settle(A);
    expect(deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE id = ? AND status = 'accepted'`, opened.commandId)).toBe(1);
    expect(await hubCount(`SELECT count(*) AS n FROM disputes WHERE id = $1`, [opened.disputeId])).toBe(1);
    expect(await hubCount(`SELECT count(*) AS n FROM disputes WHERE invoice_line_id = $1`, [line.lineId])).toBe(1);
    expect(await hubCount(`SELECT count(*) AS n FROM receipts WHERE command_id = $1`, [opened.commandId])).toBe(1);
    expect(deskCount(A, `SELECT count(*) AS n FROM disputes WHERE invoice_line_id = ?`, line.lineId)).toBe(1);
    expect(withdrawals(A, opened.commandId)).toEqual([]);
    expect(rejectionsOf(agentA, opened.commandId)).toEqual([]);
    await settle(B);
    expect(deskCount(B, `SELECT count(*) AS n FROM disputes WHERE id = ? AND amount = 120`, opened.disputeId)).toBe(1);
    await wrapUp(A, agentA, callA);
  });
});
