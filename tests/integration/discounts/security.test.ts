/**
 * Limits are enforced in main, not in the screen: these tests call the dispatcher directly, as a
 * renderer that lies would, and check the answer AND that the store did not change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrantResult } from '../../../src/core/api';
import { startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';
import { clientFor, fails, freshStaff, ledgerRows, makeCustomer, ok, unverifiedCall, verifiedCall, type TestClient } from './helpers';

let t: TestHost;
let supervisor: TestClient;
beforeAll(async () => {
  t = startTestHost(120);
  supervisor = await clientFor(t.host, 'supervisor');
});
afterAll(() => t.dispose());

const db = () => t.host.db.$client;
const goodwill = (amount: number) => ({ kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount });

async function unchanged(fn: () => Promise<void>): Promise<void> {
  const before = storeFingerprint(db());
  await fn();
  expect(storeFingerprint(db())).toEqual(before);
}

describe('an agent calling the API directly', () => {
  it('over the limit: a pending approval, never a ledger entry', async () => {
    const agent = freshStaff(t.host, 'agent');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    for (const amount of [1001, 2500, 5000]) {
      const r = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(amount) });
      expect(r.status).toBe('pending_approval');
    }
    expect(ledgerRows(db(), c.accountId)).toEqual([]);
    // Far over every limit: refused, and nothing at all is written.
    await unchanged(async () => {
      expect((await fails(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(90_000) })).code).toBe('POLICY_REFUSED');
    });
  });

  it('a forged role or actor anywhere in the input is INVALID_INPUT (strict schemas)', async () => {
    const agent = freshStaff(t.host, 'agent');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const g = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(3000) });
    const approvalId = g.status === 'pending_approval' ? g.approvalId : '';
    const forged: [string, unknown][] = [
      ['policy.current', { role: 'supervisor' }],
      ['discounts.evaluate', { interactionId, request: goodwill(3000), role: 'supervisor' }],
      ['discounts.evaluate', { interactionId, request: { ...goodwill(3000), role: 'supervisor' } }],
      ['discounts.grant', { interactionId, request: goodwill(3000), actor: { userId: 'x', role: 'supervisor' } }],
      ['discounts.grant', { interactionId, request: { ...goodwill(3000), actor: { role: 'supervisor' } } }],
      ['discounts.grant', { interactionId, request: { ...goodwill(3000), approved: true } }],
      ['discounts.reverse', { interactionId, ledgerEntryId: approvalId, reason: 'x x x', role: 'senior_agent' }],
      ['discounts.ledger', { interactionId, role: 'supervisor' }],
      ['approvals.status', { interactionId, role: 'supervisor' }],
      ['approvals.decideHere', { interactionId, approvalId, username: 'agent', password: 'ardoise-agent', decision: 'approve', role: 'supervisor' }],
    ];
    await unchanged(async () => {
      for (const [method, input] of forged) expect((await fails(t.host, agent.client, method, input)).code, method).toBe('INVALID_INPUT');
    });
  });

  it('approving is FORBIDDEN to agents; a senior agent cannot see or decide a request routed to a supervisor', async () => {
    const agent = freshStaff(t.host, 'agent');
    const senior = freshStaff(t.host, 'senior_agent');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    // €20 of goodwill needs a senior agent; €40 a supervisor (sample policy, a €100 bill).
    const g = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(2000) });
    const approvalId = g.status === 'pending_approval' ? g.approvalId : '';
    const other = freshStaff(t.host, 'agent');
    const otherCall = await verifiedCall(t.host, other, makeCustomer(db()).customerId);
    const high = await ok<GrantResult>(t.host, other.client, 'discounts.grant', { interactionId: otherCall, request: goodwill(4000) });
    expect(high).toMatchObject({ status: 'pending_approval', approverRole: 'supervisor' });
    const highId = high.status === 'pending_approval' ? high.approvalId : '';
    await unchanged(async () => {
      expect((await fails(t.host, agent.client, 'approvals.decide', { approvalId, decision: 'approve' })).code).toBe('FORBIDDEN');
      expect((await fails(t.host, agent.client, 'approvals.get', { approvalId })).code).toBe('FORBIDDEN');
      expect((await fails(t.host, senior.client, 'approvals.decide', { approvalId: highId, decision: 'approve' })).code).toBe('FORBIDDEN');
      expect((await fails(t.host, senior.client, 'approvals.decide', { approvalId: highId, decision: 'refuse', comment: 'no' })).code).toBe('FORBIDDEN');
      expect((await fails(t.host, senior.client, 'approvals.get', { approvalId: highId })).code).toBe('NOT_FOUND');
      // Typing their own credentials at their own desk does not make them an approver.
      expect(
        (
          await fails(t.host, agent.client, 'approvals.decideHere', {
            interactionId,
            approvalId,
            username: 'agent',
            password: 'ardoise-agent',
            decision: 'approve',
          })
        ).code,
      ).toBe('FORBIDDEN');
    });
  });

  it('a reused approval id is APPROVAL_INVALID, and nothing is written the second time', async () => {
    const agent = freshStaff(t.host, 'agent');
    const c = makeCustomer(db());
    const interactionId = await verifiedCall(t.host, agent, c.customerId);
    const g = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId, request: goodwill(2000) });
    const approvalId = g.status === 'pending_approval' ? g.approvalId : '';
    await ok(t.host, agent.client, 'approvals.decideHere', {
      interactionId,
      approvalId,
      username: 'supervisor',
      password: 'ardoise-supervisor',
      decision: 'approve',
    });
    await unchanged(async () => {
      expect(
        (
          await fails(t.host, agent.client, 'approvals.decideHere', {
            interactionId,
            approvalId,
            username: 'supervisor',
            password: 'ardoise-supervisor',
            decision: 'approve',
          })
        ).code,
      ).toBe('APPROVAL_INVALID');
      expect((await fails(t.host, supervisor.client, 'approvals.decide', { approvalId, decision: 'approve' })).code).toBe('APPROVAL_INVALID');
    });
    expect(ledgerRows(db(), c.accountId)).toHaveLength(1);
  });

  it("another customer's approval used in decideHere for this call is APPROVAL_INVALID", async () => {
    const agent = freshStaff(t.host, 'agent');
    const c1 = makeCustomer(db());
    const c2 = makeCustomer(db());
    const i1 = await verifiedCall(t.host, agent, c1.customerId);
    const i2 = await verifiedCall(t.host, agent, c2.customerId);
    const g = await ok<GrantResult>(t.host, agent.client, 'discounts.grant', { interactionId: i2, request: goodwill(2000) });
    const approvalId = g.status === 'pending_approval' ? g.approvalId : '';
    await unchanged(async () => {
      expect(
        (
          await fails(t.host, agent.client, 'approvals.decideHere', {
            interactionId: i1,
            approvalId,
            username: 'supervisor',
            password: 'ardoise-supervisor',
            decision: 'approve',
          })
        ).code,
      ).toBe('APPROVAL_INVALID');
    });
  });

  it("an unverified call is VERIFICATION_REQUIRED; another agent's call is NOT_FOUND", async () => {
    const agent = freshStaff(t.host, 'agent');
    const other = freshStaff(t.host, 'agent');
    const c = makeCustomer(db());
    const unverified = await unverifiedCall(t.host, agent, c.customerId);
    const othersCall = await verifiedCall(t.host, other, c.customerId);
    const approvalId = '01900000-0000-7000-8000-000000000000';
    const inputs = (interactionId: string): [string, unknown][] => [
      ['discounts.evaluate', { interactionId, request: goodwill(500) }],
      ['discounts.grant', { interactionId, request: goodwill(500) }],
      ['discounts.reverse', { interactionId, ledgerEntryId: approvalId, reason: 'mistake' }],
      ['discounts.ledger', { interactionId }],
      ['approvals.status', { interactionId }],
      ['approvals.decideHere', { interactionId, approvalId, username: 'supervisor', password: 'ardoise-supervisor', decision: 'approve' }],
    ];
    await unchanged(async () => {
      for (const [method, input] of inputs(unverified)) expect((await fails(t.host, agent.client, method, input)).code, method).toBe('VERIFICATION_REQUIRED');
      for (const [method, input] of inputs(othersCall)) expect((await fails(t.host, agent.client, method, input)).code, method).toBe('NOT_FOUND');
    });
  });

  it('nothing works signed out', async () => {
    const { newClient } = await import('../../fixtures/app-host');
    const anon = newClient();
    await unchanged(async () => {
      for (const method of ['policy.current', 'approvals.inbox']) expect((await fails(t.host, anon, method, {})).code).toBe('UNAUTHENTICATED');
    });
  });
});
