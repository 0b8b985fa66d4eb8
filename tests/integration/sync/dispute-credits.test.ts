/**
 * A dispute resolved by a credit pushes two commands from one desk transaction: 'credit.grant'
 * (naming the dispute) and 'dispute.resolve'. The hub accepts the credit only with the dispute
 * resolved by it, so a credit for a dispute never stands without its resolution — whichever
 * desk's resolution reaches the hub first stands, and the other desk takes its credit back.
 * Real desks (the whole app host) and a real hub over HTTP:
 *
 *   two credits       A and B, both offline, credit the same synced dispute: B reaches the hub
 *                     first; one credit on the hub and on both desks, A's agent is told
 *   credit vs reject  a rejection reaching the hub first leaves no credit anywhere; a credit
 *                     reaching it first stands, the other desk's rejection is undone
 *   open + credit     opened and credited offline in one batch: accepted in order; the same
 *                     with the line already disputed whole on the hub: dispute and credit go
 *   a lost reply      the hub committed the credit and its resolution, the answer was lost: the
 *                     retry reads the stored receipts; one credit, nothing withdrawn
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisputeOpenResult, DisputeResolveResult, DisputesView } from '../../../src/core/api';
import type { AppHost } from '../../../src/main/app';
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
const disputableLine = (host: AppHost, agent: Agent, interactionId: string) => disputableLineOver(300, host, agent, interactionId);

let A: AppHost;
let B: AppHost;
let agentA: Agent;
let agentB: Agent;
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
  await net.start();
  A = await desk('Desk A');
  B = await desk('Desk B');
  await settle(A, B);
  agentA = await signedIn(A, 'agent');
  agentB = await signedIn(B, 'agent2');
}, 240_000);

afterAll(() => net.stop());

const opening = (interactionId: string, lineId: string, amount: number, customerSaid: string) => ({
  interactionId,
  idempotencyKey: randomUUID(),
  lineId,
  amount,
  reason: 'wrong_amount',
  customerSaid,
});

/** A dispute of €3 opened on B and synced to both desks. */
async function syncedDispute(customerId: string): Promise<string> {
  const call = await verifiedCall(B, agentB, customerId);
  const line = (await disputableLine(B, agentB, call))!;
  const opened = await ok<DisputeOpenResult>(B, agentB.client, 'disputes.open', opening(call, line.lineId, 300, 'The price is wrong.'));
  await wrapUp(B, agentB, call);
  await settle(B, A);
  expect(deskCount(A, `SELECT count(*) AS n FROM disputes WHERE id = ? AND status = 'open'`, opened.disputeId)).toBe(1);
  return opened.disputeId;
}

/** Both desks on a verified call with the customer, synced; then the named desks are cut off. */
async function bothOnACall(customerId: string, offline: readonly string[]): Promise<{ callA: string; callB: string }> {
  const callA = await verifiedCall(A, agentA, customerId);
  const callB = await verifiedCall(B, agentB, customerId);
  await settle(A, B);
  for (const name of offline) cut.add(name);
  return { callA, callB };
}

const resolve = (host: AppHost, agent: Agent, interactionId: string, disputeId: string, resolution: unknown) =>
  ok<DisputeResolveResult>(host, agent.client, 'disputes.resolve', { interactionId, idempotencyKey: randomUUID(), disputeId, resolution });

/** The 'credit.grant' that wrote a ledger entry on the desk. */
const grantOf = (host: AppHost, entryId: string): string =>
  (host.db.$client.prepare(`SELECT command_id AS id FROM ledger_entries WHERE id = ?`).get(entryId) as { id: string }).id;

const hubDispute = async (id: string) =>
  (
    await net.hub.db.query<{ status: string; credit_entry_id: string | null; credited_amount: number | null; resolve_command_id: string }>(
      `SELECT status, credit_entry_id, credited_amount, resolve_command_id FROM disputes WHERE id = $1`,
      [id],
    )
  )[0]!;
