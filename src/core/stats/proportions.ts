/**
 * Proportions: "did more customers stay in the discount arm than in the holdout?"
 *
 * - wilsonInterval: the Wilson score interval for one proportion, without continuity
 *   correction — exactly R's `prop.test(x, n, correct = FALSE)$conf.int` (bounds are 0 / 1
 *   exactly at x = 0 / x = n). Chosen over the Wald interval because it stays inside [0, 1] and
 *   keeps its coverage for small n and proportions near 0 or 1.
 * - twoProportions: p₁ − p₂ with
 *   · the Wald interval d ∓ z·√(p₁q₁/n₁ + p₂q₂/n₂) clipped to [−1, 1] — R's
 *     `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$conf.int`;
 *   · Newcombe's hybrid score interval (Newcombe 1998, method 10), built from the two Wilson
 *     intervals (l₁, u₁), (l₂, u₂):  d − √((p₁−l₁)² + (u₂−p₂)²),  d + √((u₁−p₁)² + (p₂−l₂)²)
 *     — recommended for reporting, it behaves where Wald does not (small counts, p near 0/1);
 *   · the Pearson χ² test of equal proportions on 1 df — R's `prop.test(correct = FALSE)`
 *     statistic and p-value (= the two-sided pooled z-test). `test` is null when the pooled
 *     proportion is 0 or 1 (nobody or everybody had the outcome): R gives NaN there.
 */
import { pchisqUpper, zTwoSided } from './distributions';
import { assertCount, assertOpenUnit, StatsInputError } from './errors';

export interface Count {
  /** Customers with the outcome (e.g. retained). */
  readonly x: number;
  /** Customers in the arm. */
  readonly n: number;
}

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

export interface ProportionEstimate extends Interval {
  readonly estimate: number;
  readonly confLevel: number;
}

export interface TwoProportionsResult {
  readonly p1: number;
  readonly p2: number;
  /** p₁ − p₂. */
  readonly difference: number;
  readonly confLevel: number;
  readonly wald: Interval;
  readonly newcombe: Interval;
  /** prop.test(correct = FALSE); null when the pooled proportion is 0 or 1. */
  readonly test: { readonly chiSquare: number; readonly df: 1; readonly pValue: number } | null;
}

export function checkCount(c: Count, what: string): void {
  if (c === null || typeof c !== 'object') throw new StatsInputError('BAD_ARGUMENT', `${what} must be { x, n }`);
  assertCount(c.x, `${what}.x`);
  assertCount(c.n, `${what}.n`);
  if (c.n === 0) throw new StatsInputError('BAD_COUNT', `${what}.n must be at least 1`);
  if (c.x > c.n) throw new StatsInputError('BAD_COUNT', `${what}.x (${c.x}) is larger than ${what}.n (${c.n})`);
}

/** Wilson score interval for x/n (R: prop.test(x, n, correct = FALSE)$conf.int). */
export function wilsonInterval(count: Count, confLevel = 0.95): ProportionEstimate {
  checkCount(count, 'count');
  assertOpenUnit(confLevel, 'confLevel');
  const { lower, upper } = wilson(count.x, count.n, zTwoSided(confLevel));
  return { estimate: count.x / count.n, lower, upper, confLevel };
}

function wilson(x: number, n: number, z: number): Interval {
  const p = x / n;
  const z22n = (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z22n / (2 * n));
  const upper = p >= 1 ? 1 : (p + z22n + half) / (1 + 2 * z22n);
  const lower = p <= 0 ? 0 : (p + z22n - half) / (1 + 2 * z22n);
  return { lower, upper };
}

/** Difference of two independent proportions, group 1 minus group 2. */
export function twoProportions(group1: Count, group2: Count, confLevel = 0.95): TwoProportionsResult {
  checkCount(group1, 'group1');
  checkCount(group2, 'group2');
  assertOpenUnit(confLevel, 'confLevel');
  const z = zTwoSided(confLevel);
  const { x: x1, n: n1 } = group1;
  const { x: x2, n: n2 } = group2;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;

  const width = z * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const wald = { lower: Math.max(d - width, -1), upper: Math.min(d + width, 1) };

  const w1 = wilson(x1, n1, z);
  const w2 = wilson(x2, n2, z);
  const newcombe = {
    lower: d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };

  let test: TwoProportionsResult['test'] = null;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled > 0 && pooled < 1) {
    let chi = 0;
    for (const [x, n] of [
      [x1, n1],
      [x2, n2],
    ] as const) {
      const e1 = n * pooled;
      const e0 = n * (1 - pooled);
      chi += (x - e1) ** 2 / e1 + (n - x - e0) ** 2 / e0;
    }
    test = { chiSquare: chi, df: 1, pValue: pchisqUpper(chi, 1) };
  }
  return { p1, p2, difference: d, confLevel, wald, newcombe, test };
}
