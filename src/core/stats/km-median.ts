/**
 * Median retention time with its confidence interval, exactly as R's print.survfit /
 * summary(fit)$table (survival:::survmean, function `minmin`):
 *
 *   median = the first time at which S(t) < 0.5 + √ε; if S there equals 0.5 (within √ε) and S
 *   drops further later, the median is the midpoint between that time and the next time S
 *   drops (the usual convention for a flat stretch at exactly one half).
 *   The CI bounds are the same rule applied to the lower and the upper confidence curves
 *   (Brookmeyer–Crowley style inversion of the pointwise band), skipping NA bound values.
 *
 * null = "not reached", which R prints as NA: a curve that never falls to one half has no
 * median, and a common case for retention — most customers stay.
 */
import type { KaplanMeierResult, KmConfidence } from './kaplan-meier';

/** .Machine$double.eps^0.5, R's tolerance here. */
const TOL = Math.sqrt(2.220446049250313e-16);

/** The band's settings are the curve's. */
export interface MedianSurvival extends KmConfidence {
  readonly median: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export function medianSurvival(km: KaplanMeierResult): MedianSurvival {
  return {
    median: minmin(km.surv, km.time),
    lower: minmin(km.lower, km.time),
    upper: minmin(km.upper, km.time),
    confType: km.confType,
    confLevel: km.confLevel,
  };
}

function minmin(y: readonly (number | null)[], x: readonly number[]): number | null {
  const cut = 0.5 + TOL;
  const n = Math.min(y.length, x.length);
  let first = -1;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v !== null && v !== undefined && v < cut) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const y1 = y[first]!;
  if (Math.abs(y1 - 0.5) < TOL) {
    for (let j = first + 1; j < n; j++) {
      const v = y[j];
      if (v !== null && v !== undefined && v < y1) return (x[first]! + x[j]!) / 2;
    }
  }
  return x[first]!;
}
