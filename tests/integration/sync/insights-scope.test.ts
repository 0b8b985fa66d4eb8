/**
 * Insights on a desk of a hub (issue 12): a manager signed in through the hub sees the hub's
 * figures across every desk — a call taken at another desk counts — and the answer says so
 * (scope 'all-desks'). When the hub cannot be reached, the desk answers from its own store and
 * says "this desk only" and why; an answer the desk already had stays for a short time (a
 * re-slice already seen costs no request). A standalone desk says 'standalone'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsOverview, InsightsScope, PracticesOverview } from '../../../src/core/api';
import { practicesPeriod } from '../../../src/core/insights';
import { hubInsights } from '../../../src/hub/services/insights';
import { hubPracticesOverview } from '../../../src/hub/services/practices';
import type { AppHost } from '../../../src/main/app';
import { InsightsService } from '../../../src/main/services/insights/insights';
import { PracticesService } from '../../../src/main/services/insights/practices';
import { PolicyStore } from '../../../src/main/services/discounts/policy-store';
import { DEMO_TODAY, newClient, signIn, startTestHost, type TestHost } from '../../fixtures/app-host';
import { ok } from '../discounts/helpers';
import { HubAndDesks, settle, signedIn, tryVerifiedCall, wrapUp, type Agent } from './hub-and-desks';

const net = new HubAndDesks();
let A: AppHost;
let B: AppHost;
let agentB: Agent;
const manager = newClient();
const { from, to } = practicesPeriod({}, DEMO_TODAY);

beforeAll(async () => {
  await net.start();
  A = await net.desk('Desk A');
  B = await net.desk('Desk B');
  await settle(A, B);
  await signIn(A, manager, 'manager', 'ardoise-manager');
  agentB = await signedIn(B, 'agent2');
}, 240_000);
afterAll(() => net.stop());

type Practices = PracticesOverview & InsightsScope;
const practices = (agentId?: string) => ok<Practices>(A, manager, 'insights.practices', agentId ? { agentId } : {});
const viewer = { userId: 'm', username: 'manager', displayName: 'M', role: 'manager', locale: 'fr' } as const;

describe('insights on a desk of a hub', () => {
  it('are the hub’s figures across every desk, said so: a call wrapped up at desk B counts at desk A', async () => {
    const before = await hubPracticesOverview(net.hub.db, DEMO_TODAY, { from, to, agentId: null }, 'fr');
    // Desk B takes a verified call of a customer with no call in the period, wraps it up, and syncs.
    const called = new Set(
      (
        await net.hub.db.query<{ customer_id: string }>(`SELECT DISTINCT customer_id FROM interactions WHERE started_at >= $1 AND customer_id IS NOT NULL`, [
          from,
        ])
      ).map((r) => r.customer_id),
    );
    const fresh = (B.db.$client.prepare(`SELECT id FROM customers ORDER BY id`).all() as { id: string }[]).map((r) => r.id).filter((id) => !called.has(id));
    let counted = false;
    for (const customerId of fresh) {
      const call = await tryVerifiedCall(B, agentB, customerId);
      if (call === null) continue;
      await wrapUp(B, agentB, call);
      counted = true;
      break;
    }
    expect(counted).toBe(true);
    await settle(B);

    const seen = await practices();
    const onHub = await hubPracticesOverview(net.hub.db, DEMO_TODAY, { from, to, agentId: null }, 'fr');
    expect(onHub.customers).toBe(before.customers + 1);
    expect(seen).toEqual({ ...onHub, scope: 'all-desks', scopeReason: null });
    const experiments = await ok<InsightsOverview & InsightsScope>(A, manager, 'insights.experiments', {});
    expect(experiments).toEqual({ ...(await hubInsights(net.hub.db, DEMO_TODAY, 'fr')), scope: 'all-desks', scopeReason: null });
    // Re-sliced by agent: the hub's figures for that agent.
    const agentId = seen.agents[0]!.id;
    expect(await practices(agentId)).toEqual({
      ...(await hubPracticesOverview(net.hub.db, DEMO_TODAY, { from, to, agentId }, 'fr')),
      scope: 'all-desks',
      scopeReason: null,
    });
  });

  it('with the hub unreachable: this desk’s own figures, "this desk only — hub unreachable"; an answer already had stays a short while', async () => {
    const agents = (await practices()).agents;
    net.cut.add('Desk A');
    try {
      // Asked a moment ago: the desk still has the hub's answer.
      expect((await practices()).scope).toBe('all-desks');
      const agentId = agents[1]!.id;
      const local = await new PracticesService(A.db.$client, () => DEMO_TODAY).overview(viewer, { agentId });
      // A desk of a hub cannot say which desk took its copy's calls: no desk choice while it answers alone.
      expect(await practices(agentId)).toEqual({ ...local, desks: [], scope: 'this-desk', scopeReason: 'hub_unreachable' });
      const period = await ok<Practices>(A, manager, 'insights.practices', { from: '2026-06-01', to: DEMO_TODAY });
      expect([period.scope, period.scopeReason]).toEqual(['this-desk', 'hub_unreachable']);
    } finally {
      net.cut.delete('Desk A');
    }
    // Back online, a new question goes to the hub again.
    expect((await practices(agents[2]!.id)).scope).toBe('all-desks');
  });

  it('a signed-out manager leaves no hub token behind: signed in again while the hub was cut, the desk says "signed in offline"', async () => {
    expect((await practices()).scope).toBe('all-desks');
    await ok(A, manager, 'session.signOut', {});
    const again = newClient();
    net.cut.add('Desk A');
    try {
      await signIn(A, again, 'manager', 'ardoise-manager');
    } finally {
      net.cut.delete('Desk A');
    }
    // The hub is back, but this sign-in never went through it: the token of the session that
    // ended must not stand in for one.
    const seen = await ok<Practices>(A, again, 'insights.practices', {});
    expect([seen.scope, seen.scopeReason]).toEqual(['this-desk', 'signed_in_offline']);
  });
});

describe('insights on a standalone desk', () => {
  let t: TestHost;
  beforeAll(() => {
    t = startTestHost(200);
  }, 120_000);
  afterAll(() => t?.dispose());

  it('are this desk’s, said so ("standalone")', async () => {
    const client = newClient();
    await signIn(t.host, client, 'manager', 'ardoise-manager');
    const seen = await ok<Practices>(t.host, client, 'insights.practices', {});
    const today = t.host.now().toISOString().slice(0, 10);
    expect(seen).toEqual({
      ...(await new PracticesService(t.host.db.$client, () => today).overview(viewer, {})),
      scope: 'this-desk',
      scopeReason: 'standalone',
    });
    const experiments = await ok<InsightsOverview & InsightsScope>(t.host, client, 'insights.experiments', {});
    const local = await new InsightsService(t.host.db.$client, new PolicyStore(t.host.db.$client), () => today).overview(viewer);
    expect(experiments).toEqual({ ...local, scope: 'this-desk', scopeReason: 'standalone' });
  });
});
