/**
 * An experiment's rows as the desk's store counts them (main/store/experiment-risk-sets.ts): by
 * enrolling agent and enrolment day as well as by the risk set's own keys, the keys packed into
 * one integer. Every filter the screen has for an experiment — the agent whose call enrolled the
 * customer, the enrolment period, the desk — is then a pick over rows counted once, summed back to
 * exactly the rows a count restricted in SQL would give, in the same order. So moving a filter
 * asks the store nothing; only new data does.
 */
import { dayNumber, NO_DAY } from '../calendar';
import { ARMS, type Arm } from '../experiments';
import { StatsInputError } from '../stats';
import type { RiskSetRow } from './experiment-figures';
import type { RevenueRow } from './revenue';
import { asColumns, type RowColumns } from './columns';

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

/** PackedExperimentRow's fields, as the store's query names them. */
export const PACKED_EXPERIMENT_FIELDS = ['agentId', 'day', 'k', 'n'] as const satisfies ReadonlyArray<keyof PackedExperimentRow>;

/** One arm's revenue sums of the customers one agent enrolled on one day. */
export type DayRevenueRow = RevenueRow & { agentId: string | null; day: string };

/** DayRevenueRow's fields, as the store's query names them. */
export const DAY_REVENUE_FIELDS = ['arm', 'agentId', 'day', 'n', 'paid', 'cost', 'net', 'netSquares'] as const satisfies ReadonlyArray<keyof DayRevenueRow>;

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

/** The agents of some rows, each once, and each row's agent as an index into them. */
function agentColumn(ids: ReadonlyArray<string | null>): { agents: Array<string | null>; agent: Int32Array } {
  const agents: Array<string | null> = [];
  const indexOf = new Map<string | null, number>();
  const agent = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let a = indexOf.get(id);
    if (a === undefined) indexOf.set(id, (a = agents.push(id) - 1));
    agent[i] = a;
  }
  return { agents, agent };
}

/** Each row's day as a day number; one that is not a calendar day (a row edited behind the app's back) is NO_DAY and matches no period. */
function dayColumn(texts: readonly string[]): Int32Array {
  const days = new Int32Array(texts.length);
  const none = NO_DAY; // a local, as in practice-rows.ts callTable
  for (let i = 0; i < texts.length; i++) {
    const day = dayNumber(texts[i]!);
    days[i] = Number.isNaN(day) ? none : day;
  }
  return days;
}

export function experimentTable(rows: readonly PackedExperimentRow[] | RowColumns<PackedExperimentRow>): ExperimentTable {
  const { size, of } = asColumns(rows, PACKED_EXPERIMENT_FIELDS);
  const keys = Float64Array.from(new Set(of.k)).sort();
  const rankOf = new Map<number, number>();
  keys.forEach((k, i) => rankOf.set(k, i));
  const rank = new Int32Array(size);
  for (let i = 0; i < size; i++) rank[i] = rankOf.get(of.k[i]!)!;
  return { keys, ...agentColumn(of.agentId), size, rank, day: dayColumn(of.day), n: Float64Array.from(of.n) };
}

/** The day number of a pick's bound; a bound that is not a calendar day is refused, not read as no bound. */
function boundOf(day: string | null, open: number): number {
  if (day === null) return open;
  const n = dayNumber(day);
  if (Number.isNaN(n)) throw new StatsInputError('BAD_ARGUMENT', `an enrolment period's bound is a calendar day, got ${day}`);
  return n;
}

/** A pick as day numbers and an agent index (-1: any); null when it keeps nothing of the table. */
function pickBounds(table: { readonly agents: ReadonlyArray<string | null> }, pick: EnrolmentPick): { from: number; to: number; only: number } | null {
  if (pick.anyDesk === 0) return null;
  // A row whose day is not a calendar day (NO_DAY) is counted only when no period is picked.
  const from = boundOf(pick.from, pick.to === null ? NO_DAY : NO_DAY + 1);
  const to = boundOf(pick.to, 2147483647);
  const only = pick.agentId === null ? -1 : table.agents.indexOf(pick.agentId);
  if (pick.agentId !== null && only < 0) return null;
  return { from, to, only };
}

