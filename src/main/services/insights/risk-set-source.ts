/**
 * Where the insights' risk sets are counted. Counting is the heavy part of the insights screen
 * (per call: its practices, escalation, verification, bills and cancellation — a handful of index
 * seeks each, hundreds of thousands of calls on a large desk) and it is one SQLite query, so one
 * core. Risk sets of disjoint parts of the customers add up (core/insights mergeRiskRows), so on
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
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { mergeRiskRows, type PracticeRiskRow, type RiskSetRow } from '../../../core/insights';
import { EXPERIMENT_RISK_SETS, EXPERIMENT_ROW_KEYS, experimentRiskSetQueries } from '../../store/experiment-risk-sets';
import { ALL_CUSTOMERS, PRACTICE_RISK_SETS, PRACTICE_ROW_KEYS, practiceQueries, type CustomerRange, type PracticePeriod } from '../../store/practices';
import { PRAGMAS } from '../../store/db';

export interface RiskSetSource {
  /** The practices' risk sets of the customers whose first verified, wrapped-up call fell in the period. */
  practiceRows(period: PracticePeriod): Promise<PracticeRiskRow[]>;
  /** One experiment's risk sets on `today`. */
  experimentRows(experimentId: string, today: string): Promise<RiskSetRow[]>;
}

/** Counts on the connection it is given, on the calling thread. */
export class InThreadRiskSets implements RiskSetSource {
  private readonly practices: ReturnType<typeof practiceQueries>;
  private readonly experiments: ReturnType<typeof experimentRiskSetQueries>;

  constructor(client: Database.Database) {
    this.practices = practiceQueries(client);
    this.experiments = experimentRiskSetQueries(client);
  }

  practiceRows(period: PracticePeriod): Promise<PracticeRiskRow[]> {
    return Promise.resolve(this.practices.riskSets(period));
  }

  experimentRows(experimentId: string, today: string): Promise<RiskSetRow[]> {
    return Promise.resolve(this.experiments.riskSets(experimentId, today));
  }
}

