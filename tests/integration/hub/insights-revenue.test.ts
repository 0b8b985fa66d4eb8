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
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { copyRows, experiment, REVENUE_TABLES, revenueWorld, TODAY, type World } from '../../fixtures/revenue-world';

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

  it('the same figures, in English and in French', async () => {
    for (const locale of ['en', 'fr'] as const) {
      const onDesk = await service.overview({ userId: 'u', locale } as AgentProfile);
      const onHub = await hubExperimentInsights(hub.db, SAMPLE_POLICY.experiments!, TODAY, locale, SAMPLE_POLICY.currency);
      expect(onDesk.experiments[0]!.revenue!.difference).not.toBeNull();
      expect(onHub).toEqual(onDesk);
    }
  });
});
