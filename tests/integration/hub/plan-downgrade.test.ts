/**
 * plan.change on the hub, the downgrade a desk claims (issue 12): the hub writes the downgrade
 * outcome only when its own subscription history and catalog make the change one (the desk's
 * rule, core/outcomes/downgrade.ts). A downgrade claimed for an upgrade, for another customer's
 * subscription, for rows that put another plan on, or twice, is a rejected receipt that writes
 * nothing; twenty desks claiming it at once write one. On PostgreSQL when it answers (two pools),
 * and on PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from '../../../src/hub/db/open';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { memoryKeyVault } from '../../../src/platform/keys';
import { uuidv7 } from '../../../src/platform/ids';
import { DEMO_TODAY, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, postgresReachable, type TestHubDb } from '../../fixtures/hub-db';
import { enrolledDevice, TestDesk } from '../../fixtures/hub-desk';

interface Sub {
  id: string;
  account_id: string;
  customer_id: string;
  plan_code: string;
}

describe.each([
  { engine: 'PostgreSQL', pglite: false },
  { engine: 'PGlite', pglite: true },
])('a downgrade claimed with a plan change ($engine)', ({ pglite }) => {
  let hub: TestHubDb | null = null;
  const users: Record<string, string> = {};
  /** Each sellable plan's monthly fee on the day of the tests, from the hub's price rows. */
  const fees = new Map<string, number>();
  const day = testNow().toISOString().slice(0, 10);
  const used = new Set<string>();

  /** A desk enrolled on the hub, pushing through `db` (another pool: a second hub process). */
  async function enrolled(name: string, db: HubDb = hub!.db): Promise<TestDesk> {
    return new TestDesk(db, await enrolledDevice(hub!.db, name), users);
  }

  /** A subscription no test used yet, on a plan with both a cheaper and a dearer sellable plan; and those two. */
  async function subscription(): Promise<{ sub: Sub; cheaper: string; dearer: string }> {
    const subs = await hub!.db.query<Sub>(
      `SELECT s.id, s.account_id, a.customer_id, s.plan_code FROM subscriptions s JOIN accounts a ON a.id = s.account_id
        WHERE a.status = 'active' AND NOT EXISTS (SELECT 1 FROM customer_outcomes o WHERE o.customer_id = a.customer_id) ORDER BY s.id`,
    );
    for (const sub of subs) {
      const fee = fees.get(sub.plan_code);
      if (used.has(sub.customer_id) || fee === undefined) continue;
      const cheaper = [...fees].find(([, f]) => f < fee)?.[0];
      const dearer = [...fees].find(([, f]) => f > fee)?.[0];
      if (!cheaper || !dearer) continue;
      used.add(sub.customer_id);
      return { sub, cheaper, dearer };
    }
    throw new Error('no subscription with a cheaper and a dearer plan');
  }

  async function latestChange(subscriptionId: string): Promise<string | null> {
    const [latest] = await hub!.db.query<{ id: string }>(
      `SELECT id FROM subscription_changes WHERE subscription_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [subscriptionId],
    );
    return latest?.id ?? null;
  }

  async function planChange(sub: Sub, planId: string, extra: Record<string, unknown> = {}) {
    return {
      customerId: sub.customer_id,
      accountId: sub.account_id,
      subscriptionId: sub.id,
      basedOn: await latestChange(sub.id),
      rows: [{ id: uuidv7(), change: 'plan_change', itemCode: planId }],
      change: { from: day, planId, optionIds: [] },
      downgrade: { outcomeId: uuidv7(), occurredOn: day },
      ...extra,
    };
  }

  /** What a plan change writes for a customer: its outcomes, the subscription's plan and changes, their change-log rows. */
  async function written(sub: Sub) {
    const db = hub!.db;
    return {
      outcomes: await db.query(`SELECT id, kind, occurred_on FROM customer_outcomes WHERE customer_id = $1 ORDER BY id`, [sub.customer_id]),
      plan: (await db.query<{ plan_code: string }>(`SELECT plan_code FROM subscriptions WHERE id = $1`, [sub.id]))[0]!.plan_code,
      changes: (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM subscription_changes WHERE subscription_id = $1`, [sub.id]))[0]!.n,
      logged: (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM change_log WHERE tbl = 'customer_outcomes' AND pk IN (SELECT id FROM customer_outcomes WHERE customer_id = $1)`,
          [sub.customer_id],
        )
      )[0]!.n,
    };
  }

  beforeAll(async () => {
    if (!pglite && !(await postgresReachable())) return;
    hub = await openTestHubDb({ pglite });
    await loadDemoSet(hub.db, memoryKeyVault(), {
      generate: generateDeskDemoStore,
      customers: 40,
      seed: 11,
      today: DEMO_TODAY,
      passwordCost: TEST_PASSWORD_COST,
    });
    for (const u of await hub.db.query<{ id: string; username: string }>(`SELECT id, username FROM users`)) users[u.username] = u.id;
    // The fee in force on the day: the latest price row from on or before it.
    const prices = await hub.db.query<{ code: string; amount: number; effective_from: string }>(
      `SELECT p.code, c.amount, c.effective_from FROM plans p JOIN catalog_prices c ON c.item_code = p.code
        WHERE p.kind = 'plan' AND p.active = 1 AND c.effective_from <= $1 ORDER BY c.effective_from`,
      [day],
    );
    for (const p of prices) fees.set(p.code, Number(p.amount));
    expect(new Set(fees.values()).size).toBeGreaterThan(2);
  }, 180_000);
  afterAll(async () => {
    await hub?.dispose();
  });

  it('a real downgrade is written with the change; a downgrade claimed for an upgrade is rejected and writes nothing', async () => {
    if (!hub) return; // no PostgreSQL on this machine: the PGlite case still runs
    const desk = await enrolled(`Desk D ${pglite}`);
    const { sub, cheaper, dearer } = await subscription();
    const call = await desk.call('agent', sub.customer_id);
    const before = await written(sub);
    expect(before.outcomes).toEqual([]);

    const [upgrade] = await desk.push(desk.envelope('plan.change', 'agent', call, await planChange(sub, dearer)));
    expect([upgrade!.status, upgrade!.reasons[0]?.code]).toEqual(['rejected', 'bad_payload']);
    expect(upgrade!.reasons[0]?.text?.en).toMatch(/not a move to a cheaper plan/);
    expect(await written(sub)).toEqual(before);

    // The same upgrade without the claim is an ordinary plan change.
    const upgraded = await planChange(sub, dearer);
    delete (upgraded as Partial<typeof upgraded>).downgrade;
    const [plain] = await desk.push(desk.envelope('plan.change', 'agent', call, upgraded));
    expect(plain!.status).toBe('accepted');
    expect(await written(sub)).toMatchObject({ outcomes: [], plan: dearer, changes: before.changes + 1 });

    // Back to a plan below the one the subscription now has (the dearer one): a downgrade.
    const down = await planChange(sub, cheaper);
    const [accepted] = await desk.push(desk.envelope('plan.change', 'agent', call, down));
    expect(accepted!.status).toBe('accepted');
    expect(await written(sub)).toEqual({
      outcomes: [{ id: down.downgrade.outcomeId, kind: 'downgrade', occurred_on: day }],
      plan: cheaper,
      changes: before.changes + 2,
      logged: 1,
    });
  });

  it('a claim for another customer’s subscription, or whose rows put on another plan than it names, writes nothing', async () => {
    if (!hub) return;
    const desk = await enrolled(`Desk H ${pglite}`);
    const mine = await subscription();
    const theirs = await subscription();
    const call = await desk.call('agent', mine.sub.customer_id);
    const [mineBefore, theirsBefore] = [await written(mine.sub), await written(theirs.sub)];

    // The caller's own customer id with the other customer's subscription and account.
    const foreign = await planChange(theirs.sub, theirs.cheaper, { customerId: mine.sub.customer_id });
    const [other] = await desk.push(desk.envelope('plan.change', 'agent', call, foreign));
    expect([other!.status, other!.reasons[0]?.code]).toEqual(['rejected', 'unknown_subscription']);
    // The other customer's own ids on a call with this caller: not verified for them.
    const [unverified] = await desk.push(desk.envelope('plan.change', 'agent', call, await planChange(theirs.sub, theirs.cheaper)));
    expect(unverified!.status).toBe('rejected');
    // A cheaper plan named, a dearer one in the rows the hub would write.
    const mixed = await planChange(mine.sub, mine.cheaper, { rows: [{ id: uuidv7(), change: 'plan_change', itemCode: mine.dearer }] });
    const [lying] = await desk.push(desk.envelope('plan.change', 'agent', call, mixed));
    expect([lying!.status, lying!.reasons[0]?.code]).toEqual(['rejected', 'bad_payload']);
    // Options only, no plan change at all.
    const optionsOnly = await planChange(mine.sub, mine.sub.plan_code, {
      rows: [{ id: uuidv7(), change: 'option_add', itemCode: 'voyage-europe' }],
      change: { from: day, planId: mine.sub.plan_code, optionIds: ['voyage-europe'] },
    });
    const [noPlan] = await desk.push(desk.envelope('plan.change', 'agent', call, optionsOnly));
    expect([noPlan!.status, noPlan!.reasons[0]?.code]).toEqual(['rejected', 'bad_payload']);

    expect([await written(mine.sub), await written(theirs.sub)]).toEqual([mineBefore, theirsBefore]);
  });

  it('the same command twice is one downgrade: a resent command gets its receipt, a new command with the same rows is refused', async () => {
    if (!hub) return;
    const desk = await enrolled(`Desk T ${pglite}`);
    const { sub, cheaper } = await subscription();
    const call = await desk.call('agent', sub.customer_id);
    const payload = await planChange(sub, cheaper);
    const command = desk.envelope('plan.change', 'agent', call, payload);
    const [first] = await desk.push(command);
    expect(first!.status).toBe('accepted');
    const once = await written(sub);
    expect(once.outcomes).toEqual([{ id: payload.downgrade.outcomeId, kind: 'downgrade', occurred_on: day }]);

    const [resent] = await desk.resend(command);
    expect(resent).toMatchObject({ commandId: command.commandId, status: 'accepted' });
    const [again] = await desk.push(desk.envelope('plan.change', 'agent', call, payload));
    expect(again!.status).toBe('rejected');
    expect(await written(sub)).toEqual(once);
  });

  it('twenty desks claiming the same downgrade at once write it once', async () => {
    if (!hub) return;
    const { sub, cheaper } = await subscription();
    const pools = pglite ? [hub.db] : [hub.db, await hub.another()];
    const desks: TestDesk[] = [];
    for (let k = 0; k < 20; k++) desks.push(await enrolled(`Desk R${k} ${pglite}`, pools[k % pools.length]));
    const calls = await Promise.all(desks.map((d) => d.call('agent', sub.customer_id)));
    const before = await written(sub);
    const payloads = await Promise.all(desks.map(() => planChange(sub, cheaper)));
    const receipts = (await Promise.all(desks.map((d, k) => d.push(d.envelope('plan.change', 'agent', calls[k]!, payloads[k]))))).map((r) => r[0]!);
    const accepted = receipts.filter((r) => r.status === 'accepted');
    expect(accepted).toHaveLength(1);
    expect(receipts.filter((r) => r.status === 'rejected').map((r) => r.reasons[0]?.code)).toEqual(Array(19).fill('plan_changed_meanwhile'));
    const winner = payloads[receipts.indexOf(accepted[0]!)]!;
    expect(await written(sub)).toEqual({
      outcomes: [{ id: winner.downgrade.outcomeId, kind: 'downgrade', occurred_on: day }],
      plan: cheaper,
      changes: before.changes + 1,
      logged: 1,
    });
  }, 60_000);
});
