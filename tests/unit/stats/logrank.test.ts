import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRank, type LogRankRow } from '../../../src/core/stats';
import { expectAllClose, expectClose, fixture } from './golden';

interface LrCase {
  name: string;
  rows: LogRankRow[];
  groups: string[];
  n: number[];
  observed: number[];
  expected: number[];
  variance: number[][];
  chisq: number;
  df: number;
  pvalue: number;
}
const golden = fixture<{ cases: LrCase[] }>('logrank');

describe('log-rank test matches R survdiff (golden fixtures)', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = logRank(c.rows);
    expect(r.groups).toEqual(c.groups);
    expectAllClose(r.n, c.n, 'n');
    expectAllClose(r.observed, c.observed, 'observed');
    expectAllClose(r.expected, c.expected, 'expected');
    r.variance.forEach((row, g) => expectAllClose(row, c.variance[g]!, `var[${g}]`));
    expectClose(r.chiSquare, c.chisq, 'chisq');
    expect(r.df).toBe(c.df);
    expectClose(r.pValue, c.pvalue, 'p');
  });

  it('reports the strata it used', () => {
    const c = golden.cases.find((x) => x.name.includes('strata'))!;
    expect(logRank(c.rows).strata).toEqual(['black', 'other']);
  });
});

const rowArb = fc.record({
  time: fc.integer({ min: 0, max: 25 }),
  status: fc.constantFrom<0 | 1>(0, 1),
  weight: fc.integer({ min: 1, max: 5 }),
  group: fc.constantFrom('holdout', 'ten', 'twenty'),
});

/** Data with at least two groups and an event, so the test is defined. */
const dataArb = fc
  .array(rowArb, { minLength: 4, maxLength: 50 })
  .filter((rows) => new Set(rows.map((r) => r.group)).size >= 2 && rows.some((r) => r.status === 1));

function defined(rows: LogRankRow[]): boolean {
  try {
    logRank(rows);
    return true;
  } catch {
    return false;
  }
}

describe('log-rank properties', () => {
  it('aggregated rows with weights give the expanded rows', () => {
    fc.assert(
      fc.property(dataArb, (rows) => {
        fc.pre(defined(rows));
        const expanded = rows.flatMap((r) => Array.from({ length: r.weight }, () => ({ time: r.time, status: r.status, group: r.group })));
        const a = logRank(rows);
        const b = logRank(expanded);
        expect(a.groups).toEqual(b.groups);
        expectAllClose(a.expected, b.expected, 'expected', 1e-12);
        expectClose(a.chiSquare, b.chiSquare, 'chisq', 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('O − E sums to 0, each variance row sums to 0, χ² ≥ 0 and p in [0, 1]', () => {
    fc.assert(
      fc.property(dataArb, (rows) => {
        fc.pre(defined(rows));
        const r = logRank(rows);
        const oe = r.observed.reduce((s, o, g) => s + o - r.expected[g]!, 0);
        expect(Math.abs(oe)).toBeLessThan(1e-9);
        for (const row of r.variance) expect(Math.abs(row.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
        expect(r.chiSquare).toBeGreaterThanOrEqual(-1e-12);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('log-rank input errors', () => {
  it.each([
    ['one group only', [{ time: 1, status: 1, group: 'a' }], 'TOO_FEW_GROUPS'],
    [
      'no events',
      [
        { time: 1, status: 0, group: 'a' },
        { time: 2, status: 0, group: 'b' },
      ],
      'NO_EVENTS',
    ],
    [
      'a stratum on some rows only',
      [
        { time: 1, status: 1, group: 'a', stratum: 's' },
        { time: 2, status: 0, group: 'b' },
      ],
      'BAD_ARGUMENT',
    ],
    [
      'only one group at risk at event times',
      [
        { time: 1, status: 1, group: 'a' },
        { time: 0.5, status: 0, group: 'b' },
      ],
      'TOO_FEW_GROUPS',
    ],
    ['a NaN group', [{ time: 1, status: 1, group: Number.NaN }], 'NOT_FINITE'],
    ['empty data', [], 'EMPTY'],
  ])('%s → %s', (_what, rows, code) => {
    expect(() => logRank(rows as LogRankRow[])).toThrow(expect.objectContaining({ name: 'StatsInputError', code }));
  });
});
