/**
 * The insights filter on the hub (PostgreSQL or PGlite): a call's desk is the device whose
 * 'interaction.start' receipt names it, an enrolment's the device of its command's receipt. Cut
 * by desk, the figures of two desks add up to those of every desk (a customer's calls and
 * enrolment at one desk each); the reason and the offer choose experiments; an unknown desk gives
 * empty figures with the filter echoed; the route refuses a bad filter (BAD_REQUEST).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_POLICY } from '../../../src/core/policy';
import { experimentsFilter, mergeRiskRows, type PracticeRiskRow, type RiskSetRow } from '../../../src/core/insights';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { hubDesks, hubInsights, hubRiskSetRows } from '../../../src/hub/services/insights';
import { hubPracticeRiskRows, hubWaitRows } from '../../../src/hub/services/practices';
import { HubInsightsAnswers } from '../../../src/hub/services/insights-answers';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { uuidv7 } from '../../../src/platform/ids';
import { memoryKeyVault } from '../../../src/platform/keys';
import { DEMO_TODAY, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';

const FROM = '2025-11-16';
const PRACTICE_KEYS = ['agentId', 'mask', 'disposition', 'highRisk', 'newCustomer', 'billShock', 'notGood', 'reach', 'time', 'status'] as const;
const EXPERIMENT_KEYS = ['arm', 'highRisk', 'newCustomer', 'billShock', 'notGood', 'offered', 'reach', 'time', 'status'] as const;
let hub: TestHubDb;
const deskA = uuidv7();
const deskB = uuidv7();

beforeAll(async () => {
  hub = await openTestHubDb();
  await loadDemoSet(hub.db, memoryKeyVault(), {
    generate: generateDeskDemoStore,
    customers: 300,
    seed: 5,
    today: DEMO_TODAY,
    passwordCost: TEST_PASSWORD_COST,
  });
  const at = testNow().toISOString();
  for (const [id, name] of [
    [deskA, 'Desk A'],
    [deskB, 'Bureau Ω'],
  ] as const)
    await hub.db.query(`INSERT INTO devices (id, name, secret_hash, enrolled_at) VALUES ($1, $2, 'x', $3)`, [id, name, at]);
  // As if pushed: every call of a customer, and their enrolments, from one desk (by the customer id's last digit).
  const deskOf = `CASE WHEN ('x' || right(customer_id, 1))::bit(4)::int % 2 = 0 THEN '${deskA}' ELSE '${deskB}' END`;
  await hub.db.query(`UPDATE experiment_assignments SET command_id = coalesce(command_id, gen_random_uuid()::text)`);
  await hub.db.query(
    `INSERT INTO receipts (command_id, device_id, device_seq, type, actor_id, payload_hash, status, receipt, received_at, interaction_id)
     SELECT gen_random_uuid()::text, ${deskOf}, row_number() OVER (PARTITION BY ${deskOf} ORDER BY id) + 1000000, 'interaction.start', agent_id, 'h', 'accepted', '{}', started_at, id
       FROM interactions WHERE customer_id IS NOT NULL`,
  );
  await hub.db.query(
    `INSERT INTO receipts (command_id, device_id, device_seq, type, actor_id, payload_hash, status, receipt, received_at)
     SELECT command_id, ${deskOf}, row_number() OVER (PARTITION BY ${deskOf} ORDER BY id) + 5000000, 'experiments.assign', actor_id, 'h', 'accepted', '{}', assigned_at
       FROM experiment_assignments`,
  );
}, 240_000);
afterAll(async () => {
  await hub?.dispose();
});

const period = { from: FROM, to: DEMO_TODAY, today: DEMO_TODAY };

describe('the hub’s insights by desk', () => {
  it('lists the desks by name', async () => {
    expect(await hubDesks(hub.db)).toEqual([
      { id: deskB, name: 'Bureau Ω' },
      { id: deskA, name: 'Desk A' },
    ]);
  });

  it('practices: the rows of desk A and desk B add up to every desk’s; the waits split too', async () => {
    const all = await hubPracticeRiskRows(hub.db, period);
    const a = await hubPracticeRiskRows(hub.db, { ...period, deskId: deskA });
    const b = await hubPracticeRiskRows(hub.db, { ...period, deskId: deskB });
    const n = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
    expect(n(a)).toBeGreaterThan(0);
    expect(n(b)).toBeGreaterThan(0);
    expect(n(a) + n(b)).toBe(n(all));
    expect(sorted(mergeRiskRows<PracticeRiskRow>([a, b], PRACTICE_KEYS))).toEqual(sorted(all));
    const waits = await hubWaitRows(hub.db, period);
    const wa = await hubWaitRows(hub.db, { ...period, deskId: deskA });
    const wb = await hubWaitRows(hub.db, { ...period, deskId: deskB });
    expect(wa.length + wb.length).toBe(waits.length);
    expect(await hubPracticeRiskRows(hub.db, { ...period, deskId: uuidv7() })).toEqual([]);
  });

  it('experiments: the enrolments of desk A and desk B add up to every desk’s', async () => {
    const id = SAMPLE_POLICY.experiments![0]!.id;
    const all = await hubRiskSetRows(hub.db, id, DEMO_TODAY);
    const f = { from: null, to: null, agentId: null };
    const a = await hubRiskSetRows(hub.db, id, DEMO_TODAY, { ...f, deskId: deskA });
    const b = await hubRiskSetRows(hub.db, id, DEMO_TODAY, { ...f, deskId: deskB });
    expect(a.length).toBeGreaterThan(0);
    expect(sorted(mergeRiskRows<RiskSetRow>([a, b], EXPERIMENT_KEYS))).toEqual(sorted(all));
  });

  it('the reason and the offer choose experiments; an unknown desk is empty figures, the filter echoed', async () => {
    const all = await hubInsights(hub.db, DEMO_TODAY, 'en');
    for (const reason of ['retention_offer', 'goodwill'] as const) {
      const o = await hubInsights(hub.db, DEMO_TODAY, 'en', { ...experimentsFilter({}), reason });
      expect(o.experiments.map((e) => e.experimentId)).toEqual(all.experiments.filter((e) => e.reason === reason).map((e) => e.experimentId));
      expect(o.filter.reason).toBe(reason);
      expect(o.offers).toEqual(all.offers);
    }
    const deskId = uuidv7();
    const none = await hubInsights(hub.db, DEMO_TODAY, 'fr', experimentsFilter({ deskId }));
    expect(none.filter.deskId).toBe(deskId);
    expect(none.experiments.length).toBe(all.experiments.length);
    for (const e of none.experiments) expect(e.arms.every((x) => x.customers === 0)).toBe(true);
  });

  it('answers keep each desk apart: the same filter twenty times at once is one answer, another desk another', async () => {
    const answers = new HubInsightsAnswers(hub.db, testNow);
    const filter = { from: FROM, to: DEMO_TODAY, agentId: null, deskId: deskA };
    const twenty = await Promise.all(Array.from({ length: 20 }, () => answers.answer(filter, 'en', { ...experimentsFilter({ deskId: deskA }) })));
    for (const x of twenty) expect(x).toEqual(twenty[0]);
    const b = await answers.answer({ ...filter, deskId: deskB }, 'en', experimentsFilter({ deskId: deskB }));
    expect(b.practices.customers + twenty[0]!.practices.customers).toBe((await answers.answer({ ...filter, deskId: null }, 'en')).practices.customers);
    expect(b.practices.filter.deskId).toBe(deskB);
    expect(b.practices.desks.map((d) => d.name)).toContain('Bureau Ω');
  });
});

/** Rows in one order, to compare sets of rows. */
function sorted<T>(rows: readonly T[]): T[] {
  return [...rows]
    .map((r) => JSON.stringify(r))
    .sort()
    .map((s) => JSON.parse(s) as T);
}
