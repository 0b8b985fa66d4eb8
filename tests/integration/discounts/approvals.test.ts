/**
 * Supervisor approvals through the API: the inbox, approving (possibly lower) or refusing, the
 * decision reaching the agent's call, and a supervisor approving at the agent's desk with their
 * own credentials. Customers' last bills are €100.00 (see discounts.test.ts for the limits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalDecisionResult, ApprovalDetail, ApprovalSummary, CallApprovalStatus, GrantResult } from '../../../src/core/api';
import { startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';
import { auditOf, clientFor, fails, freshStaff, ledgerRows, makeCustomer, ok, outboxOf, verifiedCall, type TestClient } from './helpers';

let t: TestHost;
let supervisor: TestClient;
beforeAll(async () => {
  t = startTestHost(120);
  supervisor = await clientFor(t.host, 'supervisor');
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;
const goodwill = (amount: number) => ({ kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount });

/** An agent's call with a fresh customer and a pending request for `amount` of goodwill. */
async function pendingRequest(amount = 2000, locale: 'en' | 'fr' = 'en') {
  const agent = freshStaff(t.host, 'agent', locale);
  const c = makeCustomer(db());
  const interactionId = await verifiedCall(t.host, agent, c.customerId);
  const r = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(amount) });
  if (r.status !== 'pending_approval') throw new Error(`expected a pending approval, got ${r.status}`);
  return { agent, c, interactionId, approvalId: r.approvalId };
}

describe('the approvals inbox', () => {
  it("lists pending requests with the customer, the agent, the amount and the engine's explanation", async () => {
    const p = await pendingRequest(2000);
    const inbox = await ok<ApprovalSummary[]>(t.host, supervisor.client, 'approvals.inbox', {});
    const item = inbox.find((i) => i.approvalId === p.approvalId)!;
    expect(item).toMatchObject({
      status: 'pending',
      interactionId: p.interactionId,
      customerId: p.c.customerId,
      requestedBy: { id: p.agent.userId },
      amount: 2000,
      currency: 'EUR',
      reason: 'goodwill',
      reasonLabel: 'Geste commercial',
      kind: 'one_off_credit',
      approverRole: 'senior_agent',
      request: goodwill(2000),
    });
    expect(item.customerName).toMatch(/^Test Client/);
    // The supervisor reads French (demo profile): the explanation is in their language.
    expect(item.explanation.headline).toMatch(/^Validation requise par un conseiller senior : .*au-delà des limites du conseiller\. /);
    expect(item.explanation.rules.find((r) => r.rule === 'per_action_limit')!.passed).toBe(false);

    const detail = await ok<ApprovalDetail>(t.host, supervisor.client, 'approvals.get', { approvalId: p.approvalId });
    expect(detail.forApprover).toMatchObject({ outcome: 'allowed', maxAllowedNow: 5000 });
    expect(detail).toMatchObject({ decidedBy: null, decidedAt: null, approvedAmount: null });
  });

  it('is for approvers only: agents are FORBIDDEN (senior agents: senior-inbox.test.ts)', async () => {
    const agent = freshStaff(t.host, 'agent');
    expect((await fails(t.host, agent.client, 'approvals.inbox', {})).code).toBe('FORBIDDEN');
  });
});

