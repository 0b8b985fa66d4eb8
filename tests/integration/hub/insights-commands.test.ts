/**
 * Insights on the hub (issue 12): the experiments' assignments and exposures desks push are
 * written on the hub (the hash's arm only, the first enrolment standing), into the change log for
 * every desk; a grant marks the offer made and the wrap-up closes the call's exposures and keeps
 * what the desk's audit trail says the agent did (call_practices); and the hub, holding every
 * desk's rows, computes the same figures the desk computes from the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignArm, assignmentBucket } from '../../../src/core/experiments';
import { SAMPLE_POLICY } from '../../../src/core/policy';
import { HUB_HANDLERS } from '../../../src/hub/commands/handlers';
import { handlePush } from '../../../src/hub/commands/push';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { hubExperimentInsights, hubRiskSetRows } from '../../../src/hub/services/insights';
import { dayNumber } from '../../../src/main/demo/calendar';
import { enrolmentWindow, OUTCOME_SQL, outcomeRows, simulateOutcome } from '../../../src/main/demo/outcomes';
import { Rng, Weighted } from '../../../src/main/demo/random';
import { PolicyStore } from '../../../src/main/services/discounts/policy-store';
import { InsightsService } from '../../../src/main/services/insights/insights';
import { memoryKeyVault } from '../../../src/platform/keys';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { copyRows, openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { enrolledDevice, TestDesk } from '../../fixtures/hub-desk';
import { tempStore } from '../demo/helpers';

const experiment = SAMPLE_POLICY.experiments![0]!;

describe('the hub computes the experiments’ figures from every desk’s rows', () => {
  const TODAY = '2026-11-30';
  let hub: TestHubDb;
  let desk: ReturnType<typeof tempStore>;

  beforeAll(async () => {
    hub = await openTestHubDb();
    desk = tempStore();
    // A desk store of simulated enrolments and outcomes (as tests/integration/insights does) ...
    const c = desk.db.$client;
    new PolicyStore(c).ensureSeeded(new Date(`${TODAY}T09:00:00Z`));
    const insertCustomer = c.prepare(
      "INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, churn_risk, created_at) VALUES (?, 'A', 'B', '1980-01-01', 'residential', 'FR', 'fr', ?, '2024-01-01T00:00:00Z')",
    );
    const stmts = { outcome: c.prepare(OUTCOME_SQL.outcome), assignment: c.prepare(OUTCOME_SQL.assignment), exposure: c.prepare(OUTCOME_SQL.exposure) };
    const risk = new Weighted<'low' | 'medium' | 'high'>([
      ['low', 30],
      ['medium', 40],
      ['high', 30],
    ]);
    const rng = Rng.stream(9, 0, 98);
    const window = enrolmentWindow(experiment, dayNumber('2025-09-01'), dayNumber(TODAY));
    c.transaction(() => {
      for (let index = 0; index < 4000; index++) {
        const customer = {
          index,
          customerId: `019a0000-0000-7000-8000-${index.toString(16).padStart(12, '0')}`,
          churnRisk: risk.pick(rng),
          fraudFlag: false,
          openedOn: dayNumber('2025-01-01') - rng.int(0, 700),
          suspended: false,
        };
        insertCustomer.run(customer.customerId, customer.churnRisk);
        const o = simulateOutcome(9, customer, experiment, SAMPLE_POLICY, window);
        const rows = outcomeRows(9, customer, o, experiment, 1, Date.parse('2025-01-01'));
        for (const r of rows.outcomes) stmts.outcome.run(r);
        if (rows.assignment) stmts.assignment.run(rows.assignment);
        if (rows.exposure) stmts.exposure.run(rows.exposure);
      }
    })();
    // ... and the same rows on the hub, as they reach it (same tables, same columns).
    await copyRows(desk.db.$client, hub.db, ['customers', 'experiment_assignments', 'experiment_exposures', 'customer_outcomes']);
  }, 180_000);
  afterAll(async () => {
    desk?.cleanup();
    await hub?.dispose();
  });

  it('groups them into the desk’s risk-set rows and gives every figure the desk gives', async () => {
    const service = new InsightsService(desk.db.$client, new PolicyStore(desk.db.$client), () => TODAY);
    const sort = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
    const deskRows = service.riskSetRows(experiment.id, TODAY);
    expect(deskRows.length).toBeGreaterThan(100);
    expect(sort(await hubRiskSetRows(hub.db, experiment.id, TODAY))).toEqual(sort(deskRows));
    for (const locale of ['en', 'fr'] as const) {
      const onDesk = await service.overview({ userId: 'u', locale } as never);
      const onHub = await hubExperimentInsights(hub.db, SAMPLE_POLICY.experiments!, TODAY, locale, SAMPLE_POLICY.currency);
      expect(onDesk.experiments[0]!.figures).not.toBeNull();
      // The desk choices differ by design (a standalone desk offers itself, the hub its devices).
      expect({ ...onHub, desks: null }).toEqual({ ...onDesk, desks: null });
    }
  });

  it('an earlier day sees fewer customers, on the hub as on the desk', async () => {
    const day = '2026-03-01';
    const service = new InsightsService(desk.db.$client, new PolicyStore(desk.db.$client), () => day);
    const deskRows = service.riskSetRows(experiment.id, day);
    const hubRows = await hubRiskSetRows(hub.db, experiment.id, day);
    expect(hubRows.reduce((n, r) => n + r.n, 0)).toBe(deskRows.reduce((n, r) => n + r.n, 0));
    expect(hubRows.reduce((n, r) => n + r.n, 0)).toBeLessThan((await hubRiskSetRows(hub.db, experiment.id, TODAY)).reduce((n, r) => n + r.n, 0));
  });
});

describe('experiment commands on the hub', () => {
  let hub: TestHubDb;
  const users: Record<string, string> = {};
  let customers: string[] = [];

  async function enrolled(name: string): Promise<TestDesk> {
    return new TestDesk(hub.db, await enrolledDevice(hub.db, name), users);
  }

  const assignPayload = (customerId: string, over: Record<string, unknown> = {}) => ({
    assignmentId: uuidv7(),
    experimentId: experiment.id,
    customerId,
    arm: assignArm(experiment, customerId),
    bucket: assignmentBucket(experiment.id, customerId),
    policyVersion: 1,
    assignedOn: testNow().toISOString().slice(0, 10),
    covariates: { churnRisk: 'high', standing: 'good', tenureMonths: 7, billShock: true },
    ...over,
  });
  const logged = async (table: string, pk: string) =>
    (await hub.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM change_log WHERE tbl = $1 AND pk = $2`, [table, pk]))[0]!.n;

  beforeAll(async () => {
    hub = await openTestHubDb();
    await loadDemoSet(hub.db, memoryKeyVault(), {
      generate: generateDeskDemoStore,
      customers: 20,
      seed: 5,
      today: DEMO_TODAY,
      passwordCost: TEST_PASSWORD_COST,
    });
    for (const u of await hub.db.query<{ id: string; username: string }>(`SELECT id, username FROM users`)) users[u.username] = u.id;
    // Customers the demo did not enrol already.
    customers = (
      await hub.db.query<{ id: string }>(
        `SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM experiment_assignments a WHERE a.customer_id = c.id) ORDER BY id LIMIT 3`,
      )
    ).map((r) => r.id);
    expect(customers).toHaveLength(3);
  }, 180_000);
  afterAll(async () => {
    await hub?.dispose();
  });

  it('an assignment is written as the desk wrote it, in the change log; the first one stands on a second desk; a wrong arm or bucket writes nothing', async () => {
    const [one, two] = [await enrolled('desk-a'), await enrolled('desk-b')];
    const customerId = customers[0]!;
    const callA = await one.call('agent', customerId);
    const first = assignPayload(customerId);
    const assign = one.envelope('experiments.assign', 'agent', callA, first);
    const [receipt] = await one.push(assign);
    expect(receipt).toMatchObject({ status: 'accepted', result: { arm: first.arm, assignmentId: first.assignmentId } });
    const [row] = await hub.db.query<Record<string, unknown>>(`SELECT * FROM experiment_assignments WHERE id = $1`, [first.assignmentId]);
    expect(row).toMatchObject({
      experiment_id: experiment.id,
      customer_id: customerId,
      arm: first.arm,
      bucket: first.bucket,
      assigned_on: first.assignedOn,
      interaction_id: callA,
      actor_id: users['agent'],
      churn_risk: 'high',
      standing: 'good',
      tenure_months: 7,
      bill_shock: 1,
      command_id: assign.commandId,
    });
    expect(await logged('experiment_assignments', first.assignmentId)).toBe(1);
    // Pushed again (a lost answer): the first receipt, nothing written twice.
    const { receipts } = await handlePush(hub.db, one.device, [assign], HUB_HANDLERS, testNow);
    expect(receipts[0]).toEqual(receipt);
    expect(await logged('experiment_assignments', first.assignmentId)).toBe(1);

    // Another desk enrolled the same customer offline (same arm: the hash): accepted, the first stands.
    const callB = await two.call('agent2', customerId);
    const second = assignPayload(customerId, { covariates: { churnRisk: 'low', standing: 'late', tenureMonths: 30, billShock: false } });
    const [again] = await two.push(two.envelope('experiments.assign', 'agent2', callB, second));
    expect(again).toMatchObject({ status: 'accepted', result: { assignmentId: first.assignmentId, alreadyEnrolled: true } });
    expect((await hub.db.query(`SELECT id FROM experiment_assignments WHERE customer_id = $1`, [customerId])).map((r) => r['id'])).toEqual([
      first.assignmentId,
    ]);

    // The other arm, or a made-up bucket, or a day far from the command's: refused, no row.
    const other = customers[1]!;
    const callC = await one.call('agent', other);
    const right = assignPayload(other);
    for (const [bad, code] of [
      [{ arm: right.arm === 'offer' ? 'holdout' : 'offer' }, 'arm_mismatch'],
      [{ bucket: (right.bucket + 1) % 10_000 }, 'bad_payload'],
      [{ assignedOn: '2020-01-01' }, 'bad_payload'],
      [{ covariates: { churnRisk: 'extreme', standing: 'good', tenureMonths: 1, billShock: false } }, 'bad_payload'],
    ] as const) {
      const [r] = await one.push(one.envelope('experiments.assign', 'agent', callC, { ...right, ...bad }));
      expect(r?.status).toBe('rejected');
      expect(r?.reasons?.[0]?.code).toBe(code);
    }
    expect(await hub.db.query(`SELECT id FROM experiment_assignments WHERE customer_id = $1`, [other])).toEqual([]);

    // The desk of a call and of an enrolment (the insights' desk filter): the receipts of the device that pushed them.
    const starts = await hub.db.query<{ device_id: string; interaction_id: string }>(
      `SELECT device_id, interaction_id FROM receipts WHERE type = 'interaction.start' AND interaction_id = ANY($1::text[])`,
      [[callA, callB]],
    );
    expect(new Map(starts.map((r) => [r.interaction_id, r.device_id]))).toEqual(
      new Map([
        [callA, one.device.id],
        [callB, two.device.id],
      ]),
    );
    const enrolledAt = async (deskId: string) =>
      (await hubRiskSetRows(hub.db, experiment.id, first.assignedOn, { from: null, to: null, agentId: null, deskId })).reduce((n, r) => n + r.n, 0);
    expect(await enrolledAt(one.device.id)).toBe(1);
    expect(await enrolledAt(two.device.id)).toBe(0);
  });

  it('an exposure is written; the wrap-up closes it without an offer and keeps what the agent did on the call', async () => {
    const desk = await enrolled('desk-c');
    const customerId = customers[2]!;
    const call = await desk.call('agent', customerId);
    const exposureId = uuidv7();
    const arm = assignArm(experiment, customerId);
    const [exposed] = await desk.push(desk.envelope('experiments.expose', 'agent', call, { exposureId, experimentId: experiment.id, customerId, arm }));
    expect(exposed?.status).toBe('accepted');
    const exposure = async () =>
      (await hub.db.query<{ offer_made: number | null }>(`SELECT offer_made FROM experiment_exposures WHERE id = $1`, [exposureId]))[0];
    expect(await exposure()).toEqual({ offer_made: null });
    expect(await logged('experiment_exposures', exposureId)).toBe(1);

    // Practices outside the desk's bits are bad input; refused, nothing changes.
    const [bad] = await desk.push(
      desk.envelope('interaction.wrapUp', 'agent', call, { interactionId: call, disposition: 'resolved', note: null, practices: 64 }),
    );
    expect(bad?.status).toBe('rejected');
    expect(await exposure()).toEqual({ offer_made: null });

    const [done] = await desk.push(
      desk.envelope('interaction.wrapUp', 'agent', call, { interactionId: call, disposition: 'resolved', note: null, practices: 1 | 4 }),
    );
    expect(done?.status).toBe('accepted');
    expect(await exposure()).toEqual({ offer_made: 0 });
    expect(await hub.db.query(`SELECT flags FROM call_practices WHERE interaction_id = $1`, [call])).toEqual([{ flags: 5 }]);
    // Wrapped up again (another push of the same call): the first wrap-up's row stands.
    const [twice] = await desk.push(
      desk.envelope('interaction.wrapUp', 'agent', call, { interactionId: call, disposition: 'resolved', note: null, practices: 2 }),
    );
    expect(twice?.status).toBe('accepted');
    expect(await hub.db.query(`SELECT flags FROM call_practices WHERE interaction_id = $1`, [call])).toEqual([{ flags: 5 }]);
  });
});
