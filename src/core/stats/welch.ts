/**
 * Welch's two-sample t interval for a difference of means, from each group's count, sum and sum
 * of squares — what a store can add up in SQL without handing over one row per customer. Sums
 * are exact integers (bigint): the variance's numerator n·Σx² − (Σx)² is formed exactly before
 * any division, so a large mean beside a small spread loses nothing to cancellation; floats
 * start only at the variance. Matches R's t.test(x, y, var.equal = FALSE).
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { qt } from './distributions';
import { assertCount, assertOpenUnit, StatsInputError } from './errors';

/** One group as a store adds it up: n values, Σx and Σx² (exact integers). */
export interface GroupSums {
  readonly n: number;
  readonly sum: bigint;
  readonly sumSquares: bigint;
}

export interface WelchResult {
  /** Mean of group 1 minus mean of group 2. */
  readonly difference: number;
  readonly standardError: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  readonly df: number;
  readonly t: number;
  /** Two-sided. */
  readonly pValue: number;
  readonly lower: number;
  readonly upper: number;
}

/** The sample variance from exact sums: (n·Σx² − (Σx)²) / (n(n − 1)). */
export function varianceOfSums(g: GroupSums): number {
  assertCount(g.n, 'n');
  if (g.n < 2) throw new StatsInputError('BAD_COUNT', `a variance needs at least 2 values, got ${g.n}`);
  const numerator = BigInt(g.n) * g.sumSquares - g.sum * g.sum;
  if (numerator < 0n) throw new StatsInputError('BAD_ARGUMENT', 'the sum of squares is smaller than the sum allows');
  return Number(numerator) / (g.n * (g.n - 1));
}

/** Welch's interval of mean₁ − mean₂; refuses (BAD_ARGUMENT) when both groups are constant, as R does. */
export function welchFromSums(group1: GroupSums, group2: GroupSums, confLevel = 0.95): WelchResult {
  assertOpenUnit(confLevel, 'confLevel');
  const v1 = varianceOfSums(group1) / group1.n;
  const v2 = varianceOfSums(group2) / group2.n;
  const se2 = v1 + v2;
  if (!(se2 > 0)) throw new StatsInputError('BAD_ARGUMENT', 'both groups are constant: no interval');
  const standardError = Math.sqrt(se2);
  const df = se2 ** 2 / (v1 ** 2 / (group1.n - 1) + v2 ** 2 / (group2.n - 1));
  const difference = mean(group1) - mean(group2);
  const t = difference / standardError;
  const width = qt((1 + confLevel) / 2, df) * standardError;
  const pValue = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  return { difference, standardError, df, t, pValue, lower: difference - width, upper: difference + width };
}

function mean(g: GroupSums): number {
  // Σx may pass 2^53 on a huge store; the division is the first float.
  return Number(g.sum) / g.n;
}