/** The risk-set rows of the enrolments the pick keeps, one per key, in key order. */
export function pickExperimentRows(table: ExperimentTable, pick: EnrolmentPick): RiskSetRow[] {
  const bounds = pickBounds(table, pick);
  if (bounds === null) return [];
  const { from, to, only } = bounds;
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

/**
 * An experiment's revenue sums by arm, enrolling agent and day in columns, kept like its
 * ExperimentTable. Σ net² is kept as a number where it is a safe integer: a pick adds numbers and
 * goes to bigint only when a row's or the picked total's square sum could pass 2^53.
 */
export interface RevenueTable {
  readonly agents: ReadonlyArray<string | null>;
  readonly size: number;
  /** Index into ARM_CODES; -1 for an arm the experiments do not have. */
  readonly arm: Int32Array;
  readonly agent: Int32Array;
  readonly day: Int32Array;
  readonly n: Float64Array;
  readonly paid: Float64Array;
  readonly cost: Float64Array;
  readonly net: Float64Array;
  /** Σ net² of the row; NaN where it is not a safe integer. */
  readonly squares: Float64Array;
  /** Σ net² of the row as the store gave it (a decimal integer). */
  readonly squareTexts: readonly string[];
}

export function revenueTable(rows: readonly DayRevenueRow[] | RowColumns<DayRevenueRow>): RevenueTable {
  const { size, of } = asColumns(rows, DAY_REVENUE_FIELDS);
  const arm = new Int32Array(size);
  const squares = new Float64Array(size);
  const squareTexts = new Array<string>(size);
  for (let i = 0; i < size; i++) {
    const text = String(of.netSquares[i]);
    if (!/^\d+$/.test(text)) throw new StatsInputError('BAD_ARGUMENT', `revenue: Σ net² must be a non-negative integer, got ${text}`);
    const square = Number(text);
    arm[i] = ARM_CODES.indexOf(of.arm[i]!);
    squares[i] = Number.isSafeInteger(square) ? square : Number.NaN;
    squareTexts[i] = text;
  }
  const numbers = (column: readonly number[]) => Float64Array.from(column);
  return {
    ...agentColumn(of.agentId),
    size,
    arm,
    day: dayColumn(of.day),
    n: numbers(of.n),
    paid: numbers(of.paid),
    cost: numbers(of.cost),
    net: numbers(of.net),
    squares,
    squareTexts,
  };
}

/** The revenue sums per arm of the enrolments the pick keeps, in the stores' order (by arm name). */
export function pickRevenueRows(table: RevenueTable, pick: EnrolmentPick): RevenueRow[] {
  const bounds = pickBounds(table, pick);
  if (bounds === null) return [];
  const { from, to, only } = bounds;
  const keeps = (i: number) => {
    const d = table.day[i]!;
    return table.arm[i]! >= 0 && d >= from && d <= to && (only < 0 || table.agent[i] === only);
  };
  const arms = ARM_CODES.length;
  const perArm = () => new Float64Array(arms);
  const [n, paid, cost, net, squares] = [perArm(), perArm(), perArm(), perArm(), perArm()];
  for (let i = 0; i < table.size; i++) {
    if (!keeps(i)) continue;
    const a = table.arm[i]!;
    n[a]! += table.n[i]!;
    paid[a]! += table.paid[i]!;
    cost[a]! += table.cost[i]!;
    net[a]! += table.net[i]!;
    squares[a]! += table.squares[i]!;
  }
  const out: RevenueRow[] = [];
  for (let a = 0; a < arms; a++) {
    if (!(n[a]! > 0)) continue;
    let netSquares = String(squares[a]!);
    if (!(squares[a]! <= Number.MAX_SAFE_INTEGER)) {
      // A row too large for a number, or a sum that may have rounded: add this arm's squares exactly.
      let exact = 0n;
      for (let i = 0; i < table.size; i++) if (table.arm[i] === a && keeps(i)) exact += BigInt(table.squareTexts[i]!);
      netSquares = exact.toString();
    }
    out.push({ arm: ARM_CODES[a]!, n: n[a]!, paid: paid[a]!, cost: cost[a]!, net: net[a]!, netSquares });
  }
  return out;
}

/** The revenue sums per arm of the enrolments the pick keeps (pickRevenueRows over rows not kept in a table). */
export function revenueRowsOf(rows: readonly DayRevenueRow[], pick: EnrolmentPick): RevenueRow[] {
  return pickRevenueRows(revenueTable(rows), pick);
}
