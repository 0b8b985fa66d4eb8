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
import type Database from 'better-sqlite3';
import {
  mergeRevenueRows,
  mergeRiskRows,
  unpackPracticeRow,
  type PackedPracticeRow,
  type PracticeRiskRow,
  type RevenueRow,
  type RiskSetRow,
} from '../../../core/insights';
import {
  AGENT_EXPERIMENT_ROW_KEYS,
  ALL_ENROLMENTS,
  enrolmentParams,
  EXPERIMENT_REVENUE,
  EXPERIMENT_RISK_SETS,
  experimentRiskSetQueries,
  revenueRowsOf,
  riskRowsOf,
  type AgentRevenueRow,
  type AgentRiskSetRow,
  type EnrolmentFilter,
  type RevenueParams,
} from '../../store/experiment-risk-sets';
import { ALL_CUSTOMERS, PACKED_PRACTICE_ROW_KEYS, PRACTICE_RISK_SETS, practiceQueries, type CustomerRange, type PracticePeriod } from '../../store/practices';
import { callFactQueries, type CallFactQueries } from '../../store/call-facts';
import { PRAGMAS } from '../../store/db';
import { prepareStores } from '../../store/prepared';
import { StoreWorker } from '../../store/store-worker';

export interface RiskSetSource {
  /** The practices' risk sets of the customers whose first verified, wrapped-up call fell in the period. */
  practiceRows(period: PracticePeriod): Promise<PracticeRiskRow[]>;
  /** One experiment's risk sets on `today` by enrolling agent, of the enrolments the filter's period and desk keep. */
  experimentRowsByAgent(experimentId: string, today: string, filter?: EnrolmentFilter): Promise<AgentRiskSetRow[]>;
  /** One experiment's net revenue sums per arm and enrolling agent (core/insights/revenue.ts), of the same enrolments. */
  experimentRevenueByAgent(params: RevenueParams, filter?: EnrolmentFilter): Promise<AgentRevenueRow[]>;
}

/** One experiment's risk sets on `today`, of the enrolments the filter keeps (its agent picked from the rows by agent). */
export async function experimentRows(
  source: RiskSetSource,
  experimentId: string,
  today: string,
  filter: EnrolmentFilter = ALL_ENROLMENTS,
): Promise<RiskSetRow[]> {
  return riskRowsOf(await source.experimentRowsByAgent(experimentId, today, filter), filter.agentId);
}

/** One experiment's net revenue sums per arm, of the enrolments the filter keeps. */
export async function experimentRevenue(source: RiskSetSource, params: RevenueParams, filter: EnrolmentFilter = ALL_ENROLMENTS): Promise<RevenueRow[]> {
  return revenueRowsOf(await source.experimentRevenueByAgent(params, filter), filter.agentId);
}

/** Counts on the connection it is given, on the calling thread. */
export class InThreadRiskSets implements RiskSetSource {
  private readonly store;

  constructor(client: Database.Database) {
    this.store = prepareStores(client, { practices: practiceQueries, experiments: experimentRiskSetQueries, facts: callFactQueries });
  }

  async practiceRows(period: PracticePeriod): Promise<PracticeRiskRow[]> {
    await this.store.facts.settleInSteps();
    return this.store.practices.riskSets(period);
  }

  experimentRowsByAgent(experimentId: string, today: string, filter: EnrolmentFilter = ALL_ENROLMENTS): Promise<AgentRiskSetRow[]> {
    return Promise.resolve(this.store.experiments.riskSetsByAgent(experimentId, today, undefined, filter));
  }

  experimentRevenueByAgent(params: RevenueParams, filter: EnrolmentFilter = ALL_ENROLMENTS): Promise<AgentRevenueRow[]> {
    return Promise.resolve(this.store.experiments.revenueByAgent(params, undefined, filter));
  }
}

