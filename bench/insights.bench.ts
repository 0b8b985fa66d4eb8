/**
 * The insights screen on a large set (issue 12): every figure the screen shows — the experiments
 * (insights.experiments: SRM, KM with bands, RMST, log-rank, Cox, retention at 30/90/180) and the
 * practices and waits (insights.practices: a Cox per practice, retention at 90 days,
 * dispositions, wait percentiles) — computed from the store with nothing cached, against ONE raw
 * SQL scan of the same rows in the same run (the calls with their audit entries, attempts and
 * approvals, the enrolments with their exposures, the cancellations), interleaved.
 *
 * Targets (absolute, on this machine): load and compute ≤ 3 s; a re-slice by a filter (by agent,
 * and by period) p95 ≤ 250 ms.
 *
 * BENCH_CUSTOMERS (default 1,000,000; try 100,000 first), BENCH_SEED (42), BENCH_MONTHS (24 here),
 * BENCH_RUNS (5 loads), BENCH_SLICES (60 re-slices by agent, and as many by period).
 */
import { ensureBenchDatabase } from '../src/main/demo/bench-db';
import { PolicyStore } from '../src/main/services/discounts/policy-store';
import { InsightsService } from '../src/main/services/insights/insights';
import { PracticesService } from '../src/main/services/insights/practices';
import { callFactQueries } from '../src/main/store/call-facts';
import { openStore } from '../src/main/store/db';
import { BENCH_TODAY } from '../src/main/demo/bench-db';
import type { AgentProfile } from '../src/core/api';
import { ParallelRiskSets, riskSetSource } from '../src/main/services/insights/risk-set-source';
import { compareLatencyAsync, latencyCase, writeReport } from './lib';

const RAW_SCAN = `
SELECT count(*) AS calls, sum(i.handle_seconds) AS handle,
       (SELECT count(*) FROM audit_log WHERE interaction_id IS NOT NULL) AS audit,
       (SELECT count(*) FROM verification_attempts) AS attempts,
       (SELECT count(*) FROM approval_requests) AS approvals,
       (SELECT count(*) FROM experiment_assignments) AS enrolled,
       (SELECT count(*) FROM experiment_exposures) AS exposures,
       (SELECT count(*) FROM customer_outcomes WHERE kind = 'cancellation') AS cancelled
  FROM interactions i WHERE i.started_at >= @from AND (@agentId IS NULL OR i.agent_id = @agentId)`;

export async function run(): Promise<void> {
  const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
  const seed = Number(process.env.BENCH_SEED ?? 42);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const slices = Number(process.env.BENCH_SLICES ?? 60);
  const { path, months } = ensureBenchDatabase(customers, seed, Number(process.env.BENCH_MONTHS ?? 24));
  const db = openStore({ file: path });
  const client = db.$client;
  const today = () => BENCH_TODAY;
  const viewer = { userId: 'bench', locale: 'en' } as AgentProfile;
  const policies = new PolicyStore(client);
  policies.ensureSeeded(new Date(`${BENCH_TODAY}T08:00:00Z`));
  const from = new Date(Date.parse(`${BENCH_TODAY}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  const raw = client.prepare(RAW_SCAN);
  const calls = client.prepare('SELECT count(*) FROM interactions').pluck().get() as number;

  // The desk's way of counting (handlers/insights.ts): each count cut across the cores.
  const source = riskSetSource(client);
  const parts = source instanceof ParallelRiskSets ? source.ranges().length : 1;

  // Load: new services each time (nothing cached but the workers), every figure of the screen,
  // both sections asked at once as the screen's filter bar asks them (renderer insights/filter-store.ts).
  const load = await compareLatencyAsync({
    inputs: Array.from({ length: runs }, (_, i) => i),
    warmup: 1,
    ours: () =>
      Promise.all([new InsightsService(client, policies, today, source).overview(viewer), new PracticesService(client, today, source).overview(viewer, {})]),
    baseline: () => raw.all({ from, agentId: null }),
  });

  // Re-slice: the same services (the period's rows already counted, by agent), one agent after
  // another — the whole screen, as the filter bar asks both sections at once.
  const experiments = new InsightsService(client, policies, today, source);
  const practices = new PracticesService(client, today, source);
  const agents = (await practices.overview(viewer, {})).agents.map((a) => a.id);
  const inputs = Array.from({ length: slices }, (_, i) => agents[i % agents.length]!);
  const slice = await compareLatencyAsync({
    inputs,
    warmup: agents.length,
    ours: (agentId) => Promise.all([experiments.overview(viewer, { agentId }), practices.overview(viewer, { agentId })]),
    baseline: (agentId) => raw.all({ from, agentId }),
  });

  // Re-slice by period: the calls and enrolments were counted once for this data version; each
  // period is a pass over them in core (both sections), no SQL. As many periods as agent slices,
  // so the p95 is not just the slowest of a dozen: each ends today or one to four months ago and
  // lasts from a month to eleven months, no two alike.
  const day = (daysAgo: number) => new Date(Date.parse(`${BENCH_TODAY}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const periods = Array.from({ length: slices }, (_, i) => ({ from: day((i % 5) * 30 + 30 + ((i * 7) % 300)), to: day((i % 5) * 30) }));
  const byPeriod = await compareLatencyAsync({
    inputs: periods,
    warmup: 1,
    ours: (period) => Promise.all([experiments.overview(viewer, period), practices.overview(viewer, period)]),
    baseline: (period) => raw.all({ from: period.from, agentId: null }),
  });

  // The first load after the upgrade that brought call_facts: every call's facts built once, as
  // the load builds them (risk-set-source.ts: read by workers side by side on a large store).
  const rebuild = await compareLatencyAsync({
    inputs: [0],
    warmup: 0,
    ours: async () => {
      client.exec(
        'DELETE FROM call_facts; DELETE FROM call_facts_stale; INSERT INTO call_facts_stale (interaction_id) SELECT id FROM interactions ORDER BY customer_id, started_at, id',
      );
      await (source instanceof ParallelRiskSets ? source.settleFacts() : callFactQueries(client).settleInSteps());
    },
    baseline: () => raw.all({ from, agentId: null }),
  });

  writeReport({
    name: 'insights',
    dataset: `${customers.toLocaleString('en')} customers, ${months} months, seed ${seed} (${calls.toLocaleString('en')} calls; risk sets counted in ${parts} part(s) side by side)`,
    cases: [
      latencyCase('load and compute every figure of the insights screen', load, 'one raw SQL scan of the same rows', 'p99 <= 3000 ms'),
      latencyCase('re-slice the screen (experiments and practices) by agent', slice, 'one raw SQL scan of the agent’s rows', 'p95 <= 250 ms', 'p95'),
      latencyCase('re-slice the screen (experiments and practices) by period', byPeriod, 'one raw SQL scan of the period’s rows', 'p95 <= 250 ms', 'p95'),
      latencyCase('build every call’s facts (once, the first load after the upgrade)', rebuild, 'one raw SQL scan of the same rows', 'p50 <= 10000 ms', 'p50'),
    ],
  });
  if (source instanceof ParallelRiskSets) await source.close();
  client.close();
}
