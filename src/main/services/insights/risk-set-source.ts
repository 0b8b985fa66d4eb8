/**
 * Where the insights' risk sets are counted. Counting is the heavy part of the insights screen
 * (per call: its practices, escalation, verification, bills and cancellation — a handful of index
 * seeks each, hundreds of thousands of calls on a large desk) and it is one SQLite query, so one
 * core. What disjoint parts of the customers give can be put side by side (the calls are each in
 * one part; a pick over experiment rows adds up equal keys whichever part they came from), so on
 * a store on disk the customers are cut into as many parts by id as there are cores, and each part
 * is counted on its own read-only connection in a worker thread, side by side (SQLite's WAL lets
 * readers run beside each other and beside main's writes). Main's event loop stays free for the
 * agents' lookups meanwhile.
 *
 * The workers run only the statements they are sent (the store's own SQL, with its parameters);
 * they hold no rule. An in-memory store, a small one (the parts would cost more than they save)
 * or a worker that cannot start counts on main's connection instead — the same query, so the
 * same rows.
 */
import { availableParallelism } from 'node:os';
import type Database from 'better-sqlite3';
import {
  ALL_ENROLMENTS,
  callTable,
  columnsOf,
  concatColumns,
  DAY_REVENUE_FIELDS,
  experimentTable,
  FOLLOWED_CALL_FIELDS,
  PACKED_EXPERIMENT_FIELDS,
  pickExperimentRows,
  pickRevenueRows,
  practiceRiskRows,
  revenueTable,
  type DayRevenueRow,
  type EnrolmentPick,
  type FollowedCall,
  type PackedExperimentRow,
  type PracticeRiskRow,
  type RevenueRow,
  type RiskSetRow,
  type RowColumns,
} from '../../../core/insights';
import { EXPERIMENT_REVENUE, EXPERIMENT_RISK_SETS, experimentRiskSetQueries, type RevenueParams } from '../../store/experiment-risk-sets';
import { ALL_CUSTOMERS, FOLLOWED_CALLS, practiceQueries, type CustomerRange, type PracticePeriod } from '../../store/practices';
import { callFactQueries, FACTS_SELECT, SETTLE_BATCH, type CallFactQueries, type FactRow, type FactsBatch } from '../../store/call-facts';
import { PRAGMAS } from '../../store/db';
import { prepareStores } from '../../store/prepared';
import { StoreWorker } from '../../store/store-worker';

/** The counts come in columns (core/insights/columns.ts): that is how they cross from a worker fastest. */
export interface RiskSetSource {
  /** Every verified, wrapped-up call, followed to `today` (core/insights FollowedCall), in no particular order. */
  followedCalls(today: string): Promise<RowColumns<FollowedCall>>;
  /**
   * One experiment's risk sets on `today` by enrolling agent and enrolment day (core/insights
   * PackedExperimentRow); the same key may come once per part, a pick adds them up.
   */
  experimentCounts(experimentId: string, today: string): Promise<RowColumns<PackedExperimentRow>>;
  /** One experiment's net revenue sums per arm, enrolling agent and day (core/insights/revenue.ts), parts likewise. */
  experimentRevenueCounts(params: RevenueParams): Promise<RowColumns<DayRevenueRow>>;
}

/** The practices' risk sets of the customers whose first verified, wrapped-up call fell in the period. */
export async function practiceRows(source: RiskSetSource, period: PracticePeriod): Promise<PracticeRiskRow[]> {
  return practiceRiskRows(callTable(await source.followedCalls(period.today)), period);
}

/** One experiment's risk sets on `today`, of the enrolments the pick keeps. */
export async function experimentRows(source: RiskSetSource, experimentId: string, today: string, pick: EnrolmentPick = ALL_ENROLMENTS): Promise<RiskSetRow[]> {
  return pickExperimentRows(experimentTable(await source.experimentCounts(experimentId, today)), pick);
}

