/**
 * Helpers for comparing with the R golden fixtures (tests/fixtures/stats, made by
 * scripts/stats/golden.R).
 *
 * Tolerance: |actual − expected| ≤ 1e-6 · max(1, |expected|) — ABSOLUTE 1e-6 for values below 1 in
 * magnitude (probabilities, p-values, standard errors of S), RELATIVE 1e-6 above (times, RMST,
 * χ² statistics, sample sizes). R's NA / NaN / ±Inf are null in the fixtures and must be null here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

export const TOL = 1e-6;

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/stats', `${name}.json`), 'utf8')) as T;
}

export function isClose(actual: number, expected: number, tol = TOL): boolean {
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}

export function expectClose(actual: number | null | undefined, expected: number | null | undefined, what: string, tol = TOL): void {
  if (expected === null || expected === undefined) {
    expect(actual, `${what}: R has NA, got ${actual}`).toBeNull();
    return;
  }
  expect(typeof actual === 'number' && isClose(actual, expected, tol), `${what}: got ${actual}, R ${expected}`).toBe(true);
}

export function expectAllClose(actual: readonly (number | null)[], expected: readonly (number | null)[], what: string, tol = TOL): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${what}[${i}]`, tol);
}
