/**
 * The exact binomial distribution function, for funnel-plot limits.
 *
 * No special function (incomplete beta, log-gamma) is involved: the probabilities are computed
 * by plain finite arithmetic. Starting from the mode, relative weights follow the ratio
 *   P(r + 1) / P(r) = (n − r)/(r + 1) · θ/(1 − θ)
 * outwards until they fall below 1e-22 of the mode (beyond that the mass is < 1e-20 of the
 * total), and are normalised by their sum. Summing small-to-large keeps the CDF accurate to
 * ~1e-15; cost O(√(nθ(1−θ))) per (n, θ) — about 10⁴ terms at n = 10⁶.
 */
import { StatsInputError } from './errors';

const NEGLIGIBLE = 1e-22;

export class BinomialDistribution {
  /** Smallest r whose probability was kept; P(X < lo) is negligible (< 1e-20). */
  private readonly lo: number;
  /** cum[i] = P(X ≤ lo + i). */
  private readonly cum: Float64Array;

  constructor(
    readonly n: number,
    readonly theta: number,
  ) {
    if (!Number.isSafeInteger(n) || n < 1) throw new StatsInputError('BAD_COUNT', `n must be a positive integer, got ${n}`);
    if (!(theta > 0 && theta < 1)) throw new StatsInputError('BAD_PROBABILITY', `theta must be strictly between 0 and 1, got ${theta}`);
    const odds = theta / (1 - theta);
    const mode = Math.min(n, Math.floor((n + 1) * theta));
    // Walk down, then up, recording relative weights.
    const down: number[] = [];
    let w = 1;
    for (let r = mode; r > 0; r--) {
      w *= r / (n - r + 1) / odds; // P(r − 1) / P(r)
      if (w < NEGLIGIBLE) break;
      down.push(w);
    }
    const up: number[] = [];
    w = 1;
    for (let r = mode; r < n; r++) {
      w *= ((n - r) / (r + 1)) * odds; // P(r + 1) / P(r)
      if (w < NEGLIGIBLE) break;
      up.push(w);
    }
    this.lo = mode - down.length;
    const len = down.length + 1 + up.length;
    const pmf = new Float64Array(len);
    for (let i = 0; i < down.length; i++) pmf[down.length - 1 - i] = down[i]!;
    pmf[down.length] = 1;
    for (let i = 0; i < up.length; i++) pmf[down.length + 1 + i] = up[i]!;
    // Normalise: total summed from both (small) ends towards the mode.
    let total = 0;
    for (let i = 0; i < down.length; i++) total += pmf[i]!;
    let upper = 0;
    for (let i = len - 1; i > down.length; i--) upper += pmf[i]!;
    total += upper + 1;
    this.cum = new Float64Array(len);
    let acc = 0;
    for (let i = 0; i < len; i++) {
      acc += pmf[i]! / total;
      this.cum[i] = acc;
    }
    // Guard the rounding of the last partial sum.
    this.cum[len - 1] = 1;
  }

  /** P(X ≤ r). */
  cdf(r: number): number {
    const i = r - this.lo;
    if (i < 0) return 0;
    if (i >= this.cum.length) return 1;
    return this.cum[i]!;
  }

  /** Smallest r with P(X ≤ r) ≥ p (R's qbinom), 0 < p < 1. */
  quantile(p: number): number {
    const cum = this.cum;
    let a = 0;
    let b = cum.length - 1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (cum[mid]! >= p) b = mid;
      else a = mid + 1;
    }
    return this.lo + a;
  }
}