describe("'approvals.decide'", () => {
  it('approving a lower amount writes the entry on the requesting agent, two commands and two audit entries, and tells the agent', async () => {
    const p = await pendingRequest(2000);
    const grantsBefore = outboxOf(db(), 'credit.grant').length;
    const r = await ok<ApprovalDecisionResult>(t.host, supervisor.client, 'approvals.decide', {
      approvalId: p.approvalId,
      decision: 'approve',
      amount: 1800,
      comment: 'OK for 18',
    });
    expect(r).toMatchObject({ approvalId: p.approvalId, status: 'applied', approvedAmount: 1800, decidedBy: { id: supervisor.userId } });

    const [entry] = ledgerRows(db(), p.c.accountId);
    expect(entry).toMatchObject({ id: r.ledgerEntryIds[0], kind: 'credit', amount: 1800, actor_id: p.agent.userId, interaction_id: p.interactionId });
    const grant = outboxOf(db(), 'credit.grant');
    expect(grant).toHaveLength(grantsBefore + 1);
    expect(grant.at(-1)).toMatchObject({ actor_id: supervisor.userId, interaction_id: p.interactionId });
    expect(entry!.command_id).toBe(grant.at(-1)!.id);
    const decideCmd = outboxOf(db(), 'approval.decide').at(-1)!;
    // Both commands, in order, from one transaction.
    expect(decideCmd.device_seq).toBe(grant.at(-1)!.device_seq + 1);

    const row = db().prepare(`SELECT status, decided_by, approved_amount, comment, applied_command_id FROM approval_requests WHERE id = ?`).get(p.approvalId);
    expect(row).toEqual({
      status: 'applied',
      decided_by: supervisor.userId,
      approved_amount: 1800,
      comment: 'OK for 18',
      applied_command_id: grant.at(-1)!.id,
    });
    const decided = auditOf(db(), 'approval_decided').at(-1)!;
    expect(decided).toMatchObject({ actor_id: supervisor.userId, subject: `approval:${p.approvalId}` });
    expect(JSON.parse(decided.after!)).toMatchObject({ status: 'applied', approvedAmount: 1800, decidedBy: supervisor.userId, requestedBy: p.agent.userId });
    expect(JSON.parse(auditOf(db(), 'credit_granted').at(-1)!.after!)).toMatchObject({
      approvalId: p.approvalId,
      requestedBy: p.agent.userId,
      decidedBy: supervisor.userId,
    });

    expect(p.agent.events).toContainEqual({
      name: 'approval.decided',
      payload: { approvalId: p.approvalId, interactionId: p.interactionId, status: 'approved' },
    });
    const status = await ok<CallApprovalStatus[]>(t.host, p.agent.client, 'approvals.status', { interactionId: p.interactionId });
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({
      approvalId: p.approvalId,
      status: 'applied',
      amount: 2000,
      approvedAmount: 1800,
      comment: 'OK for 18',
      ledgerEntryIds: r.ledgerEntryIds,
      decidedBy: { id: supervisor.userId },
    });
    expect(status[0]!.summary).toMatch(/^Approved by .+: €18\.00 \(instead of €20\.00\)\. — “OK for 18”$/);
  });

  it('a decided request cannot be decided again: APPROVAL_INVALID and nothing written', async () => {
    const p = await pendingRequest(2000);
    await ok(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve' });
    const before = storeFingerprint(db());
    expect((await fails(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve' })).code).toBe('APPROVAL_INVALID');
    expect((await fails(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'refuse', comment: 'no' })).code).toBe(
      'APPROVAL_INVALID',
    );
    expect((await fails(t.host, supervisor.client, 'approvals.decide', { approvalId: '01900000-0000-7000-8000-000000000000', decision: 'approve' })).code).toBe(
      'APPROVAL_INVALID',
    );
    expect(storeFingerprint(db())).toEqual(before);
    expect(ledgerRows(db(), p.c.accountId)).toHaveLength(1);
  });

  it('refusing needs a comment, writes no ledger entry, and the call shows it', async () => {
    const p = await pendingRequest(2000, 'fr');
    expect((await fails(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'refuse' })).code).toBe('INVALID_INPUT');
    const r = await ok<ApprovalDecisionResult>(t.host, supervisor.client, 'approvals.decide', {
      approvalId: p.approvalId,
      decision: 'refuse',
      comment: 'Déjà un geste le mois dernier',
    });
    expect(r).toMatchObject({ status: 'refused', ledgerEntryIds: [], approvedAmount: null });
    expect(ledgerRows(db(), p.c.accountId)).toEqual([]);
    expect(p.agent.events).toContainEqual({
      name: 'approval.decided',
      payload: { approvalId: p.approvalId, interactionId: p.interactionId, status: 'refused' },
    });
    const [s] = await ok<CallApprovalStatus[]>(t.host, p.agent.client, 'approvals.status', { interactionId: p.interactionId });
    expect(s).toMatchObject({ status: 'refused', comment: 'Déjà un geste le mois dernier' });
    expect(s!.summary).toMatch(/^Refusé par .+\. — «\u00a0Déjà un geste le mois dernier\u00a0»$/);
    expect(JSON.parse(auditOf(db(), 'approval_decided').at(-1)!.after!)).toMatchObject({ status: 'refused', comment: 'Déjà un geste le mois dernier' });
  });

  it('an approval may lower the request, never raise or reshape it', async () => {
    const p = await pendingRequest(2000);
    const before = storeFingerprint(db());
    expect((await fails(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve', amount: 2500 })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await fails(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve', cycles: 2 })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await fails(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve', percentBp: 100 })).code).toBe(
      'INVALID_INPUT',
    );
    expect(storeFingerprint(db())).toEqual(before);
  });

  it('a request over the caps meanwhile is refused by the policy, even for a supervisor', async () => {
    const p = await pendingRequest(2000);
    // Meanwhile, another agent gives this customer two goodwill credits (the yearly count cap).
    const other = freshStaff(t.host, 'agent');
    const i = await verifiedCall(t.host, other, p.c.customerId);
    await ok(t.host, other.client, 'discounts.grant', { interactionId: i, request: goodwill(500) });
    await ok(t.host, other.client, 'discounts.grant', { interactionId: i, request: goodwill(500) });
    const before = storeFingerprint(db());
    const e = await fails(t.host, supervisor.client, 'approvals.decide', { approvalId: p.approvalId, decision: 'approve' });
    expect(e.code).toBe('POLICY_REFUSED');
    expect(e.issues!.map((x) => x.path)).toContain('reason_count_cap');
    expect(storeFingerprint(db())).toEqual(before);
  });
});

describe("'approvals.decideHere': a supervisor at the agent's desk", () => {
  it("decides with their own credentials; the agent's session stays the agent's; both identities audited", async () => {
    const agent = await clientFor(t.host, 'agent2');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const g = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(4000) });
    if (g.status !== 'pending_approval') throw new Error('expected pending');
    expect(g.approverRole).toBe('supervisor');

    const r = await ok<ApprovalDecisionResult>(t.host, agent.client, 'approvals.decideHere', {
      interactionId,
      approvalId: g.approvalId,
      username: 'supervisor',
      password: 'ardoise-supervisor',
      decision: 'approve',
      comment: 'Approved at the desk',
    });
    expect(r).toMatchObject({ status: 'applied', approvedAmount: 4000, decidedBy: { id: supervisor.userId } });
    expect(t.host.sessions.get(agent.client.clientId)!.agent).toMatchObject({ userId: agent.userId, username: 'agent2', role: 'agent' });
    const audit = auditOf(db(), 'approval_decided').at(-1)!;
    expect(audit.actor_id).toBe(supervisor.userId);
    expect(JSON.parse(audit.after!)).toMatchObject({ decidedBy: supervisor.userId, requestedBy: agent.userId, atDeskOf: agent.userId });
    expect(ledgerRows(db(), c.accountId)[0]).toMatchObject({ amount: 4000, actor_id: agent.userId });
    expect(agent.events).toContainEqual({ name: 'approval.decided', payload: { approvalId: g.approvalId, interactionId, status: 'approved' } });
    // Still the agent: supervisor-only methods stay closed to this client.
    expect((await fails(t.host, agent.client, 'approvals.inbox', {})).code).toBe('FORBIDDEN');
  });

  it('says BAD_CREDENTIALS alike for a wrong password and an unknown user; only the failed checks are recorded', async () => {
    const p = await pendingRequest(2000);
    const before = storeFingerprint(db());
    const base = { interactionId: p.interactionId, approvalId: p.approvalId, decision: 'approve' };
    const wrong = await fails(t.host, p.agent.client, 'approvals.decideHere', { ...base, username: 'supervisor', password: 'not-the-password' });
    const unknown = await fails(t.host, p.agent.client, 'approvals.decideHere', { ...base, username: 'nobody-here', password: 'not-the-password' });
    expect(wrong).toEqual(unknown);
    expect(wrong.code).toBe('BAD_CREDENTIALS');
    // Two audit entries (credential_failed) and two failure counters; nothing else moved.
    expect(storeFingerprint(db())).toEqual({ ...before, audit_log: before['audit_log']! + 2, credential_failures: before['credential_failures']! + 2 });
    db().prepare(`DELETE FROM credential_failures`).run();
  });

  it('a role below the approver role is FORBIDDEN; a senior agent may approve what needs a senior', async () => {
    const p = await pendingRequest(2000);
    const before = storeFingerprint(db());
    const base = { interactionId: p.interactionId, approvalId: p.approvalId, decision: 'approve' };
    expect((await fails(t.host, p.agent.client, 'approvals.decideHere', { ...base, username: 'agent2', password: 'ardoise-agent' })).code).toBe('FORBIDDEN');
    expect(storeFingerprint(db())).toEqual(before);
    expect(
      await ok<ApprovalDecisionResult>(t.host, p.agent.client, 'approvals.decideHere', { ...base, username: 'senior', password: 'ardoise-senior' }),
    ).toMatchObject({ status: 'applied' });
  });

  it('an approval of another call or customer is APPROVAL_INVALID, and nothing is written', async () => {
    const mine = await pendingRequest(2000);
    const theirs = await pendingRequest(2000);
    const before = storeFingerprint(db());
    const e = await fails(t.host, mine.agent.client, 'approvals.decideHere', {
      interactionId: mine.interactionId,
      approvalId: theirs.approvalId,
      username: 'supervisor',
      password: 'ardoise-supervisor',
      decision: 'approve',
    });
    expect(e.code).toBe('APPROVAL_INVALID');
    expect(storeFingerprint(db())).toEqual(before);
    // Nor can an agent read another call's approvals: the call is not theirs.
    expect((await fails(t.host, mine.agent.client, 'approvals.status', { interactionId: theirs.interactionId })).code).toBe('NOT_FOUND');
  });
});
