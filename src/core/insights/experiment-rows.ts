/**
 * An experiment's rows as the desk's store counts them (main/store/experiment-risk-sets.ts): by
 * enrolling agent and enrolment day as well as by the risk set's own keys, the keys packed into
 * one integer. Every filter the screen has for an experiment — the agent whose call enrolled the
 * customer, the enrolment period, the desk — is then a pick over rows counted once, summed back to
 * exactly the rows a count restricted in SQL would give, in the same order. So moving a filter
 * asks the store nothing; only new data does.
 */
import { dayNumber } from '../calendar';
import { ARMS, type Arm } from '../experiments';
import { StatsInputError } from '../stats';
import type { RiskSetRow } from './experiment-figures';
import type { RevenueRow } from './revenue';

/** The columns an experiment's risk-set row is grouped by, in GROUP BY order (the hub's SQL groups by them too). */
export const EXPERIMENT_ROW_KEYS = ['arm', 'highRisk', 'newCustomer', 'billShock', 'notGood', 'offered', 'reach', 'time', 'status'] as const;

/**
 * A risk-set row counted by agent and day. `k` packs the row's keys, most significant first:
 * arm (ARMS sorted: holdout 0, offer 1), churn risk high, new customer, bill shock, standing not
 * good, offered, reach (0, 30, 90, 180 as 0–3), days followed (16 bits), cancelled. So keys in
 * numeric order are rows in the order of EXPERIMENT_ROW_KEYS.
 */
export interface PackedExperimentRow {
  agentId: string | null;
  /** Enrolment day, 'YYYY-MM-DD'. */
  day: string;
  k: number;
  n: number;
}

/** One arm's revenue sums of the customers one agent enrolled on one day. */
export type DayRevenueRow = RevenueRow & { agentId: string | null; day: string };

/** Which enrolments a figure counts (null: not restricted). */
export interface EnrolmentPick {
  /** Enrolment days, inclusive. */
  readonly from: string | null;
  readonly to: string | null;
  /** The agent whose call enrolled the customer. */
  readonly agentId: string | null;
  /** 1: every enrolment of this store; 0: none (a desk filter this store holds nothing of). */
  readonly anyDesk: 0 | 1;
}

export const ALL_ENROLMENTS: EnrolmentPick = { from: null, to: null, agentId: null, anyDesk: 1 };

const REACH = [0, 30, 90, 180] as const;
/** Days followed fit in 16 bits (179 years). */
const TIME_SPAN = 65_536;
/** The arms in the store's (text) order, which is the order of their codes. */
export const ARM_CODES: readonly Arm[] = [...ARMS].sort();

function picked(row: { agentId: string | null; day: string }, pick: EnrolmentPick): boolean {
  return (pick.agentId === null || row.agentId === pick.agentId) && (pick.from === null || row.day >= pick.from) && (pick.to === null || row.day <= pick.to);
}

/** The row a packed key stands for. */
export function unpackExperimentKey(k: number, n: number): RiskSetRow {
  const status = (k % 2) as 0 | 1;
  let rest = (k - status) / 2;
  const time = rest % TIME_SPAN;
  rest = (rest - time) / TIME_SPAN;
  const bits = rest;
  return {
    arm: ARM_CODES[(bits >> 7) & 1]!,
    highRisk: (bits >> 6) & 1,
    newCustomer: (bits >> 5) & 1,
    billShock: (bits >> 4) & 1,
    notGood: (bits >> 3) & 1,
    offered: (bits >> 2) & 1,
    reach: REACH[bits & 3]!,
    time,
    status,
    n,
  };
}

/**
 * An experiment's packed rows in columns, kept for as long as their data version holds: each
 * row's key as its rank among the distinct keys (sorted), its agent as an index, its day as a
 * day number. A pick is then one pass adding counts into an array by rank — no hashing, no sort —
 * and the ranks in order are the keys in order.
 */
