/**
 * Insights on the hub, continued (issue 12):
 * - the practices' risk-set rows the hub computes in PostgreSQL (PGlite here) from every desk's
 *   synced rows are the desk's own (main/store/practices.ts), row for row, on a demo store;
 * - a retention credit granted on a desk, synced, marks the call's exposure "offer made" on the
 *   hub; a credit of another reason does not, and the wrap-up closes the exposure without offer;
 * - a cancellation recorded on a desk (outcome.cancel) is written on the hub once per customer,
 *   in the change log, for a reason of the list, on a verified call of the actor only.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscountRequestInput } from '../../../src/core/api';
import { assignArm } from '../../../src/core/experiments';
import { coreRequest, customerFacts, decide, plannedEntries, SAMPLE_POLICY, type PlannedEntry } from '../../../src/core/policy';
import { decisionRows, policyOn } from '../../../src/hub/commands/decision-rows';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { hubPracticeFigures, hubPracticeRiskRows, hubPracticesOverview, hubWaitRows } from '../../../src/hub/services/practices';
import { PracticesService } from '../../../src/main/services/insights/practices';
import { loadDemoData } from '../../../src/main/demo/load';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { AuditTrail } from '../../../src/main/services/audit-trail';
import { practiceQueries } from '../../../src/main/store/practices';
import { memoryKeyVault } from '../../../src/platform/keys';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { copyRows, openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { enrolledDevice, TestDesk } from '../../fixtures/hub-desk';
import { tempStore } from '../demo/helpers';

const experiment = SAMPLE_POLICY.experiments![0]!;

describe('the practices’ risk sets on the hub', () => {
  const TODAY = '2026-11-30';
  const FROM = '2025-12-01';
  let hub: TestHubDb;
  let desk: ReturnType<typeof tempStore>;

  beforeAll(async () => {
    hub = await openTestHubDb();
    desk = tempStore();
    const audit = new AuditTrail(desk.db.$client, { key: randomBytes(32), anchorFile: null });
    loadDemoData(desk.db, { customers: 1500, seed: 7, months: 14, today: TODAY, passwordCost: TEST_PASSWORD_COST, audit: (e) => void audit.append(e) });
    // The desk's rows as they reach the hub (every table the query reads), then the practice bits
    // the desk's wrap-ups report (call_practices is hub-only: the hub stamps when it heard).
    await copyRows(
      desk.db.$client,
      hub.db,
      [
        'roles',
        'users',
        'customers',
        'accounts',
        'invoices',
        'interactions',
        'verification_attempts',
        'approval_requests',
        'experiment_assignments',
        'experiment_exposures',
        'customer_outcomes',
      ],
      { skipExisting: true },
    );
    const bits = desk.db.$client.prepare('SELECT interaction_id AS id, flags FROM call_practices').all() as Array<{ id: string; flags: number }>;
    await hub.db.tx(async (sql) => {
      for (const b of bits)
        await sql.query(`INSERT INTO call_practices (interaction_id, flags, recorded_at) VALUES ($1, $2, $3)`, [b.id, b.flags, `${TODAY}T00:00:00Z`]);
    });
  }, 240_000);
  afterAll(async () => {
    desk?.cleanup();
    await hub?.dispose();
  });

  it('are the desk’s rows, row for row, over a year and over a shorter period', async () => {
    const sort = (rows: object[]) => rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    const q = practiceQueries(desk.db.$client);
    for (const period of [
      { from: FROM, to: TODAY, today: TODAY },
      { from: '2026-03-01', to: '2026-06-30', today: '2026-09-30' },
    ]) {
      const onDesk = q.riskSets(period);
      expect(onDesk.reduce((n, r) => n + r.n, 0)).toBeGreaterThan(50);
      // Both kinds of bill shock (from an enrolment, from the bills) and every reach are there.
      expect(new Set(onDesk.map((r) => r.billShock))).toEqual(new Set([0, 1]));
      expect(sort(await hubPracticeRiskRows(hub.db, period))).toEqual(sort(onDesk));
    }
  });

  it('give the desk’s figures — every practice, disposition and next experiment — across desks and for one agent, in both languages', async () => {
    const period = { from: FROM, to: TODAY, today: TODAY };
    const service = new PracticesService(desk.db.$client, () => TODAY);
    for (const locale of ['en', 'fr'] as const) {
      const all = await service.overview({ userId: 'm', locale } as never, { from: FROM, to: TODAY });
      expect(all.practices.some((p) => p.hazardRatio !== null)).toBe(true);
      const { customers, days, minimumPerGroup, practices, dispositions, nextExperiments } = all;
      expect(await hubPracticeFigures(hub.db, period, locale)).toEqual({ customers, days, minimumPerGroup, practices, dispositions, nextExperiments });
      const agentId = all.agents[0]!.id;
      const mine = await service.overview({ userId: 'm', locale } as never, { from: FROM, to: TODAY, agentId });
      expect(await hubPracticeFigures(hub.db, period, locale, agentId)).toMatchObject({ customers: mine.customers, practices: mine.practices });
    }
  });
  it('give the desk’s waiting rows, row for row, and its whole overview (practices and waiting), for the period and for one agent', async () => {
    const q = practiceQueries(desk.db.$client);
    const service = new PracticesService(desk.db.$client, () => TODAY);
    for (const period of [
      { from: FROM, to: TODAY },
      { from: '2026-03-01', to: '2026-06-30' },
    ]) {
      const onDesk = q.waits(period);
      expect(onDesk.filter((w) => w.waitSeconds !== null).length).toBeGreaterThan(0);
      expect(await hubWaitRows(hub.db, period)).toEqual(onDesk);
    }
    // The year has enough decided requests for percentiles, and calls that ended before the decision.
    const year = q.waits({ from: FROM, to: TODAY });
    expect(year.filter((w) => w.waitSeconds !== null).length).toBeGreaterThanOrEqual(20);
    expect(year.some((w) => w.callEndedAt !== null && (w.decidedAt === null || w.decidedAt > w.callEndedAt))).toBe(true);
    for (const locale of ['en', 'fr'] as const) {
      const all = await service.overview({ userId: 'm', locale } as never, { from: FROM, to: TODAY });
      expect(all.waiting.all.p90).not.toBeNull();
      // The desk choices differ by design: a standalone desk offers itself, the hub its devices (none here).
      const desksAside = <T extends { desks: unknown }>(o: T) => ({ ...o, desks: null });
      expect(desksAside(await hubPracticesOverview(hub.db, TODAY, { from: FROM, to: TODAY, agentId: null }, locale))).toEqual(desksAside(all));
      const agentId = all.agents[1]!.id;
      const mine = await service.overview({ userId: 'm', locale } as never, { from: FROM, to: TODAY, agentId });
      expect(desksAside(await hubPracticesOverview(hub.db, TODAY, { from: FROM, to: TODAY, agentId }, locale))).toEqual(desksAside(mine));
    }
  });
});

describe('offers and cancellations pushed by a desk', () => {
  let hub: TestHubDb;
  const users: Record<string, string> = {};

  class Desk extends TestDesk {
    grant(actor: string, interactionId: string, c: Allowed) {
      return this.envelope('credit.grant', actor, interactionId, {
        customerId: c.customerId,
        accountId: c.accountId,
        request: c.request,
        entries: c.entries,
        note: null,
      });
    }
    expose(actor: string, interactionId: string, customerId: string) {
      return this.envelope('experiments.expose', actor, interactionId, {
        exposureId: uuidv7(),
        experimentId: experiment.id,
        customerId,
        arm: assignArm(experiment, customerId),
      });
    }
  }

  async function enrolled(name: string): Promise<Desk> {
    return new Desk(hub.db, await enrolledDevice(hub.db, name), users);
  }

  interface Allowed {
    customerId: string;
    accountId: string;
    request: DiscountRequestInput;
    entries: PlannedEntry[];
  }

  /** Customers in the offer arm an agent may give `request` to today, with the entries the hub plans for it (as the desk plans them). */
  async function allowed(request: DiscountRequestInput, n: number, except: readonly string[] = []): Promise<Allowed[]> {
    const out: Allowed[] = [];
    const today = testNow().toISOString().slice(0, 10);
    for (const { id } of await hub.db.query<{ id: string }>(`SELECT id FROM customers ORDER BY id`)) {
      if (assignArm(experiment, id) !== 'offer' || except.includes(id)) continue;
      const found = await hub.db.tx(async (sql) => {
        const policy = await policyOn(sql, today);
        const target = await decisionRows(sql, id, request, users['agent']!, today);
        const d = decide(policy, { userId: users['agent']!, role: 'agent' }, customerFacts(target.rows, request, today), coreRequest(request), today);
        if (d.outcome !== 'allowed') return null;
        const entries = plannedEntries(d, request, {
          id: uuidv7(),
          accountId: target.rows.account.id,
          currency: policy.currency,
          invoiceId: target.rows.invoice?.id ?? null,
          latestCycleStart: target.latestCycleStart,
          today,
        });
        return { customerId: id, accountId: target.rows.account.id, request, entries };
      });
      if (found) out.push(found);
      if (out.length === n) break;
    }
    return out;
  }

  const exposureOf = async (interactionId: string) =>
    (await hub.db.query<{ offer_made: number | null }>(`SELECT offer_made FROM experiment_exposures WHERE interaction_id = $1`, [interactionId]))[0];
  const logged = async (table: string, pk: string) =>
    (await hub.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM change_log WHERE tbl = $1 AND pk = $2`, [table, pk]))[0]!.n;

  beforeAll(async () => {
    hub = await openTestHubDb();
    await loadDemoSet(hub.db, memoryKeyVault(), {
      generate: generateDeskDemoStore,
      customers: 60,
      seed: 5,
      today: DEMO_TODAY,
      passwordCost: TEST_PASSWORD_COST,
    });
    for (const u of await hub.db.query<{ id: string; username: string }>(`SELECT id, username FROM users`)) users[u.username] = u.id;
  }, 180_000);
  afterAll(async () => {
    await hub?.dispose();
  });

  it('a retention credit marks the call’s exposure "offer made"; a goodwill credit does not, and the wrap-up closes it without offer', async () => {
    const retention = { kind: 'recurring_discount', reason: 'retention_offer', form: 'percent', percentBp: 1000, cycles: 3 } as DiscountRequestInput;
    const goodwill: DiscountRequestInput = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 500 };
    const [r] = await allowed(retention, 1);
    expect(r).toBeDefined();
    const [g] = await allowed(goodwill, 1, [r!.customerId]);
    expect(g).toBeDefined();
    const desk = await enrolled('Desk O');

    const callR = await desk.call('agent', r!.customerId);
    const [exposedR, grantedR] = await desk.push(desk.expose('agent', callR, r!.customerId), desk.grant('agent', callR, r!));
    expect([exposedR!.status, grantedR!.status]).toEqual(['accepted', 'accepted']);
    expect(await exposureOf(callR)).toEqual({ offer_made: 1 });

    const callG = await desk.call('agent', g!.customerId);
    const [exposedG, grantedG] = await desk.push(desk.expose('agent', callG, g!.customerId), desk.grant('agent', callG, g!));
    expect([exposedG!.status, grantedG!.status]).toEqual(['accepted', 'accepted']);
    expect(await exposureOf(callG)).toEqual({ offer_made: null });
    const [wrapped] = await desk.push(desk.envelope('interaction.wrapUp', 'agent', callG, { interactionId: callG, disposition: 'credit_granted', note: null }));
    expect(wrapped!.status).toBe('accepted');
    expect(await exposureOf(callG)).toEqual({ offer_made: 0 });
    // The offer made stays made when its call is wrapped up.
    await desk.push(desk.envelope('interaction.wrapUp', 'agent', callR, { interactionId: callR, disposition: 'credit_granted', note: null }));
    expect(await exposureOf(callR)).toEqual({ offer_made: 1 });
  });

  it('a plan change carrying a downgrade writes the downgrade outcome with the change; one whose day is not the change’s writes nothing', async () => {
    const desk = await enrolled('Desk P');
    const [sub] = await hub.db.query<{ id: string; account_id: string; customer_id: string; plan_code: string }>(
      `SELECT s.id, s.account_id, a.customer_id, s.plan_code FROM subscriptions s JOIN accounts a ON a.id = s.account_id
        WHERE NOT EXISTS (SELECT 1 FROM customer_outcomes o WHERE o.customer_id = a.customer_id) ORDER BY s.id LIMIT 1`,
    );
    const [plan] = await hub.db.query<{ code: string }>(`SELECT code FROM plans WHERE kind = 'plan' AND active = 1 AND code <> $1 ORDER BY code LIMIT 1`, [
      sub!.plan_code,
    ]);
    const [latest] = await hub.db.query<{ id: string }>(
      `SELECT id FROM subscription_changes WHERE subscription_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [sub!.id],
    );
    const call = await desk.call('agent', sub!.customer_id);
    const day = testNow().toISOString().slice(0, 10);
    const payload = (downgrade: { outcomeId: string; occurredOn: string }) => ({
      customerId: sub!.customer_id,
      accountId: sub!.account_id,
      subscriptionId: sub!.id,
      basedOn: latest?.id ?? null,
      rows: [{ id: uuidv7(), change: 'plan_change', itemCode: plan!.code }],
      change: { from: day, planId: plan!.code, optionIds: [] },
      downgrade,
    });
    const [wrongDay] = await desk.push(desk.envelope('plan.change', 'agent', call, payload({ outcomeId: uuidv7(), occurredOn: '2020-01-01' })));
    expect([wrongDay!.status, wrongDay!.reasons[0]?.code]).toEqual(['rejected', 'bad_payload']);
    const outcomeId = uuidv7();
    const [changed] = await desk.push(desk.envelope('plan.change', 'agent', call, payload({ outcomeId, occurredOn: day })));
    expect(changed!.status).toBe('accepted');
    expect(await hub.db.query(`SELECT id, kind, occurred_on, reason FROM customer_outcomes WHERE customer_id = $1`, [sub!.customer_id])).toEqual([
      { id: outcomeId, kind: 'downgrade', occurred_on: day, reason: null },
    ]);
    expect(await logged('customer_outcomes', outcomeId)).toBe(1);
  });

  it('a cancellation is written once per customer, in the change log; a bad reason, a day too far or an unverified call writes nothing', async () => {
    const [one, two] = [await enrolled('Desk C1'), await enrolled('Desk C2')];
    const [found] = await hub.db.query<{ id: string }>(
      `SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customer_outcomes o WHERE o.customer_id = c.id) ORDER BY id LIMIT 1`,
    );
    const customerId = found!.id;
    const day = testNow().toISOString().slice(0, 10);
    const call = await one.call('agent', customerId);
    const payload = { outcomeId: uuidv7(), customerId, occurredOn: day, reason: 'competitor' };
    for (const [bad, code] of [
      [{ reason: 'bored' }, 'bad_payload'],
      [{ occurredOn: '2099-01-01' }, 'bad_payload'],
    ] as const) {
      const [r] = await one.push(one.envelope('outcome.cancel', 'agent', call, { ...payload, ...bad }));
      expect([r!.status, r!.reasons[0]?.code]).toEqual(['rejected', code]);
    }
    const unverified = uuidv7();
    await one.push(one.envelope('interaction.start', 'agent', unverified, { interactionId: unverified, customerId, callerNumber: null }));
    const [notVerified] = await one.push(one.envelope('outcome.cancel', 'agent', unverified, { ...payload, outcomeId: uuidv7() }));
    expect([notVerified!.status, notVerified!.reasons[0]?.code]).toEqual(['rejected', 'not_verified']);
    expect(await hub.db.query(`SELECT id FROM customer_outcomes WHERE customer_id = $1`, [customerId])).toEqual([]);

    const [accepted] = await one.push(one.envelope('outcome.cancel', 'agent', call, payload));
    expect(accepted).toMatchObject({ status: 'accepted', result: { outcomeId: payload.outcomeId } });
    expect(await hub.db.query(`SELECT kind, occurred_on, reason FROM customer_outcomes WHERE id = $1`, [payload.outcomeId])).toEqual([
      { kind: 'cancellation', occurred_on: day, reason: 'competitor' },
    ]);
    expect(await logged('customer_outcomes', payload.outcomeId)).toBe(1);

    // Another desk recorded the same customer's cancellation offline: the first one stands.
    const callB = await two.call('agent2', customerId);
    const [again] = await two.push(two.envelope('outcome.cancel', 'agent2', callB, { ...payload, outcomeId: uuidv7(), reason: 'price' }));
    expect(again).toMatchObject({ status: 'accepted', result: { outcomeId: payload.outcomeId, alreadyRecorded: true } });
    expect((await hub.db.query(`SELECT id FROM customer_outcomes WHERE customer_id = $1`, [customerId])).map((r) => r['id'])).toEqual([payload.outcomeId]);
  });
});
