/**
 * Practices and waiting, from a demo store whose past calls were written with their audit
 * entries: the service's figures are those computed from one row per customer straight from the
 * tables; a side below the minimum gets no figure; the waits and the calls that ended while a
 * request was pending are those of the approval rows; the audit chain the demo wrote verifies.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgentProfile } from '../../../src/core/api';
import { wilsonInterval } from '../../../src/core/stats';
import { loadDemoData } from '../../../src/main/demo/load';
import { AuditTrail } from '../../../src/main/services/audit-trail';
import { waitsIn } from '../../../src/core/insights';
import { MIN_PER_GROUP, MIN_WAITS, PracticesService } from '../../../src/main/services/insights/practices';
import { practiceQueries } from '../../../src/main/store/practices';
import { InThreadRiskSets } from '../../../src/main/services/insights/risk-set-source';
import { tempStore } from '../demo/helpers';

const TODAY = '2026-11-30';
const FROM = '2025-12-01';
const viewer = (locale: 'en' | 'fr') => ({ userId: 'm', locale }) as AgentProfile;
let store: ReturnType<typeof tempStore>;
let audit: AuditTrail;

beforeAll(() => {
  store = tempStore();
  audit = new AuditTrail(store.db.$client, { key: randomBytes(32), anchorFile: null });
  loadDemoData(store.db, { customers: 1200, seed: 7, months: 14, today: TODAY, passwordCost: { N: 1024, r: 8, p: 1 }, audit: (e) => void audit.append(e) });
}, 120_000);
afterAll(() => store.cleanup());

/** Each customer's first call in the period, with what was done, from the tables one by one. */
function perCustomer() {
  const c = store.db.$client;
  const calls = c
    .prepare(
      `SELECT i.id, i.customer_id AS customerId, i.agent_id AS agentId, substr(i.started_at, 1, 10) AS day, i.handle_seconds AS handle
         FROM interactions i WHERE i.verified_at IS NOT NULL AND i.ended_at IS NOT NULL AND i.started_at >= ? ORDER BY i.started_at`,
    )
    .all(FROM) as Array<{ id: string; customerId: string; agentId: string; day: string; handle: number }>;
  const first = new Map<string, (typeof calls)[number]>();
  for (const call of calls) if (!first.has(call.customerId)) first.set(call.customerId, call);
  const actions = c.prepare('SELECT action FROM audit_log WHERE interaction_id = ?').pluck();
  const cancelled = c
    .prepare("SELECT min(occurred_on) FROM customer_outcomes WHERE customer_id = ? AND kind = 'cancellation' AND occurred_on >= ? AND occurred_on <= ?")
    .pluck();
  const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
  return [...first.values()].map((call) => {
    const on = cancelled.get(call.customerId, call.day, TODAY) as string | null;
    return {
      ...call,
      actions: new Set(actions.all(call.id) as string[]),
      followed: days(call.day, TODAY),
      time: days(call.day, on ?? TODAY),
      cancelled: on !== null,
    };
  });
}

