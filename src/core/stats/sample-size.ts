/**
 * Customers needed per arm to detect a minimum difference in retention (or churn) with a
 * two-sided test of two proportions — R's `power.prop.test(p1 =, p2 =, sig.level =, power =)`
 * with its default strict = FALSE:
 *
 *   power = Φ( (√n·|p₁ − p₂| − z₁₋α/₂·√((p₁+p₂)(1 − (p₁+p₂)/2))) / √(p₁q₁ + p₂q₂) )
 *
 * solved for n in closed form:
 *   n = ( z₁₋α/₂·√((p₁+p₂)(1 − (p₁+p₂)/2)) + z_power·√(p₁q₁ + p₂q₂) )² / (p₁ − p₂)²
 *
 * R finds the same root numerically with uniroot (tol ≈ 1.2e-4), so R's printed n agrees to
 * about 1e-4; `n` here is the exact root and `perArm` = ⌈n⌉ is what to plan for.
 * Why: the holdout must be big enough that "no difference" means "no difference worth having",
 * not "too few customers to tell".
 */
import { qnorm } from './distributions';
import { assertFinite, assertOpenUnit, StatsInputError } from './errors';

export interface SampleSizeInput {
  /** Expected proportion in the control (holdout) arm, e.g. 12-month retention 0.70. */
  readonly baseline: number;
  /** Smallest difference worth detecting, p₂ − p₁ (may be negative), e.g. 0.03. */
  readonly minimumDetectableDifference: number;
  /** Two-sided significance level, default 0.05. */
  readonly alpha?: number;
  /** Default 0.8. */
  readonly power?: number;
}

export interface SampleSize {
  readonly p1: number;
  readonly p2: number;
  readonly alpha: number;
  readonly power: number;
  /** Exact (fractional) solution, R's `n`. */
  readonly n: number;
  /** ⌈n⌉ customers in each arm. */
  readonly perArm: number;
}

export function sampleSizePerArm(input: SampleSizeInput): SampleSize {
  const p1 = input.baseline;
  assertOpenUnit(p1, 'baseline');
  const delta = input.minimumDetectableDifference;
  assertFinite(delta, 'minimumDetectableDifference');
  const p2 = p1 + delta;
  if (delta === 0) throw new StatsInputError('BAD_ARGUMENT', 'minimumDetectableDifference must not be 0');
  if (!(p2 > 0 && p2 < 1)) throw new StatsInputError('BAD_PROBABILITY', `baseline + minimumDetectableDifference must be strictly between 0 and 1, got ${p2}`);
  const alpha = input.alpha ?? 0.05;
  assertOpenUnit(alpha, 'alpha');
  const power = input.power ?? 0.8;
  assertOpenUnit(power, 'power');
  const zAlpha = qnorm(1 - alpha / 2);
  const zPower = qnorm(power);
  const s = p1 + p2;
  const root = zAlpha * Math.sqrt(s * (1 - s / 2)) + zPower * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  if (root <= 0) throw new StatsInputError('BAD_PROBABILITY', 'power must be larger than alpha/2 for a sample size to exist');
  const n = (root * root) / (delta * delta);
  return { p1, p2, alpha, power, n, perArm: Math.ceil(n) };
}
