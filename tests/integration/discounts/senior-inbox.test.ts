/**
 * The senior agents' inbox: a request routed to a senior agent reaches senior agents (event and
 * inbox) as well as supervisors; one routed to a supervisor is invisible to a senior agent. A
 * senior agent decides only within their own limits, re-decided by main at the moment of the
 * decision. Customers' last bills are €100.00: goodwill needs a senior agent from €10.01 to
 * €30.00 (25 % of the bill), a supervisor above (sample policy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalDecisionResult, ApprovalDetail, ApprovalSummary, GrantResult } from '../../../src/core/api';
import { startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';
import { clientFor, fails, freshStaff, ledgerRows, makeCustomer, ok, verifiedCall, type TestClient } from './helpers';

let t: TestHost;
let supervisor: TestClient;
beforeAll(async () => {
  t = startTestHost(120);
  supervisor = await clientFor(t.host, 'supervisor');
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;
const goodwill = (amount: number) => ({ kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount });

/** A fresh customer's call by `agent` (fresh if not given), and a goodwill request for `amount`. */
async function request(amount: number, agent: TestClient = freshStaff(t.host, 'agent')) {
  const c = makeCustomer(db());
  const interactionId = await verifiedCall(t.host, agent, c.customerId);
  const r = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(amount) });
  if (r.status !== 'pending_approval') throw new Error(`expected a pending approval, got ${r.status}`);
  return { agent, c, interactionId, approvalId: r.approvalId, approverRole: r.approverRole };
}

/** Ends the agent's open call, so the same agent can take the next one. */
async function endCall(agent: TestClient, interactionId: string): Promise<void> {
  const { codes } = await ok<{ codes: string[] }>(t.host, agent.client, 'interaction.dispositions', {});
  await ok(t.host, agent.client, 'interaction.wrapUp', { interactionId, disposition: codes[0]! });
}