const deskDispute = (host: AppHost, id: string) =>
  host.db.$client
    .prepare(`SELECT status, credit_entry_id AS creditEntryId, credited_amount AS creditedAmount, resolve_command_id AS by FROM disputes WHERE id = ?`)
    .get(id) as { status: string; creditEntryId: string | null; creditedAmount: number | null; by: string };
/** Billing-error credits made on these calls, on the hub. */
const hubCredits = async (...calls: string[]): Promise<string[]> =>
  (
    await net.hub.db.query<{ id: string }>(
      `SELECT id FROM ledger_entries WHERE interaction_id = ANY($1) AND reason_code IN ('billing_error', 'billing-error') ORDER BY id`,
      [calls],
    )
  ).map((r) => r.id);
const deskCredits = (host: AppHost, ...calls: string[]): string[] =>
  (
    host.db.$client
      .prepare(
        `SELECT id FROM ledger_entries WHERE interaction_id IN (${calls.map(() => '?').join(', ')}) AND reason_code IN ('billing_error', 'billing-error') ORDER BY id`,
      )
      .all(...calls) as { id: string }[]
  ).map((r) => r.id);

describe('a credit that resolves a dispute stands only with the dispute resolved by it', () => {
  it('two desks credit the same dispute offline: the first to reach the hub stands; one credit on the hub and both desks, and A’s agent is told', async () => {
    const customerId = await customerFor();
    const disputeId = await syncedDispute(customerId);
    const { callA, callB } = await bothOnACall(customerId, ['Desk A', 'Desk B']);
    const mine = await resolve(A, agentA, callA, disputeId, { kind: 'credit', amount: 300 });
    const theirs = await resolve(B, agentB, callB, disputeId, { kind: 'credit', amount: 250 });
    expect(mine.ledgerEntryIds).toHaveLength(1);
    const myGrant = grantOf(A, mine.ledgerEntryIds[0]!);

    cut.delete('Desk B');
    await settle(B);
    cut.delete('Desk A');
    await settle(A);
    await settle(B);

    // The hub: B's credit and B's resolution; A's credit was refused with its resolution.
    expect(await hubCredits(callA, callB)).toEqual([theirs.ledgerEntryIds[0]]);
    expect(await hubDispute(disputeId)).toMatchObject({
      status: 'credited',
      credit_entry_id: theirs.ledgerEntryIds[0],
      credited_amount: 250,
      resolve_command_id: theirs.commandId,
    });
    expect(await hubCount(`SELECT count(*) AS n FROM receipts WHERE command_id = $1 AND status = 'rejected'`, [myGrant])).toBe(1);
    // Each desk: the one credit (B's), the dispute credited by it.
    for (const host of [A, B]) {
      expect(deskCredits(host, callA, callB)).toEqual([theirs.ledgerEntryIds[0]]);
      expect(deskDispute(host, disputeId)).toEqual({ status: 'credited', creditEntryId: theirs.ledgerEntryIds[0], creditedAmount: 250, by: theirs.commandId });
    }
    const view = await ok<DisputesView>(A, agentA.client, 'disputes.list', { interactionId: callA });
    expect(view.accounts.flatMap((a) => a.disputes).find((d) => d.id === disputeId)).toMatchObject({ status: 'credited', creditedAmount: 250 });
    // A's desk took its credit back and opened its dispute again (then got the hub's), audited; its agent is told both.
    expect(withdrawals(A, myGrant)).toEqual([expect.objectContaining({ type: 'credit.grant', ledgerEntryIds: mine.ledgerEntryIds })]);
    expect(withdrawals(A, mine.commandId)).toEqual([expect.objectContaining({ type: 'dispute.resolve', disputeIds: [disputeId] })]);
    const told = rejectionsOf(agentA, myGrant);
    expect(told).toEqual([expect.objectContaining({ type: 'credit.grant', withdrawnLedgerEntryIds: mine.ledgerEntryIds })]);
    expect(told[0]!.reasons.map((r) => r.code)).toContain('dispute.already_resolved');
    expect(told[0]!.reasons[0]!.fr).not.toBe(told[0]!.reasons[0]!.en);
    expect(rejectionsOf(agentA, mine.commandId)).toEqual([expect.objectContaining({ type: 'dispute.resolve', withdrawnDisputeIds: [disputeId] })]);
    expect(rejectionsOf(agentB, theirs.commandId)).toEqual([]);
    await wrapUp(A, agentA, callA);
    await wrapUp(B, agentB, callB);
  });

  it('rejected on B first, credited offline on A: A’s credit goes from A and never stands on the hub; the dispute ends rejected everywhere', async () => {
    const customerId = await customerFor();
    const disputeId = await syncedDispute(customerId);
    const { callA, callB } = await bothOnACall(customerId, ['Desk A']);
    const mine = await resolve(A, agentA, callA, disputeId, { kind: 'credit', amount: 300 });
    const myGrant = grantOf(A, mine.ledgerEntryIds[0]!);
    const theirs = await resolve(B, agentB, callB, disputeId, { kind: 'reject', reason: 'Desk B: the price was announced.' });
    await settle(B);

    cut.delete('Desk A');
    await settle(A);
    await settle(B);
    expect(await hubCredits(callA, callB)).toEqual([]);
    expect(await hubCount(`SELECT count(*) AS n FROM ledger_entries WHERE id = $1`, [mine.ledgerEntryIds[0]])).toBe(0);
    expect(await hubDispute(disputeId)).toMatchObject({ status: 'rejected', credit_entry_id: null, resolve_command_id: theirs.commandId });
    for (const host of [A, B]) {
      expect(deskCredits(host, callA, callB)).toEqual([]);
      expect(deskDispute(host, disputeId)).toEqual({ status: 'rejected', creditEntryId: null, creditedAmount: null, by: theirs.commandId });
    }
    expect(rejectionsOf(agentA, myGrant)).toEqual([expect.objectContaining({ type: 'credit.grant', withdrawnLedgerEntryIds: mine.ledgerEntryIds })]);
    expect(rejectionsOf(agentA, mine.commandId)).toEqual([expect.objectContaining({ type: 'dispute.resolve', withdrawnDisputeIds: [disputeId] })]);
    await wrapUp(A, agentA, callA);
    await wrapUp(B, agentB, callB);
  });

  it('credited on A first, rejected offline on B: A’s credit stands, B’s rejection is undone and B ends with A’s credit', async () => {
    const customerId = await customerFor();
    const disputeId = await syncedDispute(customerId);
    const { callA, callB } = await bothOnACall(customerId, ['Desk B']);
    const theirs = await resolve(B, agentB, callB, disputeId, { kind: 'reject', reason: 'Desk B: the contract says so.' });
    const mine = await resolve(A, agentA, callA, disputeId, { kind: 'credit', amount: 200 });
    await settle(A);

    cut.delete('Desk B');
    await settle(B);
    await settle(A);
    expect(await hubCredits(callA, callB)).toEqual(mine.ledgerEntryIds);
    expect(await hubDispute(disputeId)).toMatchObject({ status: 'credited', credit_entry_id: mine.ledgerEntryIds[0], resolve_command_id: mine.commandId });
    for (const host of [A, B]) {
      expect(deskCredits(host, callA, callB)).toEqual(mine.ledgerEntryIds);
      expect(deskDispute(host, disputeId)).toEqual({ status: 'credited', creditEntryId: mine.ledgerEntryIds[0], creditedAmount: 200, by: mine.commandId });
    }
    expect(rejectionsOf(agentB, theirs.commandId)).toEqual([expect.objectContaining({ type: 'dispute.resolve', withdrawnDisputeIds: [disputeId] })]);
    expect(rejectionsOf(agentA, mine.commandId)).toEqual([]);
    await wrapUp(A, agentA, callA);
    await wrapUp(B, agentB, callB);
  });

  it('opened and credited offline, the answer lost after the hub committed: the retry reads the stored receipts; one dispute, one credit, nothing withdrawn', async () => {
    const customerId = await customerFor();
    const { callA, callB } = await bothOnACall(customerId, ['Desk A']);
    const line = (await disputableLine(A, agentA, callA))!;
    const opened = await ok<DisputeOpenResult>(A, agentA.client, 'disputes.open', opening(callA, line.lineId, 300, 'Charged twice.'));
    const credited = await resolve(A, agentA, callA, opened.disputeId, { kind: 'credit', amount: 300 });
    const grant = grantOf(A, credited.ledgerEntryIds[0]!);

    cut.delete('Desk A');
    loseNextPushReply.add('Desk A');
    await settle(A);
    expect(loseNextPushReply.has('Desk A')).toBe(false);
    // In one batch, in order: the dispute reached the hub before the credit that resolves it.
    for (const id of [opened.commandId, grant, credited.commandId])
      expect(await hubCount(`SELECT count(*) AS n FROM receipts WHERE command_id = $1 AND status = 'accepted'`, [id])).toBe(1);
    await settle(A);
    await settle(B);
    for (const id of [opened.commandId, grant, credited.commandId]) {
      expect(deskCount(A, `SELECT count(*) AS n FROM command_outbox WHERE id = ? AND status = 'accepted'`, id)).toBe(1);
      expect(withdrawals(A, id)).toEqual([]);
      expect(rejectionsOf(agentA, id)).toEqual([]);
    }
    expect(await hubCredits(callA, callB)).toEqual(credited.ledgerEntryIds);
    expect(await hubDispute(opened.disputeId)).toMatchObject({
      status: 'credited',
      credit_entry_id: credited.ledgerEntryIds[0],
      resolve_command_id: credited.commandId,
    });
    for (const host of [A, B]) {
      expect(deskCredits(host, callA, callB)).toEqual(credited.ledgerEntryIds);
      expect(deskDispute(host, opened.disputeId)).toEqual({
        status: 'credited',
        creditEntryId: credited.ledgerEntryIds[0],
        creditedAmount: 300,
        by: credited.commandId,
      });
    }
    await wrapUp(A, agentA, callA);
    await wrapUp(B, agentB, callB);
  });

  it('opened and credited offline on a line B disputed whole first: the dispute, its credit and its resolution all go', async () => {
    const customerId = await customerFor();
    const { callA, callB } = await bothOnACall(customerId, ['Desk A']);
    const line = (await disputableLine(A, agentA, callA))!;
    const opened = await ok<DisputeOpenResult>(A, agentA.client, 'disputes.open', opening(callA, line.lineId, line.disputable, 'Offline on A.'));
    const credited = await resolve(A, agentA, callA, opened.disputeId, { kind: 'credit', amount: 300 });
    const grant = grantOf(A, credited.ledgerEntryIds[0]!);
    await ok<DisputeOpenResult>(B, agentB.client, 'disputes.open', opening(callB, line.lineId, line.disputable, 'Online on B.'));
    await settle(B);

    cut.delete('Desk A');
    await settle(A);
    for (const id of [opened.commandId, grant, credited.commandId])
      expect(await hubCount(`SELECT count(*) AS n FROM receipts WHERE command_id = $1 AND status = 'rejected'`, [id])).toBe(1);
    expect(await hubCredits(callA, callB)).toEqual([]);
    expect(deskCredits(A, callA, callB)).toEqual([]);
    expect(deskCount(A, `SELECT count(*) AS n FROM disputes WHERE id = ?`, opened.disputeId)).toBe(0);
    expect(rejectionsOf(agentA, grant)).toEqual([expect.objectContaining({ type: 'credit.grant', withdrawnLedgerEntryIds: credited.ledgerEntryIds })]);
    await wrapUp(A, agentA, callA);
    await wrapUp(B, agentB, callB);
  });
});
