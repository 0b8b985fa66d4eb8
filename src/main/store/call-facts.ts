/**
 * One row of facts per verified, wrapped-up call (table call_facts): what the practices' risk sets
 * (store/practices.ts) need of it — agent, disposition, practice bits, segment covariates — worked
 * out once instead of on every insights load. On a million customers the load spent most of its
 * time seeking, per call, into call_practices, exposures, approvals, attempts, customers, accounts,
 * enrolments and two bills; now it reads one ordered table.
 *
 * The facts are a cache that is never wrong: triggers (migration call_facts) put a call in
 * call_facts_stale whenever a row its facts come from is written — by the app, by sync, or behind
 * the app's back — and the calls stale when a count is asked are rebuilt from those rows before
 * anything is counted (on main, or read by workers: services/insights/risk-set-source.ts). So the
 * figures are exactly those of reading the rows then (the risk-set parity tests); a call marked
 * while they are being built grows `version`, so the next ask counts again.
 *
 * What a call's facts are:
 * - mask: the call's bits in call_practices (audit entries), | 16 when an experiment exposure says
 *   an offer was made on it, | 32 when it has an approval request (escalated; also covers the
 *   generator's calls, whose history has no audit entries of grants), | 64 when the customer was
 *   verified at the first attempt, | 128 for a long call (LONG_CALL_SECONDS);
 * - the segment (the experiments' Cox covariates): when the call enrolled the customer in an
 *   experiment, as the assignment measured it (standing, bill shock); otherwise as of the call:
 *   tenure from the first account's opening day, bill shock from the last two bills issued by the
 *   call's day (≥ 20 % up) and standing from the account's status — the store keeps no history
 *   of standing or churn risk, so those two are today's (a change re-marks the customer's calls);
 * - the day of the customer's call just before (of those with facts) and their first cancellation
 *   on or after the call's day, whatever today is (store/practices.ts FOLLOWED_CALLS reads them).
 * A call whose start is not a date has no facts: no day to follow it from.
 */
import type Database from 'better-sqlite3';
import { LONG_CALL_SECONDS } from '../../core/insights';
import { rowsEverAdded } from './data-version';

// The facts of the calls in @ids (a JSON array) that are verified and wrapped up. Bill shock reads
// the account's last two bills issued by the call's day: two index-only seeks of
// invoices_account_bill_idx (a window over every bill was measured 4–5× slower).
export const FACTS_SELECT = `
SELECT customer_id, started_at, id, CAST(julianday(substr(started_at, 1, 10)) AS INTEGER), account_id, agent_id, disposition, mask, highRisk, newCustomer,
       coalesce(enrolledBillShock, coalesce(previousTotal > 0 AND latestTotal * 10 >= previousTotal * 12, 0)),
       notGood,
       -- The customer's call just before, of those that have facts (verified, wrapped up; the
       -- customer and first account are the same for all their calls), in call_facts' key order.
       (SELECT CAST(julianday(substr(p.started_at, 1, 10)) AS INTEGER) FROM interactions p
         WHERE p.customer_id = x.customer_id AND p.verified_at IS NOT NULL AND p.ended_at IS NOT NULL
           AND julianday(substr(p.started_at, 1, 10)) IS NOT NULL AND (p.started_at, p.id) < (x.started_at, x.id)
         ORDER BY p.started_at DESC, p.id DESC LIMIT 1),
       (SELECT min(o.occurred_on) FROM customer_outcomes o
         WHERE o.customer_id = x.customer_id AND o.kind = 'cancellation' AND o.occurred_on >= substr(x.started_at, 1, 10))
  FROM (
  SELECT i.id, i.customer_id, i.started_at, a.id AS account_id, i.agent_id, i.disposition,
         coalesce((SELECT p.flags FROM call_practices p WHERE p.interaction_id = i.id), 0)
         | (CASE WHEN EXISTS (SELECT 1 FROM experiment_exposures x WHERE x.interaction_id = i.id AND x.offer_made = 1) THEN 16 ELSE 0 END)
         | (CASE WHEN EXISTS (SELECT 1 FROM approval_requests r WHERE r.interaction_id = i.id) THEN 32 ELSE 0 END)
         | (CASE WHEN (SELECT count(*) FROM verification_attempts v WHERE v.customer_id = i.customer_id AND v.interaction_id = i.id) = 1 THEN 64 ELSE 0 END)
         | (CASE WHEN i.handle_seconds >= ${LONG_CALL_SECONDS} THEN 128 ELSE 0 END) AS mask,
         (cu.churn_risk = 'high') AS highRisk,
         (a.opened_on > date(substr(i.started_at, 1, 10), '-12 months')) AS newCustomer,
         e.billShock AS enrolledBillShock,
         CASE WHEN e.interaction_id IS NULL THEN (SELECT total FROM invoices WHERE account_id = a.id AND issued_on <= substr(i.started_at, 1, 10) ORDER BY cycle_start DESC LIMIT 1) END AS latestTotal,
         CASE WHEN e.interaction_id IS NULL THEN (SELECT total FROM invoices WHERE account_id = a.id AND issued_on <= substr(i.started_at, 1, 10) ORDER BY cycle_start DESC LIMIT 1 OFFSET 1) END AS previousTotal,
         coalesce(e.notGood, a.status <> 'active') AS notGood
    FROM interactions i
    JOIN customers cu ON cu.id = i.customer_id
    JOIN accounts a ON a.id = (SELECT id FROM accounts WHERE customer_id = i.customer_id ORDER BY opened_on, id LIMIT 1)
    LEFT JOIN (SELECT interaction_id, max(standing <> 'good') AS notGood, max(bill_shock) AS billShock
                 FROM experiment_assignments WHERE interaction_id IN (SELECT value FROM json_each(@ids)) GROUP BY interaction_id) e
      ON e.interaction_id = i.id
   WHERE i.id IN (SELECT value FROM json_each(@ids))
     AND i.customer_id IS NOT NULL AND i.verified_at IS NOT NULL AND i.ended_at IS NOT NULL
     -- A start edited into a non-date (behind the app's back) has no day to follow from: such a
     -- call has no facts, rather than one failed insert stopping every insights load.
     AND julianday(substr(i.started_at, 1, 10)) IS NOT NULL) x`;