/** One experiment's net revenue sums per arm, of the enrolments the pick keeps. */
export async function experimentRevenue(source: RiskSetSource, params: RevenueParams, pick: EnrolmentPick = ALL_ENROLMENTS): Promise<RevenueRow[]> {
  return pickRevenueRows(revenueTable(await source.experimentRevenueCounts(params)), pick);
}

/** Counts on the connection it is given, on the calling thread. */
export class InThreadRiskSets implements RiskSetSource {
  private readonly store;

  constructor(client: Database.Database) {
    this.store = prepareStores(client, { practices: practiceQueries, experiments: experimentRiskSetQueries, facts: callFactQueries });
  }

  async followedCalls(today: string): Promise<RowColumns<FollowedCall>> {
    await this.store.facts.settleInSteps();
    return columnsOf(this.store.practices.followedCalls(today), FOLLOWED_CALL_FIELDS);
  }

  experimentCounts(experimentId: string, today: string): Promise<RowColumns<PackedExperimentRow>> {
    return Promise.resolve(columnsOf(this.store.experiments.counted(experimentId, today), PACKED_EXPERIMENT_FIELDS));
  }

  experimentRevenueCounts(params: RevenueParams): Promise<RowColumns<DayRevenueRow>> {
    return Promise.resolve(columnsOf(this.store.experiments.revenueCounted(params), DAY_REVENUE_FIELDS));
  }
}

// What each worker runs: the statement it is sent, on its read-only connection; the rows go back
// as one array per column (core/insights/columns.ts says why).
const COUNT = `
function handle(m) {
  const statement = prepared(m.sql);
  const names = statement.columns().map((c) => c.name);
  const rows = statement.raw(true).all(m.params);
  return { names, columns: names.map((_, j) => rows.map((r) => r[j])), size: rows.length };
}
`;

// What each facts reader runs: FACTS_SELECT for a batch of stale calls, its rows as arrays.
const READ_FACTS = `
function handle(m) {
  return prepared(m.sql).raw(true).all(m.params);
}
`;

/**
 * How many workers read stale calls' facts side by side. Building every call's facts (the first
 * load after the upgrade) is a dozen seeks per call into tables that no longer fit in memory on a
 * large store, so it mostly waits on the disk: more readers than cores keep more reads in flight.
 * Every call's facts with the page cache dropped, reads only: 100,000 customers, one reader 3.3 s,
 * two 2.1 s, four 1.4 s; 1,000,000 customers, four 10.2 s, eight 7.7 s, sixteen 7.6 s (the disk
 * then serves ~40,000 reads a second). They are stopped once the facts are built, and keep a
 * small page cache: each page they read is read once.
 */
const FACT_READERS = 8;

/** A worker's answer: the statement's column names and one array per column. */
interface CountedColumns {
  readonly names: readonly string[];
  readonly columns: ReadonlyArray<readonly unknown[]>;
  readonly size: number;
}

/** A worker's columns as the fields asked for; a field the statement did not give is an error, not a column of undefined. */
function fieldsOf<T>(answer: CountedColumns, fields: ReadonlyArray<keyof T>): RowColumns<T> {
  const of = {} as Record<keyof T, readonly unknown[]>;
  for (const f of fields) {
    const at = answer.names.indexOf(String(f));
    if (at < 0) throw new Error(`the count gave no column ${String(f)}`);
    of[f] = answer.columns[at]!;
  }
  return { size: answer.size, of: of as RowColumns<T>['of'] };
}

export interface ParallelOptions {
  /** better-sqlite3 built for Electron's ABI, as main's connection uses. */
  readonly nativeBinding?: string | undefined;
  /** How many parts (and workers); default: the machine's cores, at most 4. */
  readonly parts?: number;
  /** Below this many customers, one part on main's connection (default 50,000). */
  readonly minCustomers?: number;
  /** How many stale calls each facts reader reads at a time (default SETTLE_BATCH / 2); fewer than a batch per reader are built on main. */
  readonly factsBatch?: number;
}

