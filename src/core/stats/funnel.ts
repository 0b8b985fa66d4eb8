/**
 * Funnel plots for a proportion against volume (Spiegelhalter, "Funnel plots for comparing
 * institutional performance", Stat Med 2005;24:1185–1202): each unit (an agent, a team, a
 * discount offer) is a point (n, x/n); control limits around the target proportion θ narrow
 * as n grows, so small units are not flagged for noise and large ones are not excused.
 *
 * Limits at 95% (p = 0.025, 0.975) and 99.8% (p = 0.001, 0.999), two methods:
 * - "exact" (default, recommended by Spiegelhalter for proportions): binomial limits with his
 *   interpolation for discreteness (Appendix A.1.1). With r_p the p-quantile of Bin(n, θ)
 *   (smallest r with P(X ≤ r) ≥ p) and
 *     α = (P(X ≤ r_p) − p) / (P(X ≤ r_p) − P(X ≤ r_p − 1)),
 *   the limit is (r_p − α)/n — a smooth curve instead of a staircase. The binomial CDF is exact
 *   (binomial.ts).
 * - "normal": θ ∓ z_p·√(θ(1 − θ)/n), the large-n approximation (Spiegelhalter's eq. 5).
 * Both are clipped to [0, 1] (the exact lower limit can dip below 0 for small n).
 *
 * A unit is "above" a limit pair when x/n > upper, "below" when x/n < lower, else "inside" —
 * the same comparison the chart draws, so a label never contradicts its point.
 * The target is given, or defaults to the pooled proportion Σx / Σn.
 *
 * Small-n caveat (a property of the interpolation, kept as published): when Bin(n, θ) cannot put
 * mass 1 − p in its tail at all (e.g. n = 3, θ = 0.7: P(X = 3) = 0.343), the exact limit is
 * (n − α)/n with α small, just under 1, so x = n is flagged "above" although it is unremarkable.
 * Funnels are meant for units of some volume; callers should not flag units whose n is that
 * small (the normal method has the opposite bias there).
 */
import { qnorm } from './distributions';
import { BinomialDistribution } from './binomial';
import { assertOpenUnit, StatsInputError } from './errors';
import { checkCount, type Count } from './proportions';

export type FunnelMethod = 'exact' | 'normal';
export type FunnelPosition = 'below' | 'inside' | 'above';

export interface FunnelLimits {
  readonly n: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

const P95: readonly [number, number] = [0.025, 0.975];
const P998: readonly [number, number] = [0.001, 0.999];

function clip01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function checkMethod(method: FunnelMethod): void {
  if (method !== 'exact' && method !== 'normal') throw new StatsInputError('BAD_ARGUMENT', `method must be "exact" or "normal", got ${String(method)}`);
}

function limitsFor(target: number, n: number, method: FunnelMethod): FunnelLimits {
  if (!Number.isSafeInteger(n) || n < 1) throw new StatsInputError('BAD_COUNT', `n must be a positive integer, got ${n}`);
  let q: (p: number) => number;
  if (method === 'exact') {
    const bin = new BinomialDistribution(n, target);
    q = (p) => {
      const r = bin.quantile(p);
      const fr = bin.cdf(r);
      const fr1 = bin.cdf(r - 1);
      const alpha = (fr - p) / (fr - fr1);
      return clip01((r - alpha) / n);
    };
  } else {
    const sd = Math.sqrt((target * (1 - target)) / n);
    q = (p) => clip01(target + qnorm(p) * sd);
  }
  return { n, lower95: q(P95[0]), upper95: q(P95[1]), lower998: q(P998[0]), upper998: q(P998[1]) };
}

/** Control limits around `target` for each volume in `ns` (e.g. 1..max n, to draw the funnel). */
export function funnelLimits(target: number, ns: readonly number[], method: FunnelMethod = 'exact'): readonly FunnelLimits[] {
  assertOpenUnit(target, 'target');
  checkMethod(method);
  if (!Array.isArray(ns)) throw new StatsInputError('BAD_ARGUMENT', 'ns must be an array');
  const cache = new Map<number, FunnelLimits>();
  return ns.map((n) => {
    let l = cache.get(n);
    if (l === undefined) {
      l = limitsFor(target, n, method);
      cache.set(n, l);
    }
    return l;
  });
}

export interface FunnelPoint {
  /** Index of the unit in the input. */
  readonly index: number;
  readonly x: number;
  readonly n: number;
  readonly proportion: number;
  readonly limits: FunnelLimits;
  readonly at95: FunnelPosition;
  readonly at998: FunnelPosition;
}

export interface FunnelOptions {
  /** Target proportion; default the pooled Σx / Σn. */
  readonly target?: number;
  readonly method?: FunnelMethod;
}

export interface FunnelResult {
  readonly target: number;
  readonly method: FunnelMethod;
  readonly points: readonly FunnelPoint[];
}

function position(y: number, lower: number, upper: number): FunnelPosition {
  if (y > upper) return 'above';
  if (y < lower) return 'below';
  return 'inside';
}

/** Places each unit against the 95% and 99.8% limits at its own volume. */
export function classifyFunnel(units: readonly Count[], opts: FunnelOptions = {}): FunnelResult {
  if (!Array.isArray(units)) throw new StatsInputError('BAD_ARGUMENT', 'units must be an array');
  if (units.length === 0) throw new StatsInputError('EMPTY', 'no units to place on the funnel');
  const method = opts.method ?? 'exact';
  checkMethod(method);
  let sx = 0;
  let sn = 0;
  units.forEach((u, i) => {
    checkCount(u, `units[${i}]`);
    sx += u.x;
    sn += u.n;
  });
  const target = opts.target ?? sx / sn;
  if (opts.target === undefined && !(target > 0 && target < 1)) {
    throw new StatsInputError('BAD_PROBABILITY', `the pooled proportion is ${target}; funnel limits need a target strictly between 0 and 1`);
  }
  assertOpenUnit(target, 'target');
  const limits = funnelLimits(
    target,
    units.map((u) => u.n),
    method,
  );
  const points = units.map((u, index) => {
    const l = limits[index]!;
    const y = u.x / u.n;
    return { index, x: u.x, n: u.n, proportion: y, limits: l, at95: position(y, l.lower95, l.upper95), at998: position(y, l.lower998, l.upper998) };
  });
  return { target, method, points };
}
