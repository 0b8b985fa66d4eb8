/**
 * Net paid revenue per 100 customers by arm on the hub (hub/services/insights.ts REVENUE) is the
 * desk's (main/store/experiment-risk-sets.ts EXPERIMENT_REVENUE) for the same rows: the same sums
 * per arm — the hostile cases of tests/fixtures/revenue-world.ts included — and so the same
 * figures, in PostgreSQL and in PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../src/core/api';
import { SAMPLE_POLICY } from '../../../src/core/policy';
import { hubExperimentInsights, hubRevenueRows } from '../../../src/hub/services/insights';
import { PolicyStore } from '../../../src/main/services/discounts/policy-store';
import { InsightsService } from '../../../src/main/services/insights/insights';
import { experimentRevenue, InThreadRiskSets } from '../../../src/main/services/insights/risk-set-source';
import { copyRows, openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { experiment, REVENUE_TABLES, revenueWorld, TODAY, type World } from '../../fixtures/revenue-world';

describe.each([
  ['PostgreSQL where it answers', false],
  ['PGlite', true],
])('the hub’s net revenue by arm is the desk’s (%s)', (_name, pglite) => {
  let hub: TestHubDb;
  let desk: World;
  let service: InsightsService;

  beforeAll(async () => {
    hub = await openTestHubDb({ pglite });
    desk = revenueWorld();
    service = new InsightsService(desk.client, new PolicyStore(desk.client), () => TODAY);
    await copyRows(desk.client, hub.db, REVENUE_TABLES);
  }, 180_000);
  afterAll(async () => {
    desk?.cleanup();
    await hub?.dispose();
  });

  it('the same sums per arm, today, on the window’s edge and for an experiment with one arm', async () => {
    for (const [experimentId, today] of [
      [experiment.id, TODAY],
      [experiment.id, '2026-08-30'],
      [experiment.id, '2026-08-29'],
      ['another-experiment', TODAY],
    ] as const) {
      const p = { experimentId, reason: experiment.reason, currency: 'EUR', days: 90, today };
      const onDesk = service.revenueRows(p);
      expect(await hubRevenueRows(hub.db, p), `${experimentId} ${today}`).toEqual(onDesk);
    }
    expect(service.revenueRows({ experimentId: experiment.id, reason: experiment.reason, currency: 'EUR', days: 90, today: TODAY }).map((r) => r.n)).toEqual([
      35, 303,
    ]);
  });

  it('over an enrolment period, the same sums, of only the customers enrolled in it (the risk sets’ filter)', async () => {
    const days = desk.client
      .prepare(`SELECT DISTINCT assigned_on FROM experiment_assignments WHERE experiment_id = ? ORDER BY assigned_on`)
      .pluck()
      .all(experiment.id) as string[];
    const from = days[Math.floor(days.length / 4)]!;
    const to = days[Math.floor((days.length * 3) / 4)]!;
    const p = { experimentId: experiment.id, reason: experiment.reason, currency: 'EUR', days: 90, today: TODAY };
    const onDesk = experimentRevenue(new InThreadRiskSets(desk.client), p, { from, to, agentId: null, anyDesk: 1 });
    const rows = await onDesk;
    expect(await hubRevenueRows(hub.db, p, { from, to, agentId: null, deskId: null })).toEqual(rows);
    const enrolled = desk.client
      .prepare(
        `SELECT arm, count(*) AS n FROM experiment_assignments WHERE experiment_id = ? AND assigned_on BETWEEN ? AND ?
            AND julianday(?) - julianday(assigned_on) >= 90 GROUP BY arm ORDER BY arm`,
      )
      .all(experiment.id, from, to, TODAY);
    expect(rows.map((r) => ({ arm: r.arm, n: r.n }))).toEqual(enrolled);
    expect(rows.reduce((a, r) => a + r.n, 0)).toBeLessThan(35 + 303);
    // No desk of this store: nothing counted.
    expect(await experimentRevenue(new InThreadRiskSets(desk.client), p, { from: null, to: null, agentId: null, anyDesk: 0 })).toEqual([]);
  });

  it('the same figures, in English and in French', async () => {
    for (const locale of ['en', 'fr'] as const) {
      const onDesk = await service.overview({ userId: 'u', locale } as AgentProfile);
      const onHub = await hubExperimentInsights(hub.db, SAMPLE_POLICY.experiments!, TODAY, locale, SAMPLE_POLICY.currency);
      expect(onDesk.experiments[0]!.revenue!.difference).not.toBeNull();
      // The desk choices differ on purpose: the hub lists its desks, a desk offers "this desk".
      expect({ ...onHub, desks: null }).toEqual({ ...onDesk, desks: null });
    }
  });
});
