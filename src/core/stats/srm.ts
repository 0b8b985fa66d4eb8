/**
 * Sample-ratio mismatch (SRM) check: do the arm sizes match the planned allocation?
 *
 * Pearson χ² goodness of fit of the observed counts against N·shareᵢ, on k − 1 df — R's
 * `chisq.test(observed, p = shares, rescale.p = TRUE)` (shares are normalised to sum to 1, so
 * [1, 1, 8] and [0.1, 0.1, 0.8] mean the same plan).
 *
 * Why: if a randomised holdout of 10% came out as 9.2%, assignment or logging is broken, and
 * every retention comparison built on it is suspect. The app blocks results when
 * p < 0.001 (`blocked`), a threshold strict enough that a healthy experiment is blocked about
 * once in a thousand checks.
 */
import { pchisqUpper } from './distributions';
import { assertCount, assertOpenUnit, StatsInputError } from './errors';

export const SRM_THRESHOLD = 0.001;

export interface SrmResult {
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  readonly threshold: number;
  /** pValue < threshold: results must not be shown. */
  readonly blocked: boolean;
}

export function sampleRatioMismatch(observed: readonly number[], plannedShares: readonly number[], threshold: number = SRM_THRESHOLD): SrmResult {
  if (!Array.isArray(observed) || !Array.isArray(plannedShares)) throw new StatsInputError('BAD_ARGUMENT', 'observed and plannedShares must be arrays');
  const k = observed.length;
  if (plannedShares.length !== k) throw new StatsInputError('LENGTH_MISMATCH', `${k} observed counts but ${plannedShares.length} planned shares`);
  if (k < 2) throw new StatsInputError('TOO_FEW_GROUPS', 'an SRM check needs at least 2 arms');
  assertOpenUnit(threshold, 'threshold');
  let total = 0;
  let shareSum = 0;
  for (let i = 0; i < k; i++) {
    assertCount(observed[i]!, `observed[${i}]`);
    total += observed[i]!;
    const s = plannedShares[i]!;
    if (typeof s !== 'number' || !Number.isFinite(s)) throw new StatsInputError('NOT_FINITE', `plannedShares[${i}] must be a finite number, got ${String(s)}`);
    if (!(s > 0)) throw new StatsInputError('BAD_PROBABILITY', `plannedShares[${i}] must be > 0, got ${s}`);
    shareSum += s;
  }
  if (total === 0) throw new StatsInputError('EMPTY', 'no customers in any arm');
  const expected = plannedShares.map((s) => total * (s / shareSum));
  let chi = 0;
  for (let i = 0; i < k; i++) chi += (observed[i]! - expected[i]!) ** 2 / expected[i]!;
  const df = k - 1;
  const pValue = pchisqUpper(chi, df);
  return { observed: [...observed], expected, chiSquare: chi, df, pValue, threshold, blocked: pValue < threshold };
}
