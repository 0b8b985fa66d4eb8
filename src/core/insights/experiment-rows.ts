/**
 * An experiment's rows as the desk's store counts them (main/store/experiment-risk-sets.ts): by
 * enrolling agent and enrolment day as well as by the risk set's own keys, the keys packed into
 * one integer. Every filter the screen has for an experiment — the agent whose call enrolled the
 * customer, the enrolment period, the desk — is then a pick over rows counted once, summed back to
 * exactly the rows a count restricted in SQL would give, in the same order. So moving a filter
 * asks the store nothing; only new data does.
 */
import { ARMS, type Arm } from '../experiments';
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

/** The risk-set rows of the enrolments the pick keeps, one per key, in key order. */
export function experimentRowsOf(rows: readonly PackedExperimentRow[], pick: EnrolmentPick): RiskSetRow[] {
  if (pick.anyDesk === 0) return [];
  const sums = new Map<number, number>();
  for (const r of rows) if (picked(r, pick)) sums.set(r.k, (sums.get(r.k) ?? 0) + r.n);
  return [...sums.keys()].sort((a, b) => a - b).map((k) => unpackExperimentKey(k, sums.get(k)!));
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
