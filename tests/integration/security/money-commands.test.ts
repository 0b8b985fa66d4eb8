/**
 * Money commands happen once per intent, whatever the network does, and a supervisor's
 * decision is exactly the one their screen showed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, ApprovalDecisionResult, ApprovalSummary, DecisionView, GrantResult, ReverseResult } from '../../../src/core/api';
import { startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';
import { clientFor, freshStaff, makeCustomer, ok, verifiedCall, type TestClient } from '../discounts/helpers';
import { pendingApproval } from './helpers';

let t: TestHost;
let supervisor: TestClient;
beforeAll(async () => {
  t = startTestHost(60);
  supervisor = await clientFor(t.host, 'supervisor');
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;
const raw = (client: TestClient, method: string, input: unknown): Promise<ApiResult<unknown>> => t.host.dispatcher.dispatch(client.client, method, input);
const goodwill = (amount: number) => ({ kind: 'one_off_credit' as const, reason: 'goodwill' as const, target: 'invoice' as const, amount });
const count = (sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...args) as number;

async function call_(): Promise<{ agent: TestClient; customerId: string; accountId: string; interactionId: string }> {
  const agent = freshStaff(t.host, 'agent', 'en');
  const c = makeCustomer(db());
  return { agent, customerId: c.customerId, accountId: c.accountId, interactionId: await verifiedCall(t.host, agent, c.customerId) };
}

describe('idempotency keys on money commands', () => {
  it('twenty identical grants sent at once (one intent, one key): one ledger entry, one command, twenty equal answers', async () => {
    const { agent, accountId, interactionId } = await call_();
    const input = { interactionId, idempotencyKey: randomUUID(), request: goodwill(500) };
    const before = count(`SELECT count(*) FROM command_outbox`);
    const results = await Promise.all(Array.from({ length: 20 }, () => raw(agent, 'discounts.grant', input)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(count(`SELECT count(*) FROM ledger_entries WHERE account_id = ?`, accountId)).toBe(1);
    expect(count(`SELECT count(*) FROM command_outbox`) - before).toBe(1);
  });

  it('twenty identical over-limit requests at once: one approval request', async () => {
    const { agent, customerId, interactionId } = await call_();
    const input = { interactionId, idempotencyKey: randomUUID(), request: goodwill(2000) };
    const results = await Promise.all(Array.from({ length: 20 }, () => raw(agent, 'discounts.grant', input)));
    expect(results.map((r) => r.ok && (r.value as GrantResult).status)).toEqual(Array(20).fill('pending_approval'));
    expect(count(`SELECT count(*) FROM approval_requests WHERE customer_id = ?`, customerId)).toBe(1);
  });

  it('a reply lost after the commit: the retry with the same key gets the first answer, nothing twice', async () => {
    const { agent, accountId, interactionId } = await call_();
    const input = { interactionId, idempotencyKey: randomUUID(), request: goodwill(400) };
    const first = await raw(agent, 'discounts.grant', input); // the desk never saw this answer
    const retry = await raw(agent, 'discounts.grant', input);
    expect(retry).toEqual(first);
    expect(count(`SELECT count(*) FROM ledger_entries WHERE account_id = ?`, accountId)).toBe(1);
  });

  it('the same key with another request, or from another agent, is a typed CONFLICT and changes nothing', async () => {
    const { agent, interactionId } = await call_();
    const key = randomUUID();
    await ok(t.host, agent.client, 'discounts.grant', { interactionId, idempotencyKey: key, request: goodwill(300) });
    const before = storeFingerprint(db());
    const other = await raw(agent, 'discounts.grant', { interactionId, idempotencyKey: key, request: goodwill(900) });
    expect(other).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        messageKey: 'error.idempotencyMismatch',
        issues: [{ path: 'idempotencyKey', message: 'this key was already used for another request' }],
      },
    });
    expect(storeFingerprint(db())).toEqual(before);
    const { agent: someoneElse, interactionId: theirCall } = await call_();
    const fingerprint = storeFingerprint(db());
    expect(await raw(someoneElse, 'discounts.grant', { interactionId: theirCall, idempotencyKey: key, request: goodwill(300) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(storeFingerprint(db())).toEqual(fingerprint);
  });

  it('a failed grant stored nothing: trying again with the same key decides again', async () => {
    const { agent, accountId, interactionId } = await call_();
    const key = randomUUID();
    const refused = await raw(agent, 'discounts.grant', {
      interactionId,
      idempotencyKey: key,
      request: { kind: 'fee_waiver', reason: 'goodwill', fee: 'late_fee', amount: 100 },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_REFUSED' } });
    expect(count(`SELECT count(*) FROM idempotency_keys WHERE key = ?`, key)).toBe(0);
    expect(count(`SELECT count(*) FROM ledger_entries WHERE account_id = ?`, accountId)).toBe(0);
  });

  it('a reversal sent twice is one reversal', async () => {
    const { agent, accountId, interactionId } = await call_();
    const granted = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, idempotencyKey: randomUUID(), request: goodwill(300) });
    if (granted.status !== 'granted') throw new Error(granted.status);
    const input = { interactionId, idempotencyKey: randomUUID(), ledgerEntryId: granted.ledgerEntryIds[0], reason: 'typed the wrong amount' };
    const [a, b] = await Promise.all([raw(agent, 'discounts.reverse', input), raw(agent, 'discounts.reverse', input)]);
    expect(a).toEqual(b);
    expect((a as { value: ReverseResult }).value.reversedId).toBe(granted.ledgerEntryIds[0]);
    expect(count(`SELECT count(*) FROM ledger_entries WHERE account_id = ? AND kind = 'reversal'`, accountId)).toBe(1);
  });

  it('a supervisor’s decision sent twice is one decision, one credit', async () => {
    const p = await pendingApproval(t.host);
    const summary = (await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {})).find((s) => s.approvalId === p.approvalId)!;
    const input = {
      approvalId: p.approvalId,
      idempotencyKey: randomUUID(),
      decision: 'approve',
      amount: 1500,
      shown: { outcome: 'approve', requestHash: summary.requestHash },
    };
    const [a, b] = await Promise.all([raw(supervisor, 'approvals.decide', input), raw(supervisor, 'approvals.decide', input)]);
    expect(a).toEqual(b);
    expect((a as { value: ApprovalDecisionResult }).value).toMatchObject({ status: 'applied', approvedAmount: 1500 });
    expect(count(`SELECT count(*) FROM ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE a.customer_id = ?`, p.customerId)).toBe(1);
  });
});

describe('a decision is exactly what the supervisor’s screen showed', () => {
  it('a refusal comment sent as an approval (the outcome shown says refuse) is refused by main; nothing is decided', async () => {
    const p = await pendingApproval(t.host);
    const summary = (await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {})).find((s) => s.approvalId === p.approvalId)!;
    const before = storeFingerprint(db());
    const r = await raw(supervisor, 'approvals.decide', {
      approvalId: p.approvalId,
      idempotencyKey: randomUUID(),
      decision: 'approve',
      comment: 'Already compensated last month',
      shown: { outcome: 'refuse', requestHash: summary.requestHash },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'error.decisionMismatch' } });
    expect(storeFingerprint(db())).toEqual(before);
    expect(db().prepare(`SELECT status FROM approval_requests WHERE id = ?`).pluck().get(p.approvalId)).toBe('pending');
  });

  it('a decision on another request than the one shown is refused', async () => {
    const shownOne = await pendingApproval(t.host);
    const decidedOne = await pendingApproval(t.host);
    const inbox = await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {});
    const shownHash = inbox.find((s) => s.approvalId === shownOne.approvalId)!.requestHash;
    const r = await raw(supervisor, 'approvals.decide', {
      approvalId: decidedOne.approvalId,
      idempotencyKey: randomUUID(),
      decision: 'refuse',
      comment: 'no',
      shown: { outcome: 'refuse', requestHash: shownHash },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'error.decisionMismatch' } });
    expect(db().prepare(`SELECT status FROM approval_requests WHERE id = ?`).pluck().get(decidedOne.approvalId)).toBe('pending');
  });

  it('a decision without what was shown is not accepted at all', async () => {
    const p = await pendingApproval(t.host);
    expect(
      await raw(supervisor, 'approvals.decide', { approvalId: p.approvalId, idempotencyKey: randomUUID(), decision: 'refuse', comment: 'no' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('evaluate and grant run the same decision', () => {
  it('an account billed in GBP under the EUR policy: evaluate says refused, as grant does, naming the currency', async () => {
    const { agent, accountId, interactionId } = await call_();
    db().prepare(`UPDATE accounts SET currency = 'GBP' WHERE id = ?`).run(accountId);
    const view = await ok<DecisionView>(t.host, agent.client, 'discounts.evaluate', { interactionId, request: goodwill(500) });
    expect(view.outcome).toBe('refused');
    expect(view.rules.find((r) => !r.passed)).toMatchObject({ rule: 'currency_matches' });
    expect(view.rules.find((r) => !r.passed)!.text).toMatch(/GBP/);
    const granted = await raw(agent, 'discounts.grant', { interactionId, idempotencyKey: randomUUID(), request: goodwill(500) });
    expect(granted).toMatchObject({ ok: false, error: { code: 'POLICY_REFUSED' } });
    expect(count(`SELECT count(*) FROM ledger_entries WHERE account_id = ?`, accountId)).toBe(0);
  });
});