/** Counts each part of the customers in its own worker and adds the parts up. */
export class ParallelRiskSets implements RiskSetSource {
  private readonly inThread: InThreadRiskSets;
  private readonly parts: number;
  private readonly minCustomers: number;
  private readonly customers: Database.Statement<[], number>;
  private readonly nthCustomer: Database.Statement<[number], string>;
  private cut: { size: number; ranges: CustomerRange[] } | null = null;
  private readonly workers: StoreWorker[] = [];
  private readonly factReaders: StoreWorker[] = [];
  private settling: Promise<void> | null = null;
  private readonly facts: CallFactQueries;
  private broken = false;

  constructor(
    private readonly client: Database.Database,
    private readonly options: ParallelOptions = {},
  ) {
    this.inThread = new InThreadRiskSets(client);
    this.facts = callFactQueries(client);
    this.parts = Math.max(1, Math.min(options.parts ?? availableParallelism(), 4));
    this.minCustomers = options.minCustomers ?? 50_000;
    this.customers = client.prepare<[], number>('SELECT count(*) FROM customers').pluck();
    this.nthCustomer = client.prepare<[number], string>('SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET ?').pluck();
  }

  async followedCalls(today: string): Promise<RowColumns<FollowedCall>> {
    await this.settleFacts();
    const calls = await this.count<FollowedCall>(FOLLOWED_CALLS, (r) => ({ today, ...r }), FOLLOWED_CALL_FIELDS);
    return calls ?? this.inThread.followedCalls(today);
  }

  // The parts' rows are only put side by side: a pick adds up equal keys whichever part they came from.
  async experimentCounts(experimentId: string, today: string): Promise<RowColumns<PackedExperimentRow>> {
    const rows = await this.count<PackedExperimentRow>(EXPERIMENT_RISK_SETS, (r) => ({ experimentId, today, ...r }), PACKED_EXPERIMENT_FIELDS);
    return rows ?? this.inThread.experimentCounts(experimentId, today);
  }

  async experimentRevenueCounts(params: RevenueParams): Promise<RowColumns<DayRevenueRow>> {
    const rows = await this.count<DayRevenueRow>(EXPERIMENT_REVENUE, (r) => ({ ...params, ...r }), DAY_REVENUE_FIELDS);
    return rows ?? this.inThread.experimentRevenueCounts(params);
  }

  /** Stops the workers (the next count starts them again). */
  async close(): Promise<void> {
    await Promise.all([...this.workers, ...this.factReaders].map((w) => w.close()));
  }

  /**
   * Brings every stale call's facts up to date before the calls are counted. Many stale calls (the
   * first load after the upgrade) are read by workers side by side, each taking the next batch as
   * it finishes one, and written on main's connection as each batch comes back. A batch during
   * which anything else was written to the store is not written (its rows may predate the write);
   * when a write also fails a batch taken after the last one did (the store is being written all
   * the time: the start's background build, say) the readers stop. Whatever is left then is built
   * on main, as the in-thread source does — as is everything for fewer stale calls than a batch
   * per reader, a small store or a worker that fails.
   */
  async settleFacts(): Promise<void> {
    // One build at a time: two would read the same batches and share (then stop) the same readers.
    while (this.settling) await this.settling.catch(() => undefined);
    const settling = this.settleStale();
    this.settling = settling;
    try {
      await settling;
    } finally {
      if (this.settling === settling) this.settling = null;
    }
  }

