/**
 * The distribution functions the module uses, all delegated to stdlib (no special function is
 * written here). Each wrapper states which R call it stands for.
 *
 * Upper tails: stdlib has no upper-tail chi-square, so P(X > x) is 1 − cdf, which is exact to
 * about 1e-16 absolute — p-values below ~1e-15 come out as 0, still far below any threshold the
 * app uses (the smallest is 0.001). For 1 and 2 degrees of freedom the upper tail is computed in
 * closed form from the normal tail / the exponential, which keeps full relative precision.
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** pnorm(x): standard normal CDF. */
export function pnorm(x: number): number {
  return normalCdf(x, 0, 1);
}

/** qnorm(p): standard normal quantile. */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** qnorm((1 + level) / 2): the two-sided critical value for a confidence level (1.959964… for 0.95). */
export function zTwoSided(level: number): number {
  return normalQuantile((1 + level) / 2, 0, 1);
}

/** pchisq(x, df, lower.tail = FALSE): chi-square upper tail, clamped to [0, 1]. */
export function pchisqUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  if (df === 1) return Math.min(1, 2 * normalCdf(-Math.sqrt(x), 0, 1));
  if (df === 2) return Math.exp(-x / 2);
  return Math.min(1, Math.max(0, 1 - chisquareCdf(x, df)));
}

/** qt(p, df): Student's t quantile (df may be fractional, as Welch's is). */
export function qt(p: number, df: number): number {
  return tQuantile(p, df);
}
