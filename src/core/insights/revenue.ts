/**
 * Net paid revenue per 100 eligible customers, per arm, offer cost included: does the offer pay
 * for itself? Definition (the stores' SQL counts exactly this: main/store/experiment-revenue.ts
 * and hub/services/insights.ts):
 *
 * - Customers: every customer enrolled in the experiment at least H days ago, H the design's
 *   horizonDays (the retention horizons' rule: only customers followed that long), in the arm
 *   assigned, whether or not the offer was then made (intention to treat).
 * - Window: the H days from enrolment, [assigned_on, assigned_on + H days).
 * - Paid: the customer's payments received in the window, as the ledger counts money in
 *   (core/receivables PAYMENT_NET_SQL: received counts, a returned payment keeps what was not
 *   returned, a refund counts against, a failed one for nothing), in the policy's currency.
 * - Offer cost: the ledger entries of the experiment's reason (retention_offer or goodwill)
 *   effective in the window — a credit, a waiver, a recurring discount's whole amount over its
 *   cycles — minus their reversals in the window. An entry of another reason, or granted before
 *   enrolment (and its reversal), is not counted.
 * - Net = paid − offer cost, per customer; it may be negative (refunds beyond payments).
 * - Net per 100 customers = Σ net × 100 / customers, rounded once to the minor unit, halves away
 *   from zero (core/money's one rounding rule).
 * - Difference offer − holdout per 100, with Welch's 95 % interval (stats/welch.ts) from each
 *   arm's exact Σ net and Σ net² (so the heavy part stays in the store); "not distinguishable"
 *   when the interval spans 0. Nothing but the customer counts below the minimum per arm.
 */
import type { ArmRevenue, IntervalEstimate, RevenueFigures } from '../api';
import type { Arm, Experiment } from '../experiments';
import { formatAmount, formatNumber, t, type Locale } from '../i18n';
import { assertMinor, mulDiv } from '../money';
import { reasonLabel } from '../policy';
import { StatsInputError, welchFromSums } from '../stats';

/** What a store adds up for one arm (customers enrolled at least the horizon ago). Money in minor units. */
export interface RevenueRow {
  arm: Arm;
  /** Customers. */
  n: number;
  /** Σ paid. */
  paid: number;
  /** Σ offer cost. */
  cost: number;
  /** Σ (paid − cost). */
  net: number;
  /** Σ (paid − cost)², exact, as a decimal string (it can pass 2^53). */
  netSquares: string;
}

const ARMS: readonly Arm[] = ['offer', 'holdout'];

/** Rows counted over disjoint parts of the customers add up arm by arm, in the stores' order (by arm name). */
export function mergeRevenueRows(parts: ReadonlyArray<readonly RevenueRow[]>): RevenueRow[] {
  const out: RevenueRow[] = [];
  for (const arm of [...ARMS].sort()) {
    const mine = parts.flatMap((p) => p.filter((r) => r.arm === arm));
    if (mine.length === 0) continue;
    out.push({
      arm,
      n: mine.reduce((s, r) => s + r.n, 0),
      paid: mine.reduce((s, r) => s + r.paid, 0),
      cost: mine.reduce((s, r) => s + r.cost, 0),
      net: mine.reduce((s, r) => s + r.net, 0),
      netSquares: mine.reduce((s, r) => s + BigInt(r.netSquares), 0n).toString(),
    });
  }
  return out;
}

interface ArmSums {
  n: number;
  paid: number;
  cost: number;
  net: number;
  squares: bigint;
}