/** call_facts' columns, in the order FACTS_SELECT gives them. */
const FACT_COLUMNS = `customer_id, started_at, interaction_id, day_no, account_id, agent_id, disposition, mask, high_risk, new_customer, bill_shock, not_good,
                      previous_day_no, cancelled_on`;
const FACTS_OF = `INSERT INTO call_facts (${FACT_COLUMNS}) ${FACTS_SELECT}`;
/** One row of FACTS_SELECT, as read raw (by a worker). */
export type FactRow = readonly unknown[];

/**
 * A batch of stale calls handed out to be read elsewhere (a worker on its own connection): their
 * ids, the seqs they cover (after `after`, up to `seq`: stale seqs only grow), and what main's
 * connection had seen of the store when they were taken — the rows read for them are written only
 * if nothing was written since. A writer that knows its own write changed nothing the batch reads
 * (the facts themselves) may move `seen` on.
 */
export interface FactsBatch {
  readonly ids: readonly string[];
  readonly after: number;
  readonly seq: number;
  seen: string;
}

const NO_BOUND = Number.MAX_SAFE_INTEGER;

/** How many stale calls are rebuilt per transaction: ~30–60 ms each on a large store. */
export const SETTLE_BATCH = 4_000;

export function callFactQueries(db: Database.Database) {
  const stale = db.prepare<[number, number, number], { seq: number; id: string }>(
    `SELECT seq, interaction_id AS id FROM call_facts_stale WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
  );
  const lastStale = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM call_facts_stale').pluck();
  const drop = db.prepare<[{ ids: string }]>(`DELETE FROM call_facts WHERE interaction_id IN (SELECT value FROM json_each(@ids))`);
  const build = db.prepare<[{ ids: string }]>(FACTS_OF);
  const done = db.prepare<[number]>(`DELETE FROM call_facts_stale WHERE seq <= ?`);
  const doneBetween = db.prepare<[number, number]>(`DELETE FROM call_facts_stale WHERE seq > ? AND seq <= ?`);
  const version = db.prepare<[], number>(`SELECT ${rowsEverAdded('call_facts_stale')}`).pluck();
  const insert = db.prepare(`INSERT INTO call_facts (${FACT_COLUMNS}) VALUES (${Array.from({ length: 14 }, () => '?').join(', ')})`);
  // What this connection has written, and what it has seen others commit: unchanged, nothing was
  // written since. (A row re-marked while its call is still stale adds no new stale row, so the
  // stale table alone cannot tell.)
  const writesSeen = db.prepare<[], number>('SELECT total_changes()').pluck();
  const commitsSeen = db.prepare<[], number>('PRAGMA data_version').pluck();
  const seen = (): string => `${writesSeen.get()!}|${commitsSeen.get()!}`;

  /** Writes a batch's rows, or nothing when the store was written since the batch was taken. */
  const commit = db.transaction((batch: FactsBatch, rows: readonly FactRow[]): boolean => {
    if (seen() !== batch.seen) return false;
    drop.run({ ids: JSON.stringify(batch.ids) });
    for (const row of rows) insert.run(row);
    doneBetween.run(batch.after, batch.seq);
    return true;
  });

  /** Rebuilds up to `limit` stale calls, of those up to seq `upTo`, in one transaction; how many it took. */
  const step = db.transaction((limit: number, upTo: number): number => {
    const batch = stale.all(0, upTo, limit);
    if (batch.length === 0) return 0;
    const ids = JSON.stringify(batch.map((b) => b.id));
    drop.run({ ids });
    build.run({ ids });
    // Oldest first, so every seq up to the batch's last is in the batch.
    done.run(batch[batch.length - 1]!.seq);
    return batch.length;
  });

  return {
    /** Rebuilds every stale call now, in one go (tests, small stores). */
    settle(batch = SETTLE_BATCH): void {
      while (step(batch, NO_BOUND) > 0);
    },
    /**
     * Rebuilds every call stale now (up to seq `upTo`, default: the last) a batch at a time,
     * letting the event loop run between batches: the first load after the upgrade (every call
     * stale) must not freeze the agents' lookups. Calls marked stale meanwhile are left to the
     * next ask — which the version (below) tells apart — or a store written every tick would
     * never be done.
     */
    async settleInSteps(batch = SETTLE_BATCH, upTo = lastStale.get()!): Promise<void> {
      while (step(batch, upTo) > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    },
    /** Rebuilds up to `batch` stale calls in one transaction; how many it took (0: none stale). */
    settleSome: (batch: number): number => step(batch, NO_BOUND),
    /** The seq of the call marked stale last (0: none ever, or none left). */
    lastStale: (): number => lastStale.get()!,
    /**
     * The next `size` stale calls after seq `after` (0: the oldest) and up to seq `upTo`, for
     * FACTS_SELECT to read on another connection; null when none. Their rows go back through `commit`.
     */
    take(size: number, after = 0, upTo = NO_BOUND): FactsBatch | null {
      const calls = stale.all(after, upTo, size);
      if (calls.length === 0) return null;
      return { ids: calls.map((c) => c.id), after, seq: calls[calls.length - 1]!.seq, seen: seen() };
    },
    /**
     * Writes the facts read for a batch (FACTS_SELECT's rows for its calls, read after it was
     * taken) and takes its calls off the stale list, in one transaction. Returns what the store
     * looks like after that write — or null, writing nothing, when anything was written to it
     * since the batch was taken: the rows may predate that write, so the calls stay stale.
     */
    commit(batch: FactsBatch, rows: readonly FactRow[]): string | null {
      return commit.immediate(batch, rows) ? seen() : null;
    },
    /** Grows whenever a call's facts are marked stale: part of the insights' cache key. */
    version: (): number => version.get()!,
  };
}

export type CallFactQueries = ReturnType<typeof callFactQueries>;

/**
 * Rebuilds the stale calls a small batch at a time, a timer tick apart, until none is left: on a
 * large store the first start after the upgrade marks every call stale (a million customers:
 * ~266,000 calls, seconds of work), and this gets it done before a manager first opens the
 * insights without holding the agents' lookups up by more than a batch (~20 ms). Stops when asked
 * (the store closing).
 */
export function settleInBackground(
  db: Database.Database,
  opts: { readonly batch?: number; readonly onDone?: () => void; readonly onError?: (err: unknown) => void } = {},
): { stop(): void } {
  const facts = callFactQueries(db);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = (): void => {
    timer = null;
    if (stopped) return;
    let took: number;
    try {
      took = facts.settleSome(opts.batch ?? 500);
    } catch (err) {
      // A busy store (another writer) or a closed one must not take main down: try again in a
      // second; an insights load settles whatever is left anyway.
      opts.onError?.(err);
      timer = setTimeout(tick, 1000);
      return;
    }
    if (took > 0) timer = setTimeout(tick, 0);
    else opts.onDone?.();
  };
  timer = setTimeout(tick, 0);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