  private async settleStale(): Promise<void> {
    const size = this.options.factsBatch ?? SETTLE_BATCH / 2;
    // The calls stale now: those marked meanwhile are the next ask's (settleInSteps says why).
    const upTo = this.facts.lastStale();
    const first = this.broken || this.ranges().length === 1 ? null : this.facts.take(FACT_READERS * size, 0, upTo);
    if (first && first.ids.length === FACT_READERS * size) {
      while (this.factReaders.length < FACT_READERS) this.factReaders.push(this.worker(READ_FACTS, 'call facts reader', 'cache_size = -2048'));
      const inFlight = new Set<FactsBatch>();
      let after = 0;
      let writtenMeanwhile = 0;
      let failedSince = '';
      let failed = false;
      const read = async (reader: StoreWorker): Promise<void> => {
        while (!failed && writtenMeanwhile < 2) {
          const batch = this.facts.take(size, after, upTo);
          if (!batch) return;
          after = batch.seq;
          inFlight.add(batch);
          let rows: FactRow[];
          try {
            rows = await reader.request<FactRow[]>({ sql: FACTS_SELECT, params: { ids: JSON.stringify(batch.ids) } });
          } catch {
            failed = true;
            return;
          } finally {
            inFlight.delete(batch);
          }
          const seen = this.facts.commit(batch, rows);
          if (seen === null) {
            // One write fails every batch taken before it: count it once.
            if (batch.seen !== failedSince) writtenMeanwhile++;
            failedSince = batch.seen;
            continue;
          }
          writtenMeanwhile = 0;
          // This write was only facts, which no batch reads: the batches taken when this one was
          // are as good as before it.
          for (const other of inFlight) if (other.seen === batch.seen) other.seen = seen;
        }
      };
      await Promise.all(this.factReaders.map(read));
      await Promise.all(this.factReaders.splice(0).map((w) => w.close().catch(() => undefined)));
      if (failed) {
        this.broken = true;
        await this.close().catch(() => undefined);
      }
    }
    await this.facts.settleInSteps(SETTLE_BATCH, upTo);
  }

  private worker(handler: string, name: string, cache = `cache_size = ${PRAGMAS.cache_size}`): StoreWorker {
    return new StoreWorker({
      file: this.client.name,
      nativeBinding: this.options.nativeBinding,
      readonly: true,
      pragmas: [`busy_timeout = ${PRAGMAS.busy_timeout}`, cache],
      handler,
      name,
    });
  }

  /** The parts of the customers by id, equal in size; recut only when the number of customers changes. */
  ranges(): CustomerRange[] {
    const size = this.customers.get()!;
    if (this.broken || this.parts < 2 || size < this.minCustomers) return [ALL_CUSTOMERS];
    if (this.cut?.size !== size) {
      const cuts = Array.from({ length: this.parts - 1 }, (_, i) => this.nthCustomer.get(Math.floor((size * (i + 1)) / this.parts)));
      if (cuts.some((c) => c === undefined)) return [ALL_CUSTOMERS];
      const bounds = ['', ...(cuts as string[])];
      this.cut = { size, ranges: bounds.map((lo, i) => ({ lo, hi: cuts[i] ?? null })) };
    }
    return this.cut.ranges;
  }

  /**
   * One statement per part, each in its own worker, its columns put one part after another; null
   * when the count belongs on main (one part, or a worker failed).
   */
  private async count<T>(
    sql: string,
    paramsOf: (range: CustomerRange) => Record<string, unknown>,
    fields: ReadonlyArray<keyof T>,
  ): Promise<RowColumns<T> | null> {
    const ranges = this.ranges();
    if (ranges.length === 1) return null;
    while (this.workers.length < ranges.length) this.workers.push(this.worker(COUNT, 'insights worker'));
    let parts: CountedColumns[];
    try {
      parts = await Promise.all(ranges.map((r, i) => this.workers[i]!.request<CountedColumns>({ sql, params: paramsOf(r) })));
    } catch {
      // A worker that cannot open the store (a packaged app whose file it cannot reach) would
      // fail every time: count on main from now on.
      this.broken = true;
      await this.close().catch(() => undefined);
      return null;
    }
    return concatColumns(
      parts.map((p) => fieldsOf(p, fields)),
      fields,
    );
  }
}

/** Parts in workers for a store on disk, main's connection for one in memory. */
export function riskSetSource(client: Database.Database, options: ParallelOptions = {}): RiskSetSource {
  return client.memory || client.name === ':memory:' ? new InThreadRiskSets(client) : new ParallelRiskSets(client, options);
}
