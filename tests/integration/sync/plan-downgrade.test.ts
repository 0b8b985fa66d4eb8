/**
 * A plan change made on a desk reaches the hub with the downgrade the desk found (issue 12): the
 * desk and the hub judge it by the same rule (core/outcomes/downgrade.ts) on the same data, so a
 * real downgrade — taking effect now or at the end of the cycle — is accepted and written on the
 * hub with the desk's outcome id, nothing withdrawn on the desk; a change to a dearer plan carries
 * no downgrade and writes none. Real desk (the whole app host) and hub over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BestPlans, PlanChangeApplied } from '../../../src/core/api';
import type { AppHost } from '../../../src/main/app';
import { ok } from '../discounts/helpers';
import { HubAndDesks, settle, signedIn, tryVerifiedCall, withdrawals, wrapUp, type Agent } from './hub-and-desks';

const net = new HubAndDesks();
let A: AppHost;
let agent: Agent;
const used = new Set<string>();

beforeAll(async () => {
  await net.start();
  A = await net.desk('Desk A');
  await settle(A);
  agent = await signedIn(A, 'agent');
}, 240_000);

afterAll(() => net.stop());

/** A caller on a verified call with a sellable plan cheaper (or dearer) than theirs, by the ranking's fees. */
async function callerWith(cheaper: boolean): Promise<{ customerId: string; interactionId: string; planId: string }> {
  const ids = (A.db.$client.prepare(`SELECT id FROM customers ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
  for (const customerId of ids) {
    if (used.has(customerId)) continue;
    const interactionId = await tryVerifiedCall(A, agent, customerId);
    if (interactionId === null) continue;
    const ranking = await ok<BestPlans>(A, agent.client, 'billing.bestPlans', { interactionId });
    const current = ranking.plans.find((p) => p.isCurrent);
    const target = current && ranking.plans.find((p) => !p.isCurrent && (cheaper ? p.monthlyFee < current.monthlyFee : p.monthlyFee > current.monthlyFee));
    if (!target) {
      await wrapUp(A, agent, interactionId);
      continue;
    }
    used.add(customerId);
    return { customerId, interactionId, planId: target.planId };
  }
  throw new Error('no caller with such a plan');
}

describe('a plan change synced to the hub', () => {
  for (const timing of ['now', 'end_of_cycle'] as const) {
    it(`a downgrade (${timing}) is written on the hub with the desk's outcome id; nothing is withdrawn`, async () => {
      const { customerId, interactionId, planId } = await callerWith(true);
      const applied = await ok<PlanChangeApplied>(A, agent.client, 'billing.applyPlanChange', { interactionId, planId, timing, idempotencyKey: randomUUID() });
      const onDesk = A.db.$client.prepare(`SELECT id, kind, occurred_on FROM customer_outcomes WHERE customer_id = ?`).all(customerId);
      expect(onDesk).toEqual([{ id: expect.any(String), kind: 'downgrade', occurred_on: applied.effectiveOn }]);
      await settle(A);
      const [receipt] = await net.hub.db.query<{ status: string }>(`SELECT status FROM receipts WHERE command_id = $1`, [applied.commandId]);
      expect(receipt?.status).toBe('accepted');
      expect(await net.hub.db.query(`SELECT id, kind, occurred_on FROM customer_outcomes WHERE customer_id = $1`, [customerId])).toEqual(onDesk);
      expect(withdrawals(A, applied.commandId)).toEqual([]);
      await wrapUp(A, agent, interactionId);
    });
  }

  it('a change to a dearer plan carries no downgrade and writes none', async () => {
    const { customerId, interactionId, planId } = await callerWith(false);
    const applied = await ok<PlanChangeApplied>(A, agent.client, 'billing.applyPlanChange', {
      interactionId,
      planId,
      timing: 'now',
      idempotencyKey: randomUUID(),
    });
    await settle(A);
    const [receipt] = await net.hub.db.query<{ status: string }>(`SELECT status FROM receipts WHERE command_id = $1`, [applied.commandId]);
    expect(receipt?.status).toBe('accepted');
    expect(await net.hub.db.query(`SELECT id FROM customer_outcomes WHERE customer_id = $1`, [customerId])).toEqual([]);
    await wrapUp(A, agent, interactionId);
  });
});