/** One arm's sums, zero when the store had no row for it; bad rows are refused, not guessed at. */
function armSums(rows: readonly RevenueRow[], arm: Arm): ArmSums {
  const mine = rows.filter((r) => r.arm === arm);
  if (mine.length > 1) throw new StatsInputError('BAD_ARGUMENT', `revenue: more than one row for the ${arm} arm`);
  const r = mine[0];
  if (!r) return { n: 0, paid: 0, cost: 0, net: 0, squares: 0n };
  if (!Number.isSafeInteger(r.n) || r.n < 0) throw new StatsInputError('BAD_COUNT', `revenue: ${arm} customers must be a count, got ${r.n}`);
  assertMinor(r.paid, `${arm} paid`);
  assertMinor(r.cost, `${arm} offer cost`);
  assertMinor(r.net, `${arm} net`);
  if (r.net !== r.paid - r.cost) throw new StatsInputError('BAD_ARGUMENT', `revenue: ${arm} net is not paid − cost`);
  if (!/^\d+$/.test(String(r.netSquares))) throw new StatsInputError('BAD_ARGUMENT', `revenue: ${arm} Σ net² must be a non-negative integer`);
  const squares = BigInt(r.netSquares);
  // Cauchy–Schwarz: n·Σx² ≥ (Σx)² for any real sums.
  if (BigInt(r.n) * squares < BigInt(r.net) ** 2n) throw new StatsInputError('BAD_ARGUMENT', `revenue: ${arm} Σ net² is smaller than Σ net allows`);
  return { n: r.n, paid: r.paid, cost: r.cost, net: r.net, squares };
}

/** a / b rounded once, halves away from zero, exactly (bigint). */
function divRoundBig(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const [n, d] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** A float amount to the minor unit, halves away from zero (interval bounds, for display). */
function roundMinor(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** The revenue figures of one experiment from its two arms' sums, in `currency`. */
export function revenueFigures(e: Experiment, rows: readonly RevenueRow[], currency: string, locale: Locale): RevenueFigures {
  const days = e.design.horizonDays;
  const sums = { offer: armSums(rows, 'offer'), holdout: armSums(rows, 'holdout') };
  const shown = Math.min(sums.offer.n, sums.holdout.n) >= e.minimumPerArm;
  const offerName = reasonLabel(e.reason, locale).toLowerCase();
  const money = (x: number) => formatAmount(locale, x, currency);
  const definition = t(locale, 'insights.revenue.definition', { days, offer: offerName });

  const arms: ArmRevenue[] = ARMS.map((arm) => {
    const s = sums[arm];
    if (!shown) return { arm, customers: s.n, paid: null, offerCost: null, net: null, netPer100: null };
    return { arm, customers: s.n, paid: s.paid, offerCost: s.cost, net: s.net, netPer100: mulDiv(s.net, 100, s.n) };
  });
  const hidden = { days, currency, arms, difference: null, df: null, distinguishable: null, definition };
  if (!shown) return { ...hidden, sentence: t(locale, 'insights.revenue.hidden', { min: formatNumber(locale, e.minimumPerArm), days }) };

  const { offer: o, holdout: h } = sums;
  // The estimate exactly: 100·(Σo·n_h − Σh·n_o) / (n_o·n_h), rounded once.
  const estimate = Number(divRoundBig(100n * (BigInt(o.net) * BigInt(h.n) - BigInt(h.net) * BigInt(o.n)), BigInt(o.n) * BigInt(h.n)));
  let welch;
  try {
    welch = welchFromSums({ n: o.n, sum: BigInt(o.net), sumSquares: o.squares }, { n: h.n, sum: BigInt(h.net), sumSquares: h.squares });
  } catch (err) {
    if (err instanceof StatsInputError && err.code === 'BAD_ARGUMENT') return { ...hidden, sentence: t(locale, 'insights.revenue.constant') };
    throw err;
  }
  const lower = welch.lower * 100;
  const upper = welch.upper * 100;
  const distinguishable = lower > 0 || upper < 0;
  const difference: IntervalEstimate = { estimate, lower: roundMinor(lower), upper: roundMinor(upper) };
  const params = {
    offer: offerName,
    days,
    diff: distinguishable ? money(Math.abs(estimate)) : formatAmount(locale, estimate, currency, { signed: true }),
    lo: formatAmount(locale, difference.lower, currency, { signed: true }),
    hi: formatAmount(locale, difference.upper, currency, { signed: true }),
  };
  const key = !distinguishable ? 'insights.revenue.notDistinguishable' : estimate > 0 ? 'insights.revenue.more' : 'insights.revenue.less';
  return { days, currency, arms, difference, df: welch.df, distinguishable, sentence: t(locale, key, params), definition };
}