export interface ExperimentTable {
  /** The distinct keys, ascending. */
  readonly keys: Float64Array;
  readonly agents: ReadonlyArray<string | null>;
  readonly size: number;
  readonly rank: Int32Array;
  readonly agent: Int32Array;
  readonly day: Int32Array;
  readonly n: Float64Array;
}

/** A row's day that is not a calendar day, and a pick with no start: before every day. */
const NO_DAY = -2147483648;

export function experimentTable(rows: readonly PackedExperimentRow[]): ExperimentTable {
  const keys = Float64Array.from(new Set(rows.map((r) => r.k))).sort();
  const rankOf = new Map<number, number>();
  keys.forEach((k, i) => rankOf.set(k, i));
  const agents = [...new Set(rows.map((r) => r.agentId))];
  const agentOf = new Map(agents.map((a, i) => [a, i]));
  const size = rows.length;
  const table = { keys, agents, size, rank: new Int32Array(size), agent: new Int32Array(size), day: new Int32Array(size), n: new Float64Array(size) };
  for (let i = 0; i < size; i++) {
    const r = rows[i]!;
    const day = dayNumber(r.day);
    // The store's days are calendar days; one that is not (a row edited behind the app's back) matches no period.
    table.day[i] = Number.isNaN(day) ? NO_DAY : day;
    table.rank[i] = rankOf.get(r.k)!;
    table.agent[i] = agentOf.get(r.agentId)!;
    table.n[i] = r.n;
  }
  return table;
}

/** The day number of a pick's bound; a bound that is not a calendar day is refused, not read as no bound. */
function boundOf(day: string | null, open: number): number {
  if (day === null) return open;
  const n = dayNumber(day);
  if (Number.isNaN(n)) throw new StatsInputError('BAD_ARGUMENT', `an enrolment period's bound is a calendar day, got ${day}`);
  return n;
}

/** The risk-set rows of the enrolments the pick keeps, one per key, in key order. */
export function pickExperimentRows(table: ExperimentTable, pick: EnrolmentPick): RiskSetRow[] {
  if (pick.anyDesk === 0) return [];
  const from = boundOf(pick.from, NO_DAY);
  const to = boundOf(pick.to, 2147483647);
  const only = pick.agentId === null ? -1 : table.agents.indexOf(pick.agentId);
  if (pick.agentId !== null && only < 0) return [];
  const sums = new Float64Array(table.keys.length);
  const { rank, agent, day, n, size } = table;
  for (let i = 0; i < size; i++) {
    const d = day[i]!;
    if (d < from || d > to || (only >= 0 && agent[i] !== only)) continue;
    sums[rank[i]!]! += n[i]!;
  }
  const out: RiskSetRow[] = [];
  for (let r = 0; r < sums.length; r++) if (sums[r]! > 0) out.push(unpackExperimentKey(table.keys[r]!, sums[r]!));
  return out;
}

/** The risk-set rows of the enrolments the pick keeps, one per key, in key order (pickExperimentRows over rows not kept in a table). */
export function experimentRowsOf(rows: readonly PackedExperimentRow[], pick: EnrolmentPick): RiskSetRow[] {
  return pickExperimentRows(experimentTable(rows), pick);
}

/** The revenue sums per arm of the enrolments the pick keeps, in the stores' order (by arm name). */
export function revenueRowsOf(rows: readonly DayRevenueRow[], pick: EnrolmentPick): RevenueRow[] {
  if (pick.anyDesk === 0) return [];
  const out: RevenueRow[] = [];
  for (const arm of ARM_CODES) {
    let n = 0;
    let paid = 0;
    let cost = 0;
    let net = 0;
    let squares = 0n;
    for (const r of rows) {
      if (r.arm !== arm || !picked(r, pick)) continue;
      n += r.n;
      paid += r.paid;
      cost += r.cost;
      net += r.net;
      squares += BigInt(r.netSquares);
    }
    if (n > 0) out.push({ arm, n, paid, cost, net, netSquares: squares.toString() });
  }
  return out;
}
