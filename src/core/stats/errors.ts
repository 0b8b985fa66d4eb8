/**
 * The one error the statistics module throws.
 *
 * Rule: a statistic that cannot be computed from its input is an error with a machine-readable
 * `code`, never a NaN slipped into a result. Callers (the insights screens) switch on `code` to
 * say "not enough data" instead of drawing a broken chart. Values that R itself reports as NA
 * (an upper confidence bound never reached, a median not reached) are `null` in results, which
 * is a documented answer, not an error.
 */

export type StatsErrorCode =
  /** No rows (or every row had weight 0). */
  | 'EMPTY'
  /** Two parallel inputs have different lengths (covariate vectors, names, shares…). */
  | 'LENGTH_MISMATCH'
  /** A number is NaN or ±Infinity where a finite number is required. */
  | 'NOT_FINITE'
  /** A survival time is negative. */
  | 'NEGATIVE_TIME'
  /** A status is not 0 (censored / still a customer) or 1 (event / churned). */
  | 'BAD_STATUS'
  /** A case weight is not a non-negative integer count. */
  | 'BAD_WEIGHT'
  /** A count or size is not a non-negative integer, or is out of range (x > n…). */
  | 'BAD_COUNT'
  /** A probability, level or share is outside its allowed range. */
  | 'BAD_PROBABILITY'
  /** Any other malformed argument (unknown option, tau ≤ 0…). */
  | 'BAD_ARGUMENT'
  /** A test needs at least one event and there is none. */
  | 'NO_EVENTS'
  /** A comparison needs at least two groups with something to compare. */
  | 'TOO_FEW_GROUPS'
  /** A matrix that must be inverted is singular (collinear or constant covariates…). */
  | 'SINGULAR';

export class StatsInputError extends Error {
  override readonly name = 'StatsInputError';
  readonly code: StatsErrorCode;

  constructor(code: StatsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Throws unless `x` is a finite number. */
export function assertFinite(x: number, what: string): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new StatsInputError('NOT_FINITE', `${what} must be a finite number, got ${String(x)}`);
}

/** Throws unless 0 < level < 1 (a confidence level, a power, an alpha). */
export function assertOpenUnit(x: number, what: string): void {
  assertFinite(x, what);
  if (!(x > 0 && x < 1)) throw new StatsInputError('BAD_PROBABILITY', `${what} must be strictly between 0 and 1, got ${x}`);
}

/** Throws unless `x` is a non-negative safe integer (a count). */
export function assertCount(x: number, what: string): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new StatsInputError('NOT_FINITE', `${what} must be a finite number, got ${String(x)}`);
  if (!Number.isSafeInteger(x) || x < 0) throw new StatsInputError('BAD_COUNT', `${what} must be a non-negative integer, got ${x}`);
}