/** Revenue sums of the parts added up per (arm, agent), in the query's order (agent: no one first, then by id). */
function mergeRevenueByAgent(parts: ReadonlyArray<readonly AgentRevenueRow[]>): AgentRevenueRow[] {
  const groups = new Map<string, AgentRevenueRow[]>();
  for (const r of parts.flat()) {
    const k = JSON.stringify([r.arm, r.agentId]);
    const held = groups.get(k);
    if (held) held.push(r);
    else groups.set(k, [r]);
  }
  const agentOrder = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  return [...groups.values()]
    .map((rows) => ({ ...mergeRevenueRows([rows])[0]!, agentId: rows[0]!.agentId }))
    .sort((a, b) => (a.arm === b.arm ? agentOrder(a.agentId, b.agentId) : a.arm < b.arm ? -1 : 1));
}

// What each worker runs: the statement it is sent, on its read-only connection.
const COUNT = `
function handle(m) {
  return prepared(m.sql).all(m.params);
}
`;

export interface ParallelOptions {
  /** better-sqlite3 built for Electron's ABI, as main's connection uses. */
  readonly nativeBinding?: string | undefined;
  /** How many parts (and workers); default: the machine's cores, at most 4. */
  readonly parts?: number;
  /** Below this many customers, one part on main's connection (default 50,000). */
  readonly minCustomers?: number;
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

  async practiceRows(period: PracticePeriod): Promise<PracticeRiskRow[]> {
    const { from, to, today } = period;
    // The calls' facts are written on main's connection; the workers only read them.
    await this.facts.settleInSteps();
    const packed = await this.count<PackedPracticeRow>(
      PRACTICE_RISK_SETS,
      (r) => ({ from, to, today, ...r }),
      (parts) => mergeRiskRows(parts, PACKED_PRACTICE_ROW_KEYS),
    );
    return packed ? packed.map(unpackPracticeRow) : this.inThread.practiceRows(period);
  }

  async experimentRowsByAgent(experimentId: string, today: string, filter: EnrolmentFilter = ALL_ENROLMENTS): Promise<AgentRiskSetRow[]> {
    // The filter travels as the statement's parameters: each worker restricts its part in SQL.
    const rows = await this.count<AgentRiskSetRow>(
      EXPERIMENT_RISK_SETS,
      (r) => ({ experimentId, today, ...r, ...enrolmentParams(filter) }),
      (parts) => mergeRiskRows(parts, AGENT_EXPERIMENT_ROW_KEYS),
    );
    return rows ?? this.inThread.experimentRowsByAgent(experimentId, today, filter);
  }

  async experimentRevenueByAgent(params: RevenueParams, filter: EnrolmentFilter = ALL_ENROLMENTS): Promise<AgentRevenueRow[]> {
    const rows = await this.count<AgentRevenueRow>(EXPERIMENT_REVENUE, (r) => ({ ...params, ...r, ...enrolmentParams(filter) }), mergeRevenueByAgent);
    return rows ?? this.inThread.experimentRevenueByAgent(params, filter);
  }

  /** Stops the workers (the next count starts them again). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
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
   * One statement per part, each in its own worker, merged; null when the count belongs on main
   * (one part, or a worker failed).
   */
  private async count<T>(sql: string, paramsOf: (range: CustomerRange) => Record<string, unknown>, merge: (parts: T[][]) => T[]): Promise<T[] | null> {
    const ranges = this.ranges();
    if (ranges.length === 1) return null;
    while (this.workers.length < ranges.length)
      this.workers.push(
        new StoreWorker({
          file: this.client.name,
          nativeBinding: this.options.nativeBinding,
          readonly: true,
          pragmas: [`busy_timeout = ${PRAGMAS.busy_timeout}`, `cache_size = ${PRAGMAS.cache_size}`],
          handler: COUNT,
          name: 'insights worker',
        }),
      );
    let parts: T[][];
    try {
      parts = await Promise.all(ranges.map((r, i) => this.workers[i]!.request<T[]>({ sql, params: paramsOf(r) })));
    } catch {
      // A worker that cannot open the store (a packaged app whose file it cannot reach) would
      // fail every time: count on main from now on.
      this.broken = true;
      await this.close().catch(() => undefined);
      return null;
    }
    return merge(parts);
  }
}

/** Parts in workers for a store on disk, main's connection for one in memory. */
export function riskSetSource(client: Database.Database, options: ParallelOptions = {}): RiskSetSource {
  return client.memory || client.name === ':memory:' ? new InThreadRiskSets(client) : new ParallelRiskSets(client, options);
}