describe("the senior agents' inbox", () => {
  it('holds the requests routed to a senior agent, not those routed to a supervisor; supervisors see both', async () => {
    const senior = freshStaff(t.host, 'senior_agent');
    const forSenior = await request(2000);
    const forSupervisor = await request(4000);
    expect(forSenior.approverRole).toBe('senior_agent');
    expect(forSupervisor.approverRole).toBe('supervisor');

    const mine = await ok<ApprovalSummary[]>(t.host, senior.client, 'approvals.inbox', {});
    expect(mine.map((i) => i.approvalId)).toContain(forSenior.approvalId);
    expect(mine.map((i) => i.approvalId)).not.toContain(forSupervisor.approvalId);
    expect(mine.every((i) => i.approverRole === 'senior_agent')).toBe(true);

    const all = (await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {})).map((i) => i.approvalId);
    expect(all).toEqual(expect.arrayContaining([forSenior.approvalId, forSupervisor.approvalId]));

    // The detail of their own request, re-decided with the senior agent as actor.
    const detail = await ok<ApprovalDetail>(t.host, senior.client, 'approvals.get', { approvalId: forSenior.approvalId });
    expect(detail.forApprover).toMatchObject({ outcome: 'allowed', maxAllowedNow: 2500 });
    // A request routed higher looks like no request at all.
    expect((await fails(t.host, senior.client, 'approvals.get', { approvalId: forSupervisor.approvalId })).code).toBe('NOT_FOUND');
  });

  it("'approval.requested' reaches senior agents for a senior's request only; supervisors for both", async () => {
    const senior = freshStaff(t.host, 'senior_agent');
    const supervisorEvents = freshStaff(t.host, 'supervisor');
    const forSenior = await request(2000);
    const forSupervisor = await request(4000);
    const ids = (c: TestClient) => c.events.filter((e) => e.name === 'approval.requested').map((e) => (e.payload as { approvalId: string }).approvalId);
    expect(ids(senior)).toContain(forSenior.approvalId);
    expect(ids(senior)).not.toContain(forSupervisor.approvalId);
    expect(ids(supervisorEvents)).toEqual(expect.arrayContaining([forSenior.approvalId, forSupervisor.approvalId]));
    // The requesting agent is not told of their own request as if they could decide it.
    expect(ids(forSenior.agent)).toEqual([]);
  });

  it('a senior agent approves a request routed to them, possibly lower, never above their limits', async () => {
    const senior = freshStaff(t.host, 'senior_agent');
    const p = await request(2500);
    const before = storeFingerprint(db());
    // Raising is never allowed, by anyone.
    expect((await fails(t.host, senior.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve', amount: 3000 })).code).toBe(
      'INVALID_INPUT',
    );
    expect(storeFingerprint(db())).toEqual(before);
    const r = await ok<ApprovalDecisionResult>(t.host, senior.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve', amount: 2000 });
    expect(r).toMatchObject({ status: 'applied', approvedAmount: 2000, decidedBy: { id: senior.userId } });
    expect(ledgerRows(db(), p.c.accountId)).toHaveLength(1);
    expect(p.agent.events).toContainEqual({
      name: 'approval.decided',
      payload: { approvalId: p.approvalId, interactionId: p.interactionId, status: 'approved' },
    });
    // Gone from both inboxes.
    expect((await ok<ApprovalSummary[]>(t.host, senior.client, 'approvals.inbox', {})).map((i) => i.approvalId)).not.toContain(p.approvalId);
  });

  it('a senior agent may refuse a request routed to them, but not one routed to a supervisor', async () => {
    const senior = freshStaff(t.host, 'senior_agent');
    const mine = await request(2000);
    const theirs = await request(4000);
    const before = storeFingerprint(db());
    expect((await fails(t.host, senior.client, 'approvals.decide', { approvalId: theirs.approvalId, decision: 'refuse', comment: 'no' })).code).toBe(
      'FORBIDDEN',
    );
    expect(storeFingerprint(db())).toEqual(before);
    expect(
      await ok<ApprovalDecisionResult>(t.host, senior.client, 'approvals.decide', {
        approvalId: mine.approvalId,
        decision: 'refuse',
        comment: 'Not this month',
      }),
    ).toMatchObject({ status: 'refused' });
  });

  it("the limits are the senior agent's at the moment of deciding: once the agent's day is past the senior's daily limit, a senior's request needs a supervisor", async () => {
    // The requesting agent's day: €280 already granted through approvals (senior agents' daily limit: €300).
    const agent = freshStaff(t.host, 'agent');
    for (let i = 0; i < 14; i++) {
      const p = await request(2000, agent);
      await ok(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve' });
      await endCall(agent, p.interactionId);
    }
    // Two requests of €20 made now are both within a senior agent's day (280 + 20 ≤ 300)…
    const a = await request(2000, agent);
    await endCall(agent, a.interactionId);
    const b = await request(2000, agent);
    expect([a.approverRole, b.approverRole]).toEqual(['senior_agent', 'senior_agent']);

    const senior = freshStaff(t.host, 'senior_agent');
    await ok(t.host, senior.client, 'approvals.decide', { approvalId: a.approvalId, decision: 'approve' });
    // …but after the first, the second would take the day to €320: over the senior agent's limit.
    const detail = await ok<ApprovalDetail>(t.host, senior.client, 'approvals.get', { approvalId: b.approvalId });
    expect(detail.forApprover.outcome).toBe('needs_approval');
    const before = storeFingerprint(db());
    expect((await fails(t.host, senior.client, 'approvals.decide', { approvalId: b.approvalId, decision: 'approve' })).code).toBe('FORBIDDEN');
    expect(storeFingerprint(db())).toEqual(before);
    // A supervisor's limits allow it.
    expect(await ok<ApprovalDecisionResult>(t.host, supervisor.client, 'approvals.decide', { approvalId: b.approvalId, decision: 'approve' })).toMatchObject({
      status: 'applied',
    });
  });

  it('a senior agent cannot decide their own request', async () => {
    const senior = freshStaff(t.host, 'senior_agent');
    // €40 of goodwill is over a senior's own limit: their request goes to a supervisor…
    const own = await request(4000, senior);
    expect(own.approverRole).toBe('supervisor');
    expect((await ok<ApprovalSummary[]>(t.host, senior.client, 'approvals.inbox', {})).map((i) => i.approvalId)).not.toContain(own.approvalId);
    expect((await fails(t.host, senior.client, 'approvals.decide', { approvalId: own.approvalId, decision: 'approve' })).code).toBe('FORBIDDEN');
  });
});
