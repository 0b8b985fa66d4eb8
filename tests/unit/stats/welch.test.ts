/**
 * Welch's interval from exact sums (stats/welch.ts) against R 4.2.2:
 *   t.test(o, h, var.equal = FALSE) — values in the comments, printed with sprintf("%.10f").
 */
import { describe, expect, it } from 'vitest';
import { StatsInputError, varianceOfSums, welchFromSums, type GroupSums } from '../../../src/core/stats';

const sums = (xs: readonly number[]): GroupSums => ({
  n: xs.length,
  sum: xs.reduce((s, x) => s + BigInt(x), 0n),
  sumSquares: xs.reduce((s, x) => s + BigInt(x) * BigInt(x), 0n),
});

describe('welchFromSums', () => {
  it('matches R’s t.test(var.equal = FALSE): interval, df, t and p', () => {
    // o <- c(250, -4000, 0, 1200, 1200, 800); h <- c(300, 300, 900, 0, 100)
    // conf.int -2481.0571016292 1657.7237682958; df 5.3723586445; t -0.5008905623; p 0.6362965362
    const w = welchFromSums(sums([250, -4000, 0, 1200, 1200, 800]), sums([300, 300, 900, 0, 100]));
    expect(w.difference).toBeCloseTo(-91.6666666667 - 320, 8);
    expect(w.lower).toBeCloseTo(-2481.0571016292, 6);
    expect(w.upper).toBeCloseTo(1657.7237682958, 6);
    expect(w.df).toBeCloseTo(5.3723586445, 8);
    expect(w.t).toBeCloseTo(-0.5008905623, 8);
    expect(w.pValue).toBeCloseTo(0.6362965362, 8);
  });

  it('forms the variance exactly: a large mean beside a spread of 1 loses nothing', () => {
    // R: var(1e8 + c(0, 1, 2)) = 1. Σx² = 3.0000000600000005e16 is past 2^53: in floats it would not be.
    expect(varianceOfSums(sums([100_000_000, 100_000_001, 100_000_002]))).toBe(1);
  });

  it('refuses what has no interval: two constant groups, one value, sums that cannot be', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof StatsInputError ? e.code : 'other';
      }
      return null;
    };
    expect(code(() => welchFromSums(sums([5, 5, 5]), sums([7, 7])))).toBe('BAD_ARGUMENT');
    expect(code(() => welchFromSums(sums([5]), sums([7, 8])))).toBe('BAD_COUNT');
    expect(code(() => varianceOfSums({ n: 3, sum: 30n, sumSquares: 10n }))).toBe('BAD_ARGUMENT');
    expect(code(() => welchFromSums(sums([1, 2]), sums([3, 4]), 1))).toBe('BAD_PROBABILITY');
  });
});
