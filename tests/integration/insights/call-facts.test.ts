/**
 * The calls' facts (store/call-facts.ts) are a cache that must never be wrong: after any write to
 * a row they are read from — by the app or straight into the store behind its back — the facts
 * kept up to date by the triggers are exactly the facts rebuilt from scratch, and the practices'
 * risk sets follow at once. Rebuilding goes a batch at a time, letting the event loop run.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../src/main/demo/load';
import { callFactQueries, FACTS_SELECT, SETTLE_BATCH, settleInBackground, type FactsBatch } from '../../../src/main/store/call-facts';
import { practiceQueries, type CallSegment } from '../../../src/main/store/practices';
import { tempStore } from '../demo/helpers';
import { writeEveryTick } from './write-every-tick';

const TODAY = '2026-11-30';
const FROM = '2025-12-01';
const period = { from: FROM, to: TODAY, today: TODAY };
let store: ReturnType<typeof tempStore>;

beforeAll(() => {
  store = tempStore();
  loadDemoData(store.db, { customers: 600, seed: 5, months: 14, today: TODAY, passwordCost: { N: 1024, r: 8, p: 1 } });
}, 120_000);
afterAll(() => store.cleanup());

const sql = () => store.db.$client;
const facts = () => sql().prepare('SELECT * FROM call_facts ORDER BY interaction_id').all();

/** The facts as they would be built from scratch now, without touching the store's own. */
function rebuilt(): unknown[] {
  const c = sql();
  c.exec('SAVEPOINT rebuild');
  try {
    c.exec('DELETE FROM call_facts; DELETE FROM call_facts_stale; INSERT INTO call_facts_stale (interaction_id) SELECT id FROM interactions');
    callFactQueries(c).settle();
    return facts();
  } finally {
    c.exec('ROLLBACK TO rebuild; RELEASE rebuild');
  }
}

/** The n-th first call of the period (of those `pick` accepts) with its customer and first account. */
function aFirstCall(
  n: number,
  pick: (s: CallSegment & { mask: number }) => boolean = () => true,
): { interactionId: string; customerId: string; accountId: string; day: string } {
  const mask = sql().prepare<[string], number>('SELECT mask FROM call_facts WHERE interaction_id = ?').pluck();
  const segments = practiceQueries(sql())
    .segments(period)
    .filter((s) => pick({ ...s, mask: mask.get(s.interactionId)! }));
  const s = segments[n]!;
  const accountId = sql().prepare('SELECT id FROM accounts WHERE customer_id = ? ORDER BY opened_on, id LIMIT 1').pluck().get(s.customerId) as string;
  return { interactionId: s.interactionId, customerId: s.customerId, accountId, day: s.day };
}

const cancelled = (customerId: string) =>
  (sql().prepare(`SELECT count(*) FROM customer_outcomes WHERE customer_id = ? AND kind = 'cancellation'`).pluck().get(customerId) as number) > 0;

/**
 * The followed calls as they were read before the facts held the call before and the first
 * cancellation: a seek per call back along call_facts' key, and one into the outcomes.
 */
function followedBySeeks(today: string): unknown[] {
  return sql()
    .prepare(
      `SELECT agent_id AS agentId, disposition, day_no - 2440587 AS day,
              (SELECT p.day_no FROM call_facts p
                WHERE p.customer_id = f.customer_id AND (p.started_at, p.interaction_id) < (f.started_at, f.interaction_id)
                ORDER BY p.started_at DESC, p.interaction_id DESC LIMIT 1) - 2440587 AS previousDay,
              (SELECT CAST(julianday(min(x.occurred_on)) AS INTEGER) - 2440587 FROM customer_outcomes x
                WHERE x.customer_id = f.customer_id AND x.kind = 'cancellation' AND x.occurred_on >= substr(f.started_at, 1, 10) AND x.occurred_on <= @today) AS cancelledDay,
              (not_good << 11) | (bill_shock << 10) | (new_customer << 9) | (high_risk << 8) | mask AS segment
         FROM call_facts f`,
    )
    .all({ today });
}

