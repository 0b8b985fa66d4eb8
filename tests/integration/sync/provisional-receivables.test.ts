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
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisputeOpenResult, DisputeResolveResult, DisputesView, PaymentPlanAgreeResult, PaymentPlansView } from '../../../src/core/api';

/** A plan within the agent's own limits: agreed at once. */
type AgreedPlan = Extract<PaymentPlanAgreeResult, { status: 'agreed' }>;
import type { SyncStatusView } from '../../../src/core/api/events';
import type { AppHost } from '../../../src/main/app';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY } from '../../fixtures/app-host';
import { ok } from '../discounts/helpers';
import {
  deskCount,
  disputableLine as disputableLineOver,
  HubAndDesks,
  rejectionsOf,
  settle,
  signedIn,
  tryVerifiedCall,
  verifiedCall,
  withdrawals,
  wrapUp,
  type Agent,
} from './hub-and-desks';

const net = new HubAndDesks();
const { cut, loseNextPushReply } = net;
const desk = (name: string) => net.desk(name);
const hubCount = (sql: string, params?: unknown[]) => net.hubCount(sql, params);
const disputableLine = (host: AppHost, agent: Agent, interactionId: string) => disputableLineOver(100, host, agent, interactionId);

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
  await net.start(async (hub) => {
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
  });
  A = await desk('Desk A');
  B = await desk('Desk B');
  await settle(A, B);
  agentA = await signedIn(A, 'agent');
  agentB = await signedIn(B, 'agent2');
}, 240_000);

afterAll(() => net.stop());

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
