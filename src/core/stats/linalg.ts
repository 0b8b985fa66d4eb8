/**
 * Small dense symmetric-matrix routines: the generalized Cholesky LDLᵀ of R's survival package
 * (cholesky2.c, chsolve2.c, chinv2.c, Therneau), ported line by line so that Cox's Newton steps and
 * variance match coxph exactly, including its treatment of (near-)singular information matrices:
 * a pivot below `toler × max diagonal` is set to 0, and the solve / inverse then give 0 for that
 * coordinate instead of blowing up.
 *
 * Matrices are row-major Float64Array(n × n). Only the upper triangle (i ≤ j) of the input is
 * read; the factor is stored in the lower triangle with D on the diagonal (unit L implied).
 * Sizes are the number of covariates or groups (≤ a few dozen), so O(n³) is nothing.
 */

/** R's coxph.control()$toler.chol = .Machine$double.eps^0.75. */
export const TOLER_CHOL = 2.220446049250313e-16 ** 0.75;

/**
 * In place: m ← LDLᵀ factor of the symmetric matrix whose upper triangle m holds.
 * Returns the rank, negated if the matrix is clearly not non-negative definite (cholesky2's
 * convention).
 */
export function cholesky2(m: Float64Array, n: number, toler: number = TOLER_CHOL): number {
  let nonneg = 1;
  let eps = 0;
  for (let i = 0; i < n; i++) {
    const d = m[i * n + i]!;
    if (d > eps) eps = d;
    for (let j = i + 1; j < n; j++) m[j * n + i] = m[i * n + j]!;
  }
  eps = eps === 0 ? toler : eps * toler;
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const pivot = m[i * n + i]!;
    if (!Number.isFinite(pivot) || pivot < eps) {
      m[i * n + i] = 0;
      if (pivot < -8 * eps) nonneg = -1;
    } else {
      rank++;
      for (let j = i + 1; j < n; j++) {
        const temp = m[j * n + i]! / pivot;
        m[j * n + i] = temp;
        m[j * n + j] = m[j * n + j]! - temp * temp * pivot;
        for (let k = j + 1; k < n; k++) m[k * n + j] = m[k * n + j]! - temp * m[k * n + i]!;
      }
    }
  }
  return rank * nonneg;
}

/** In place: y ← A⁻¹ y, using the factor from cholesky2 (0 for singular coordinates). */
export function chsolve2(m: Float64Array, n: number, y: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let temp = y[i]!;
    for (let j = 0; j < i; j++) temp -= y[j]! * m[i * n + j]!;
    y[i] = temp;
  }
  for (let i = n - 1; i >= 0; i--) {
    const d = m[i * n + i]!;
    if (d === 0) {
      y[i] = 0;
    } else {
      let temp = y[i]! / d;
      for (let j = i + 1; j < n; j++) temp -= y[j]! * m[j * n + i]!;
      y[i] = temp;
    }
  }
}

/**
 * In place: m ← A⁻¹ (full symmetric), from the factor of cholesky2. Rows/columns of singular
 * pivots are set to 0, as chinv2 does.
 */
export function chinv2(m: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    if (m[i * n + i]! > 0) {
      m[i * n + i] = 1 / m[i * n + i]!;
      for (let j = i + 1; j < n; j++) {
        m[j * n + i] = -m[j * n + i]!;
        for (let k = 0; k < i; k++) m[j * n + k] = m[j * n + k]! + m[j * n + i]! * m[i * n + k]!;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (m[i * n + i] === 0) {
      for (let j = 0; j < i; j++) m[j * n + i] = 0;
      for (let j = i; j < n; j++) m[i * n + j] = 0;
    } else {
      for (let j = i + 1; j < n; j++) {
        const temp = m[j * n + i]! * m[j * n + j]!;
        m[i * n + j] = temp;
        for (let k = i; k < j; k++) m[i * n + k] = m[i * n + k]! + temp * m[j * n + k]!;
      }
    }
  }
  // The upper triangle now holds the inverse; mirror it.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) m[i * n + j] = m[j * n + i]!;
}