describe('practices', () => {
  it('counts each customer once, at their first call, and gives retention at 90 days as the raw rows do', async () => {
    const service = new PracticesService(store.db.$client, () => TODAY);
    const o = await service.overview(viewer('en'), { from: FROM, to: TODAY });
    const rows = perCustomer();
    expect(rows.length).toBeGreaterThan(200);
    expect(o.customers).toBe(rows.length);
    const explained = o.practices.find((p) => p.practice === 'explained')!;
    const side = (has: boolean) => rows.filter((r) => r.actions.has('bill_viewed') === has);
    for (const [group, list] of [
      [explained.withPractice, side(true)],
      [explained.without, side(false)],
    ] as const) {
      expect(group.customers).toBe(list.length);
      const followed = list.filter((r) => r.followed >= 90);
      const kept = followed.filter((r) => !(r.cancelled && r.time <= 90)).length;
      if (followed.length >= MIN_PER_GROUP) expect(group.retention!.estimate).toBeCloseTo(wilsonInterval({ x: kept, n: followed.length }).estimate, 12);
      else expect(group.retention).toBeNull();
    }
    expect(explained.hazardRatio).not.toBeNull();
    expect(explained.sentence).toMatch(/explained the bill/);
  });

  it('shows no figure for a side below the minimum, and says so in both languages', async () => {
    const service = new PracticesService(store.db.$client, () => TODAY);
    const en = await service.overview(viewer('en'), { from: FROM, to: TODAY });
    // The demo writes no plan change (no subscription change behind it): nobody on that side.
    const changed = en.practices.find((p) => p.practice === 'planChanged')!;
    expect(changed.withPractice.customers).toBe(0);
    expect(changed.hazardRatio).toBeNull();
    expect(changed.sentence).toBe(`Fewer than ${MIN_PER_GROUP} customers on one side: no figure.`);
    const fr = await service.overview(viewer('fr'), { from: FROM, to: TODAY });
    expect(fr.practices.find((p) => p.practice === 'planChanged')!.sentence).toMatch(/^Moins de 50 clients/);
    // One agent's slice is a filter over the same rows: its customers add up to the whole.
    const sum = (await Promise.all(en.agents.map((a) => service.overview(viewer('en'), { from: FROM, to: TODAY, agentId: a.id })))).reduce(
      (x, o) => x + o.customers,
      0,
    );
    expect(sum).toBe(en.customers);
  });

  it('a period with no call has no customer and no figure', async () => {
    const o = await new PracticesService(store.db.$client, () => TODAY).overview(viewer('en'), { from: '2020-01-01', to: '2020-12-31' });
    expect(o.customers).toBe(0);
    expect(o.practices.every((p) => p.hazardRatio === null)).toBe(true);
    expect(o.waiting.all.p50).toBeNull();
  });

  it('waits: percentiles of the decided requests, and the calls that ended while one was pending', async () => {
    const o = await new PracticesService(store.db.$client, () => TODAY).overview(viewer('en'), { from: FROM, to: TODAY });
    const raw = store.db.$client
      .prepare(
        `SELECT r.requested_at AS requestedAt, r.decided_at AS decidedAt, i.ended_at AS endedAt, r.interaction_id AS interactionId
           FROM approval_requests r JOIN interactions i ON i.id = r.interaction_id WHERE r.requested_at >= ?`,
      )
      .all(FROM) as Array<{ requestedAt: string; decidedAt: string | null; endedAt: string | null; interactionId: string }>;
    const waits = raw
      .filter((r) => r.decidedAt)
      .map((r) => Math.round((Date.parse(r.decidedAt!) - Date.parse(r.requestedAt)) / 1000))
      .sort((a, b) => a - b);
    expect(waits.length).toBeGreaterThanOrEqual(MIN_WAITS);
    expect(o.waiting.all.requests).toBe(raw.length);
    expect(o.waiting.all.p50).toBe(waits[Math.ceil(waits.length / 2) - 1]);
    expect(o.waiting.all.p90).toBe(waits[Math.ceil(waits.length * 0.9) - 1]);
    const ended = new Set(raw.filter((r) => r.endedAt && (!r.decidedAt || r.decidedAt > r.endedAt)).map((r) => r.interactionId));
    expect(ended.size).toBeGreaterThan(0);
    expect(o.waiting.endedWhilePending).toBe(ended.size);
    expect(o.waiting.endedWhilePendingCalls.every((c) => ended.has(c.interactionId) && c.waitedSeconds >= 0)).toBe(true);
    expect(o.waiting.byHour.reduce((n, h) => n + h.requests, 0)).toBe(raw.length);
    expect(o.waiting.sentence).toMatch(/calls \(.*\) ended while a request was still pending/);
  });

  it('a period’s requests picked from every request read once are the ones the store’s own WHERE gives, in its order', () => {
    const q = practiceQueries(store.db.$client);
    const every = q.everyWait();
    expect(every.length).toBeGreaterThan(MIN_WAITS);
    const days = [...new Set(every.map((w) => w.requestedAt.slice(0, 10)))].sort();
    const mid = days[Math.floor(days.length / 2)]!;
    for (const period of [
      { from: FROM, to: TODAY },
      { from: mid, to: mid },
      { from: days[0]!, to: mid },
      { from: mid, to: '2099-12-31' },
      { from: '2020-01-01', to: '2020-12-31' },
    ]) {
      expect(waitsIn(every, period), JSON.stringify(period)).toEqual(q.waits(period));
    }
  });

  it('twenty asks at once, for one period or several, read the calls once and agree with one ask alone', async () => {
    const c = store.db.$client;
    const source = new InThreadRiskSets(c);
    const read = vi.spyOn(source, 'followedCalls');
    const service = new PracticesService(c, () => TODAY, source);
    const periods = [
      { from: FROM, to: TODAY },
      { from: '2026-06-01', to: TODAY },
      { from: FROM, to: '2026-03-31' },
    ];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => service.overview(viewer('en'), periods[i % periods.length]!)));
    expect(read).toHaveBeenCalledTimes(1);
    for (const [i, a] of answers.entries()) {
      expect(a).toEqual(await new PracticesService(c, () => TODAY).overview(viewer('en'), periods[i % periods.length]!));
    }
  });

  it('reads the calls again when their facts or the cancellations change, not after any other audited action', async () => {
    const c = store.db.$client;
    const source = new InThreadRiskSets(c);
    const read = vi.spyOn(source, 'followedCalls');
    const service = new PracticesService(c, () => TODAY, source);
    const first = await service.overview(viewer('en'), { from: FROM, to: TODAY });
    expect(read).toHaveBeenCalledTimes(1);
    // An agent signing in is audited: nothing the calls' figures read has changed.
    audit.append({ at: `${TODAY}T10:00:00.000Z`, actorId: null, interactionId: null, action: 'sign_in', subject: null });
    expect(await service.overview(viewer('en'), { from: FROM, to: TODAY })).toEqual(first);
    expect(read).toHaveBeenCalledTimes(1);
    // A cancellation of a customer counted in the period: read again, and the figures follow.
    const customerId = c
      .prepare(
        `SELECT i.customer_id FROM interactions i WHERE i.verified_at IS NOT NULL AND i.ended_at IS NOT NULL AND i.started_at >= ?
            AND NOT EXISTS (SELECT 1 FROM customer_outcomes o WHERE o.customer_id = i.customer_id AND o.kind = 'cancellation') LIMIT 1`,
      )
      .pluck()
      .get(FROM) as string;
    const id = '019a0000-0000-7000-8000-0000000cafe1';
    c.prepare(`INSERT INTO customer_outcomes (id, customer_id, kind, occurred_on, reason, recorded_at) VALUES (?, ?, 'cancellation', ?, 'price', ?)`).run(
      id,
      customerId,
      TODAY,
      `${TODAY}T10:00:00.000Z`,
    );
    try {
      const after = await service.overview(viewer('en'), { from: FROM, to: TODAY });
      expect(read).toHaveBeenCalledTimes(2);
      expect(after).toEqual(await new PracticesService(c, () => TODAY).overview(viewer('en'), { from: FROM, to: TODAY }));
      expect(after).not.toEqual(first);
    } finally {
      c.prepare('DELETE FROM customer_outcomes WHERE id = ?').run(id);
    }
  });

  it('a cancellation moved in place behind the app’s back (another connection) is seen at the next ask', async () => {
    const c = store.db.$client;
    const service = new PracticesService(c, () => TODAY);
    const before = await service.overview(viewer('en'), { from: FROM, to: TODAY });
    const moved = c
      .prepare(
        `SELECT o.id FROM customer_outcomes o WHERE o.kind = 'cancellation' AND o.occurred_on >= ?
            AND EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = o.customer_id AND i.ended_at IS NOT NULL AND i.started_at >= ?) LIMIT 1`,
      )
      .get(FROM, FROM) as { id: string } | undefined;
    expect(moved).toBeDefined();
    const was = c.prepare('SELECT occurred_on FROM customer_outcomes WHERE id = ?').pluck().get(moved!.id) as string;
    const behind = new Database(store.file);
    try {
      // Moved past today: no longer a cancellation in the figures.
      behind.prepare("UPDATE customer_outcomes SET occurred_on = '2099-01-01' WHERE id = ?").run(moved!.id);
      const after = await service.overview(viewer('en'), { from: FROM, to: TODAY });
      expect(after).toEqual(await new PracticesService(c, () => TODAY).overview(viewer('en'), { from: FROM, to: TODAY }));
      expect(after).not.toEqual(before);
    } finally {
      behind.prepare('UPDATE customer_outcomes SET occurred_on = ? WHERE id = ?').run(was, moved!.id);
      behind.close();
    }
  });

  it('gives each call the day of the customer’s call before it, two calls started in the same instant ordered by id', () => {
    const c = store.db.$client;
    const q = practiceQueries(c);
    q.followedCalls(TODAY); // the facts settled
    // The demo's customers call once each: three calls are moved to one customer behind the app's
    // back, two of them starting in the same instant, the third a day later.
    const [a, b, later] = c
      .prepare('SELECT interaction_id AS id, customer_id AS customerId, started_at AS startedAt FROM call_facts ORDER BY started_at LIMIT 3 OFFSET 100')
      .all() as Array<{ id: string; customerId: string; startedAt: string }>;
    const dayAfter = new Date(Date.parse(a!.startedAt) + 86_400_000).toISOString();
    const behind = new Database(store.file);
    const move = behind.prepare('UPDATE interactions SET customer_id = ?, started_at = ? WHERE id = ?');
    try {
      move.run(a!.customerId, a!.startedAt, b!.id);
      move.run(a!.customerId, dayAfter, later!.id);
      const calls = q.followedCalls(TODAY);
      // The same, one call at a time from the facts in key order.
      const facts = c
        .prepare('SELECT customer_id AS customerId, day_no - 2440587 AS day FROM call_facts ORDER BY customer_id, started_at, interaction_id')
        .all() as Array<{ customerId: string; day: number }>;
      expect(calls.map((call) => [call.day, call.previousDay])).toEqual(
        facts.map((f, i) => [f.day, i > 0 && facts[i - 1]!.customerId === f.customerId ? facts[i - 1]!.day : null]),
      );
      const mine = c.prepare('SELECT count(*) FROM call_facts WHERE customer_id = ?').pluck().get(a!.customerId);
      expect(mine).toBe(3);
      expect(calls.filter((call) => call.previousDay !== null)).toHaveLength(2);
    } finally {
      for (const call of [b!, later!]) move.run(call.customerId, call.startedAt, call.id);
      behind.close();
    }
  });

  it('the demo calls’ audit entries are chained and sealed like any other', () => {
    expect(audit.verify().ok).toBe(true);
  });
});