// The worker: a read-only connection with the store's page cache, running what it is sent.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
db.pragma('busy_timeout = ' + workerData.busyTimeout);
db.pragma('cache_size = ' + workerData.cacheSize);
const statements = new Map();
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    let st = statements.get(m.sql);
    if (!st) statements.set(m.sql, (st = db.prepare(m.sql)));
    parentPort.postMessage({ id: m.id, rows: st.all(m.params) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
});
`;

export interface ParallelOptions {
  /** better-sqlite3 built for Electron's ABI, as main's connection uses. */
  readonly nativeBinding?: string | undefined;
  /** How many parts (and workers); default: the machine's cores, at most 4. */
  readonly parts?: number;
  /** Below this many customers, one part on main's connection (default 50,000). */
  readonly minCustomers?: number;
}

type Job = { worker: Worker; ok: (rows: unknown[]) => void; fail: (err: Error) => void };

/** Counts each part of the customers in its own worker and adds the parts up. */
export class ParallelRiskSets implements RiskSetSource {
  private readonly inThread: InThreadRiskSets;
  private readonly parts: number;
  private readonly minCustomers: number;
  private readonly customers: Database.Statement<[], number>;
  private readonly nthCustomer: Database.Statement<[number], string>;
  private cut: { size: number; ranges: CustomerRange[] } | null = null;
  private workers: Worker[] = [];
  private broken = false;
  private next = 1;
  private readonly waiting = new Map<number, Job>();

  constructor(
    private readonly client: Database.Database,
    private readonly options: ParallelOptions = {},
  ) {
    this.inThread = new InThreadRiskSets(client);
    this.parts = Math.max(1, Math.min(options.parts ?? availableParallelism(), 4));
    this.minCustomers = options.minCustomers ?? 50_000;
    // Rows are never deleted from customers: the largest rowid is the count, read in one seek.
    this.customers = client.prepare<[], number>('SELECT coalesce(max(rowid), 0) FROM customers').pluck();
    this.nthCustomer = client.prepare<[number], string>('SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET ?').pluck();
  }

  async practiceRows(period: PracticePeriod): Promise<PracticeRiskRow[]> {
    const ranges = this.ranges();
    if (ranges.length === 1) return this.inThread.practiceRows(period);
    const parts = await this.each<PracticeRiskRow>(
      PRACTICE_RISK_SETS,
      ranges.map((r) => ({ from: period.from, to: period.to, today: period.today, ...r })),
      () => this.inThread.practiceRows(period),
    );
    return parts.length === 1 ? parts[0]! : mergeRiskRows(parts, PRACTICE_ROW_KEYS);
  }

  async experimentRows(experimentId: string, today: string): Promise<RiskSetRow[]> {
    const ranges = this.ranges();
    if (ranges.length === 1) return this.inThread.experimentRows(experimentId, today);
    const parts = await this.each<RiskSetRow>(
      EXPERIMENT_RISK_SETS,
      ranges.map((r) => ({ experimentId, today, ...r })),
      () => this.inThread.experimentRows(experimentId, today),
    );
    return parts.length === 1 ? parts[0]! : mergeRiskRows(parts, EXPERIMENT_ROW_KEYS);
  }

  /** Stops the workers (the next count starts them again). */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(
      workers.map((w) => {
        const exited = new Promise((r) => w.once('exit', r));
        w.postMessage({ close: true });
        return exited;
      }),
    );
  }

  /** The parts of the customers by id, equal in size; recut only when customers are added. */
  ranges(): CustomerRange[] {
    const size = this.customers.get()!;
    if (this.broken || this.parts < 2 || size < this.minCustomers) return [ALL_CUSTOMERS];
    if (this.cut?.size !== size) {
      const cuts = Array.from({ length: this.parts - 1 }, (_, i) => this.nthCustomer.get(Math.floor((size * (i + 1)) / this.parts))!);
      const bounds = ['', ...cuts];
      this.cut = { size, ranges: bounds.map((lo, i) => ({ lo, hi: cuts[i] ?? null })) };
    }
    return this.cut.ranges;
  }

  /** One statement per part, each in its own worker; on a worker failure, the whole count on main. */
  private async each<T>(sql: string, params: ReadonlyArray<Record<string, unknown>>, fallback: () => Promise<T[]>): Promise<T[][]> {
    try {
      const workers = this.start(params.length);
      return await Promise.all(params.map((p, i) => this.run<T>(workers[i]!, sql, p)));
    } catch {
      // A worker that cannot open the store (a packaged app whose file it cannot reach) would
      // fail every time: count on main from now on.
      this.broken = true;
      await this.close().catch(() => undefined);
      return [await fallback()];
    }
  }

  private run<T>(worker: Worker, sql: string, params: Record<string, unknown>): Promise<T[]> {
    const id = this.next++;
    // Referenced while it counts (a script awaiting the rows must not end first), not while idle.
    worker.ref();
    const idle = () => {
      if (![...this.waiting.values()].some((job) => job.worker === worker)) worker.unref();
    };
    return new Promise<T[]>((ok, fail) => {
      this.waiting.set(id, { worker, ok: ok as (rows: unknown[]) => void, fail });
      worker.postMessage({ id, sql, params });
    }).finally(idle);
  }

  private start(n: number): Worker[] {
    if (this.workers.length >= n) return this.workers;
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    const workerData = {
      file: this.client.name,
      module,
      nativeBinding: this.options.nativeBinding ?? null,
      busyTimeout: PRAGMAS.busy_timeout,
      cacheSize: PRAGMAS.cache_size,
    };
    while (this.workers.length < n) {
      const worker = new Worker(WORKER, { eval: true, workerData });
      // Idle workers do not keep the process alive (a benchmark or a script ends when it is done).
      worker.unref();
      worker.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
        const job = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error !== undefined) job?.fail(new Error(`insights worker: ${m.error}`));
        else job?.ok(m.rows ?? []);
      });
      const failAll = (err: Error) => {
        for (const job of this.waiting.values()) job.fail(err);
        this.waiting.clear();
        this.workers = this.workers.filter((w) => w !== worker);
      };
      worker.on('error', failAll);
      worker.on('exit', () => failAll(new Error('insights worker stopped')));
      this.workers.push(worker);
    }
    return this.workers;
  }
}

/** Parts in workers for a store on disk, main's connection for one in memory. */
export function riskSetSource(client: Database.Database, options: ParallelOptions = {}): RiskSetSource {
  return client.memory || client.name === ':memory:' ? new InThreadRiskSets(client) : new ParallelRiskSets(client, options);
}