describe('the calls’ facts', () => {
  it('are every verified, wrapped-up call once, as rebuilding them from scratch gives', () => {
    callFactQueries(sql()).settle();
    const calls = sql()
      .prepare(
        `SELECT count(*) FROM interactions i WHERE customer_id IS NOT NULL AND verified_at IS NOT NULL AND ended_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = i.customer_id)`,
      )
      .pluck()
      .get() as number;
    expect(calls).toBeGreaterThan(100);
    expect(facts()).toHaveLength(calls);
    expect(facts()).toEqual(rebuilt());
    expect(sql().prepare('SELECT count(*) FROM call_facts_stale').pluck().get()).toBe(0);
  });

  it('follow every row they are read from, written behind the app’s back, and the risk sets with them', () => {
    const q = practiceQueries(sql());
    const c = sql();
    const writes: Array<[string, () => void]> = [];
    const call = (n: number) => aFirstCall(n);
    writes.push([
      'churn risk',
      () => c.prepare(`UPDATE customers SET churn_risk = CASE churn_risk WHEN 'high' THEN 'low' ELSE 'high' END WHERE id = ?`).run(call(0).customerId),
    ]);
    writes.push([
      'standing',
      () => c.prepare(`UPDATE accounts SET status = CASE status WHEN 'active' THEN 'suspended' ELSE 'active' END WHERE id = ?`).run(call(1).accountId),
    ]);
    writes.push([
      'a bill issued before the call, written late',
      () => {
        // A call without bill shock whose segment is read from the bills (not enrolled).
        const enrolled = new Set(c.prepare('SELECT interaction_id FROM experiment_assignments WHERE interaction_id IS NOT NULL').pluck().all());
        const { accountId, day } = aFirstCall(0, (s) => s.billShock === 0 && !enrolled.has(s.interactionId));
        const last = c.prepare('SELECT * FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC LIMIT 1').get(accountId) as Record<string, unknown>;
        const row = { ...last, id: `inv-late-${accountId}`, number: `LATE-${accountId}`, cycle_start: '2099-01-01', issued_on: day, total: 999_999 };
        const cols = Object.keys(row);
        c.prepare(`INSERT INTO invoices (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(row);
      },
    ]);
    writes.push([
      'an approval request on the call',
      () => {
        const { interactionId, customerId, accountId } = call(3);
        const by = c.prepare('SELECT agent_id FROM interactions WHERE id = ?').pluck().get(interactionId);
        c.prepare(
          `INSERT INTO approval_requests (id, interaction_id, customer_id, account_id, requested_by, requested_at, request, decision, approver_role)
           VALUES ('req-facts', ?, ?, ?, ?, '2026-06-01T10:00:00.000Z', '{}', '{}', 'supervisor')`,
        ).run(interactionId, customerId, accountId, by);
      },
    ]);
    writes.push(['the approval request taken back', () => c.prepare(`DELETE FROM approval_requests WHERE id = 'req-facts'`).run()]);
    writes.push([
      'an offer made on the call',
      () => {
        const { interactionId, customerId } = aFirstCall(0, (s) => (s.mask & 16) === 0);
        c.prepare(
          `INSERT INTO experiment_exposures (id, experiment_id, customer_id, arm, interaction_id, exposed_at, offer_made) VALUES ('exp-facts', 'x', ?, 'offer', ?, '2026-06-01T10:00:00.000Z', 0)`,
        ).run(customerId, interactionId);
        c.prepare(`UPDATE experiment_exposures SET offer_made = 1 WHERE id = 'exp-facts'`).run();
      },
    ]);
    writes.push([
      'a second verification attempt',
      () => {
        const { interactionId } = aFirstCall(0, (s) => (s.mask & 64) !== 0);
        const first = c.prepare('SELECT * FROM verification_attempts WHERE interaction_id = ? LIMIT 1').get(interactionId) as
          Record<string, unknown> | undefined;
        if (!first) throw new Error('the call has no attempt');
        const row = { ...first, id: `va-facts-${interactionId}` };
        const cols = Object.keys(row);
        c.prepare(`INSERT INTO verification_attempts (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(row);
      },
    ]);
    writes.push([
      'a disposition and handle time edited',
      () => c.prepare(`UPDATE interactions SET disposition = 'cancelled', handle_seconds = 5000 WHERE id = ?`).run(call(6).interactionId),
    ]);
    writes.push([
      'an earlier account opened',
      () => {
        const { customerId, accountId } = call(7);
        const acct = c.prepare('SELECT * FROM accounts WHERE id = ?').get(accountId) as Record<string, unknown>;
        const row = { ...acct, id: `acct-facts-${customerId}`, number: `FACTS-${customerId}`, opened_on: '2026-05-01', status: 'closed' };
        const cols = Object.keys(row);
        // Opened after the first one: the first account, and so the facts, stay the same — but the
        // trigger cannot know that without reading, so it re-marks and the rebuild agrees.
        c.prepare(`INSERT INTO accounts (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(row);
      },
    ]);
    writes.push(['a call no longer wrapped up', () => c.prepare(`UPDATE interactions SET ended_at = NULL WHERE id = ?`).run(call(8).interactionId)]);
    writes.push([
      'a call’s start edited into a non-date',
      () => c.prepare(`UPDATE interactions SET started_at = '2026-13-45T09:00:00.000Z' WHERE id = ?`).run(call(11).interactionId),
    ]);
    // What a call's follow-up reads of the customer's other rows: the call before it, their
    // cancellations.
    const copyOfCall = (n: number, id: string, startedAt: (day: string) => string) => {
      const { interactionId } = call(n);
      const row = c.prepare('SELECT * FROM interactions WHERE id = ?').get(interactionId) as Record<string, unknown> & { started_at: string };
      const copy = { ...row, id, started_at: startedAt(row.started_at.slice(0, 10)) };
      const cols = Object.keys(copy);
      c.prepare(`INSERT INTO interactions (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(copy);
    };
    const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    writes.push([
      'a call synced late, the day before the customer’s first of the period',
      () => copyOfCall(9, 'call-late', (d) => `${dayBefore(d)}T09:00:00.000Z`),
    ]);
    writes.push([
      'that call moved a month earlier',
      () => c.prepare(`UPDATE interactions SET started_at = '${FROM}T09:00:00.000Z' WHERE id = 'call-late'`).run(),
    ]);
    writes.push(['that call deleted', () => c.prepare(`DELETE FROM interactions WHERE id = 'call-late'`).run()]);
    writes.push([
      'a call in the same instant as the customer’s first of the period',
      () =>
        copyOfCall(
          10,
          '0-same-instant',
          (d) => (c.prepare('SELECT started_at FROM interactions WHERE id = ?').pluck().get(call(10).interactionId) as string) || d,
        ),
    ]);
    writes.push([
      'a cancellation recorded',
      () => {
        const { customerId, day } = aFirstCall(0, (s) => s.day < '2026-06-01' && !cancelled(s.customerId));
        c.prepare(`INSERT INTO customer_outcomes (id, customer_id, kind, occurred_on, recorded_at) VALUES ('cancel-facts', ?, 'cancellation', ?, ?)`).run(
          customerId,
          day,
          `${day}T18:00:00.000Z`,
        );
      },
    ]);
    writes.push([
      'that cancellation moved on a month',
      () => c.prepare(`UPDATE customer_outcomes SET occurred_on = date(occurred_on, '+1 month') WHERE id = 'cancel-facts'`).run(),
    ]);
    writes.push([
      'that cancellation moved past today',
      () => c.prepare(`UPDATE customer_outcomes SET occurred_on = '2027-01-15' WHERE id = 'cancel-facts'`).run(),
    ]);
    writes.push(['that cancellation deleted', () => c.prepare(`DELETE FROM customer_outcomes WHERE id = 'cancel-facts'`).run()]);

    const unchanged = new Set([
      'an earlier account opened',
      'the approval request taken back',
      'that call deleted',
      'that cancellation deleted',
      'that cancellation moved past today',
    ]);
    for (const [what, write] of writes) {
      const before = q.riskSets(period);
      write();
      expect(c.prepare('SELECT count(*) FROM call_facts_stale').pluck().get(), what).toBeGreaterThan(0);
      const after = q.riskSets(period); // settles first
      expect(facts(), what).toEqual(rebuilt());
      expect(q.followedCalls(TODAY), what).toEqual(followedBySeeks(TODAY));
      expect(q.followedCalls('2026-07-01'), what).toEqual(followedBySeeks('2026-07-01'));
      if (!unchanged.has(what)) expect(after, what).not.toEqual(before);
    }
    // The call that has no day has no facts; the customer's next call follows from the one before it.
    expect(c.prepare(`SELECT count(*) FROM call_facts WHERE started_at = '2026-13-45T09:00:00.000Z'`).pluck().get()).toBe(0);
  });

  it('are rebuilt a batch at a time, the event loop running in between', async () => {
    const c = sql();
    c.exec('INSERT INTO call_facts_stale (interaction_id) SELECT id FROM interactions WHERE id NOT IN (SELECT interaction_id FROM call_facts_stale)');
    const stale = c.prepare('SELECT count(*) FROM call_facts_stale').pluck().get() as number;
    const batch = 20;
    expect(SETTLE_BATCH).toBeGreaterThan(batch);
    expect(stale).toBeGreaterThan(3 * batch);
    const version = callFactQueries(c).version();
    const settled = callFactQueries(c).settleInSteps(batch);
    let seenWhileSettling = 0;
    setImmediate(() => (seenWhileSettling = c.prepare('SELECT count(*) FROM call_facts_stale').pluck().get() as number));
    await settled;
    expect(seenWhileSettling).toBeGreaterThan(0);
    expect(seenWhileSettling).toBeLessThan(stale);
    expect(c.prepare('SELECT count(*) FROM call_facts_stale').pluck().get()).toBe(0);
    expect(facts()).toEqual(rebuilt());
    // The version moved when the calls were marked, not when they were rebuilt.
    expect(callFactQueries(c).version()).toBe(version);
  });

  it('read on another connection, are written only if nothing at all was written to the store since their calls were taken', () => {
    const c = sql();
    const q = callFactQueries(c);
    c.exec('INSERT INTO call_facts_stale (interaction_id) SELECT id FROM interactions WHERE id NOT IN (SELECT interaction_id FROM call_facts_stale)');
    const stale = () => c.prepare('SELECT count(*) FROM call_facts_stale').pluck().get() as number;
    // A worker's read-only connection, and another program writing behind the app's back.
    const reader = new Database(store.file, { readonly: true });
    const behind = new Database(store.file);
    const read = (batch: FactsBatch) =>
      reader
        .prepare(FACTS_SELECT)
        .raw(true)
        .all({ ids: JSON.stringify(batch.ids) }) as unknown[][];
    const dispositionOf = c.prepare<[string], string | null>('SELECT disposition FROM call_facts WHERE interaction_id = ?').pluck();
    try {
      const all = stale();
      // Two batches taken one after the other, read, written in the other order: the first
      // written leaves the second as good as it was (it wrote only facts), so the writer moves
      // the second's `seen` on, as the facts readers do.
      const first = q.take(30)!;
      const second = q.take(30, first.seq)!;
      expect(first.ids).toHaveLength(30);
      expect(second.ids.some((id) => first.ids.includes(id))).toBe(false);
      const [rows1, rows2] = [read(first), read(second)];
      const after2 = q.commit(second, rows2);
      expect(after2).not.toBeNull();
      expect(stale()).toBe(all - 30);
      expect(q.commit(first, rows1)).toBeNull(); // not moved on: it cannot tell the write was only facts
      first.seen = after2!;
      expect(q.commit(first, rows1)).not.toBeNull();
      expect(stale()).toBe(all - 60);

      // Written behind the app's back after the rows were read: the call is stale already, so the
      // write adds nothing to the stale list — only the store's commit count tells.
      const third = q.take(20)!;
      const rows3 = read(third);
      const call = third.ids[3]!;
      behind.prepare(`UPDATE interactions SET disposition = 'written-behind' WHERE id = ?`).run(call);
      const kept = facts();
      expect(q.commit(third, rows3)).toBeNull();
      expect(facts()).toEqual(kept);
      expect(stale()).toBe(all - 60);

      // Written by the app on main's connection after the rows were read: the same.
      const fourth = q.take(20)!;
      const rows4 = read(fourth);
      c.prepare(`UPDATE interactions SET disposition = 'written-by-app' WHERE id = ?`).run(fourth.ids[0]!);
      expect(q.commit(fourth, rows4)).toBeNull();
      expect(stale()).toBe(all - 60);

      // A batch taken and read after the writes holds them.
      const fifth = q.take(20)!;
      expect(q.commit(fifth, read(fifth))).not.toBeNull();
      q.settle();
      expect(dispositionOf.get(call)).toBe('written-behind');
      expect(dispositionOf.get(fourth.ids[0]!)).toBe('written-by-app');
      expect(facts()).toEqual(rebuilt());
    } finally {
      reader.close();
      behind.close();
    }
  });

  it('a batch at a time, are done with every call stale when asked even while the store is written every tick', async () => {
    const c = sql();
    c.exec('INSERT INTO call_facts_stale (interaction_id) SELECT id FROM interactions WHERE id NOT IN (SELECT interaction_id FROM call_facts_stale)');
    const ids = c.prepare('SELECT interaction_id FROM call_facts_stale ORDER BY seq').pluck().all() as string[];
    const lastBefore = callFactQueries(c).lastStale();
    const writes = await writeEveryTick(c, ids, callFactQueries(c).settleInSteps(10));
    expect(writes).toBeGreaterThan(5);
    // What is still stale was marked after the ask.
    expect(c.prepare('SELECT count(*) FROM call_facts_stale WHERE seq <= ?').pluck().get(lastBefore)).toBe(0);
    callFactQueries(c).settle();
    expect(facts()).toEqual(rebuilt());
  });

  it('are built in the background a small batch a tick, and stop when the store closes', async () => {
    const c = sql();
    const markAll = () =>
      c.exec('INSERT INTO call_facts_stale (interaction_id) SELECT id FROM interactions WHERE id NOT IN (SELECT interaction_id FROM call_facts_stale)');
    const stale = () => c.prepare('SELECT count(*) FROM call_facts_stale').pluck().get() as number;
    markAll();
    const before = stale();
    const stopped = settleInBackground(c, { batch: 10 });
    stopped.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stale()).toBe(before);

    let seenBetween = -1;
    const done = new Promise<void>((resolve) => {
      settleInBackground(c, { batch: 10, onDone: resolve });
    });
    setTimeout(() => (seenBetween = stale()), 0);
    await done;
    expect(seenBetween).toBeGreaterThan(0);
    expect(seenBetween).toBeLessThan(before);
    expect(stale()).toBe(0);
    expect(facts()).toEqual(rebuilt());
  });

  it('in the background, a failed batch is tried again a second later instead of taking main down', async () => {
    const c = sql();
    c.exec('INSERT INTO call_facts_stale (interaction_id) SELECT id FROM interactions WHERE id NOT IN (SELECT interaction_id FROM call_facts_stale)');
    // The store refuses the first write (as a busy or failing disk would), then accepts.
    c.exec(`CREATE TEMP TABLE facts_may_write (ok INTEGER);
            CREATE TEMP TRIGGER facts_refused BEFORE INSERT ON call_facts WHEN NOT EXISTS (SELECT 1 FROM facts_may_write)
            BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;`);
    const errors: string[] = [];
    try {
      await new Promise<void>((resolve) => {
        settleInBackground(c, {
          onDone: resolve,
          onError: (err) => {
            errors.push((err as Error).message);
            c.exec('INSERT INTO facts_may_write VALUES (1)');
          },
        });
      });
    } finally {
      c.exec('DROP TRIGGER facts_refused; DROP TABLE facts_may_write');
    }
    expect(errors).toEqual(['disk I/O error']);
    expect(c.prepare('SELECT count(*) FROM call_facts_stale').pluck().get()).toBe(0);
    expect(facts()).toEqual(rebuilt());
  });
});
