import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coxPH, coxPHCells, type CoxCells, type CoxRow } from '../../../src/core/stats';
import { expectAllClose, expectClose, fixture } from './golden';

interface CoxCase {
  name: string;
  ties: 'efron' | 'breslow';
  names: string[];
  rows: CoxRow[];
  coef: number[];
  se: number[];
  variance: number[][];
  z: number[];
  p: number[];
  hr: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  loglik: number[];
  lrt: number;
  wald: number;
  score: number;
  df: number;
  lrtP: number;
  waldP: number;
  scoreP: number;
  iter: number;
  n: number;
  nevent: number;
  warnings: string[];
}
const golden = fixture<{ cases: CoxCase[] }>('cox');

describe('Cox PH matches R coxph (golden fixtures)', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = coxPH(c.rows, { names: c.names, ties: c.ties });
    expect(r.coefficients.map((k) => k.name)).toEqual(c.names);
    expectAllClose(
      r.coefficients.map((k) => k.coef),
      c.coef,
      'coef',
    );
    expectAllClose(
      r.coefficients.map((k) => k.se),
      c.se,
      'se',
    );
    r.variance.forEach((row, i) => expectAllClose(row, c.variance[i]!, `var[${i}]`));
    expectAllClose(
      r.coefficients.map((k) => k.z),
      c.z,
      'z',
    );
    expectAllClose(
      r.coefficients.map((k) => k.pValue),
      c.p,
      'p',
    );
    expectAllClose(
      r.coefficients.map((k) => k.hazardRatio),
      c.hr,
      'exp(coef)',
    );
    // R's exp(confint) overflows to Inf (null in the fixture) exactly where ours is +Infinity.
    expectAllClose(
      r.coefficients.map((k) => (Number.isFinite(k.lower) ? k.lower : null)),
      c.lower,
      'lower .95',
    );
    expectAllClose(
      r.coefficients.map((k) => (Number.isFinite(k.upper) ? k.upper : null)),
      c.upper,
      'upper .95',
    );
    expectAllClose([r.logLikelihood.initial, r.logLikelihood.final], c.loglik, 'loglik');
    expectClose(r.likelihoodRatio.statistic, c.lrt, 'likelihood ratio test');
    expectClose(r.wald.statistic, c.wald, 'Wald test');
    expectClose(r.score.statistic, c.score, 'score test');
    expectClose(r.likelihoodRatio.pValue, c.lrtP, 'LR p');
    expectClose(r.wald.pValue, c.waldP, 'Wald p');
    expectClose(r.score.pValue, c.scoreP, 'score p');
    expect(r.likelihoodRatio.df).toBe(c.df);
    expect([r.n, r.events]).toEqual([c.n, c.nevent]);
    const ranOut = c.warnings.some((w) => w.includes('did not converge'));
    expect(r.converged).toBe(!ranOut);
    if (!ranOut) expect(r.iterations).toBe(c.iter);
    const infinite = new Set(
      c.warnings.flatMap((w) =>
        (/Loglik converged before variable\s+([\d,\s]+);/.exec(w)?.[1] ?? '')
          .split(',')
          .filter((s) => s.trim() !== '')
          .map((s) => Number(s) - 1),
      ),
    );
    expect(r.coefficients.map((k) => k.possiblyInfinite)).toEqual(c.names.map((_, j) => infinite.has(j)));
  });
});

describe('Cox details', () => {
  const aml = golden.cases.find((c) => c.name === 'aml: x')!;

  it('default names are x1, x2, … and the interval level follows confLevel', () => {
    const r90 = coxPH(aml.rows, { confLevel: 0.9 });
    expect(r90.coefficients[0]!.name).toBe('x1');
    const r95 = coxPH(aml.rows);
    expect(r90.coefficients[0]!.lower).toBeGreaterThan(r95.coefficients[0]!.lower);
    expect(r90.coefficients[0]!.upper).toBeLessThan(r95.coefficients[0]!.upper);
  });

  it('ties do not cross strata: a stratified fit equals separate risk sets', () => {
    const rows: CoxRow[] = [
      { time: 1, status: 1, covariates: [1], stratum: 'a' },
      { time: 1, status: 1, covariates: [0], stratum: 'b' },
      { time: 2, status: 1, covariates: [0], stratum: 'a' },
      { time: 2, status: 0, covariates: [1], stratum: 'b' },
      { time: 3, status: 1, covariates: [1], stratum: 'b' },
      { time: 3, status: 0, covariates: [0], stratum: 'a' },
      { time: 4, status: 1, covariates: [0], stratum: 'b' },
    ];
    const shifted = rows.map((r) => (r.stratum === 'b' ? { ...r, time: r.time + 100 } : r));
    const a = coxPH(rows);
    const b = coxPH(shifted);
    expectClose(a.coefficients[0]!.coef, b.coefficients[0]!.coef, 'coef', 1e-12);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const rowArb = fc.record({
  time: fc.integer({ min: 1, max: 12 }),
  status: fc.constantFrom<0 | 1>(0, 1),
  weight: fc.integer({ min: 1, max: 4 }),
  covariates: fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: -3, max: 3 })),
});

function tryFit(rows: CoxRow[]) {
  try {
    return coxPH(rows);
  } catch {
    return null;
  }
}

describe('Cox properties', () => {
  it('aggregated rows with integer weights give exactly the expanded rows (Efron counts each tied death)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 6, maxLength: 30 }), (rows) => {
        const a = tryFit(rows);
        fc.pre(a !== null && a.converged && !a.coefficients.some((k) => k.possiblyInfinite));
        const expanded = rows.flatMap((r) => Array.from({ length: r.weight }, () => ({ time: r.time, status: r.status, covariates: r.covariates })));
        const b = coxPH(expanded);
        expectAllClose(
          a!.coefficients.map((k) => k.coef),
          b.coefficients.map((k) => k.coef),
          'coef',
          1e-9,
        );
        expectAllClose(
          a!.coefficients.map((k) => k.se),
          b.coefficients.map((k) => k.se),
          'se',
          1e-9,
        );
        expectClose(a!.logLikelihood.final, b.logLikelihood.final, 'loglik', 1e-9);
        expectClose(a!.score.statistic, b.score.statistic, 'score', 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('rows sharing one covariate array (collapsed cells) give bit for bit the fit of rows each with its own copy', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            time: fc.integer({ min: 1, max: 40 }),
            status: fc.constantFrom<0 | 1>(0, 1),
            weight: fc.integer({ min: 1, max: 9 }),
            p: fc.integer({ min: 0, max: 3 }),
          }),
          {
            minLength: 12,
            maxLength: 60,
          },
        ),
        (cells) => {
          const patterns = [
            [0, 0],
            [0, 1],
            [1, 0],
            [1, 1],
          ];
          const shared: CoxRow[] = cells.map((c) => ({ time: c.time, status: c.status, weight: c.weight, covariates: patterns[c.p]! }));
          const copied: CoxRow[] = shared.map((r) => ({ ...r, covariates: [...r.covariates] }));
          const a = tryFit(shared);
          const b = tryFit(copied);
          expect(a === null).toBe(b === null);
          if (a) expect(a).toEqual(b);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shifting a covariate by a constant changes nothing but nothing else either (centring)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 6, maxLength: 30 }), fc.integer({ min: -1000, max: 1000 }), (rows, shift) => {
        const a = tryFit(rows);
        fc.pre(a !== null && a.converged && !a.coefficients.some((k) => k.possiblyInfinite));
        const b = coxPH(rows.map((r) => ({ ...r, covariates: [r.covariates[0], r.covariates[1] + shift] })));
        expectAllClose(
          a!.coefficients.map((k) => k.coef),
          b.coefficients.map((k) => k.coef),
          'coef',
          1e-7,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('the score, Wald and LR statistics are non-negative and p-values lie in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 6, maxLength: 30 }), (rows) => {
        const r = tryFit(rows);
        fc.pre(r !== null);
        for (const t of [r!.score, r!.wald, r!.likelihoodRatio]) {
          expect(t.statistic).toBeGreaterThanOrEqual(-1e-9);
          expect(t.pValue).toBeGreaterThanOrEqual(0);
          expect(t.pValue).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** Rows as cells (each distinct covariate array one pattern), in time order, ties in input order — as coxPH orders them. */
function asCells(rows: readonly CoxRow[]): { cells: CoxCells; sorted: CoxRow[] } {
  const sorted = rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => a.time - b.time || i - j)
    .map(([r]) => r);
  const ids = new Map<readonly number[], number>();
  const patterns: (readonly number[])[] = [];
  const pattern = Int32Array.from(sorted, (r) => {
    let id = ids.get(r.covariates);
    if (id === undefined) ids.set(r.covariates, (id = patterns.push(r.covariates) - 1));
    return id;
  });
  return {
    sorted,
    cells: {
      size: sorted.length,
      time: Float64Array.from(sorted, (r) => r.time),
      status: Uint8Array.from(sorted, (r) => r.status),
      weight: Float64Array.from(sorted, (r) => r.weight ?? 1),
      pattern,
      patterns,
    },
  };
}

describe('Cox on cells (coxPHCells)', () => {
  it.each(golden.cases.filter((c) => c.rows.every((r) => r.stratum === undefined)).map((c) => [c.name, c] as const))(
    'gives bit for bit coxPH of the same rows: %s',
    (_name, c) => {
      const { cells, sorted } = asCells(c.rows);
      expect(coxPHCells(cells, { names: c.names, ties: c.ties })).toEqual(coxPH(sorted, { names: c.names, ties: c.ties }));
    },
  );

  it('gives bit for bit coxPH of the same rows on collapsed cells sharing a few patterns, zero weights and all', () => {
    const patterns = [
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
      [1, 1, 1],
      [1, 0, 1],
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            time: fc.integer({ min: 0, max: 40 }),
            status: fc.constantFrom<0 | 1>(0, 1),
            weight: fc.integer({ min: 0, max: 9 }),
            p: fc.integer({ min: 0, max: 4 }),
          }),
          { minLength: 1, maxLength: 80 },
        ),
        (raw) => {
          const rows: CoxRow[] = raw.map((c) => ({ time: c.time, status: c.status, weight: c.weight, covariates: patterns[c.p]! }));
          const { cells, sorted } = asCells(rows);
          const fitCells = attempt(() => coxPHCells(cells));
          const fitRows = attempt(() => coxPH(sorted));
          expect(fitCells).toEqual(fitRows);
        },
      ),
      { numRuns: 300 },
    );
  });

  const ok = (): CoxCells => ({
    size: 4,
    time: Float64Array.of(1, 2, 3, 4),
    status: Uint8Array.of(1, 0, 1, 1),
    weight: Float64Array.of(2, 3, 1, 4),
    pattern: Int32Array.of(0, 1, 2, 1),
    patterns: [
      [1, 0.5],
      [0, 1.5],
      [1, 2.5],
    ],
  });
  it.each([
    ['times out of order', { time: Float64Array.of(1, 3, 2, 4) }, 'BAD_ARGUMENT'],
    ['a negative time', { time: Float64Array.of(-1, 2, 3, 4) }, 'NEGATIVE_TIME'],
    ['a NaN time', { time: Float64Array.of(1, Number.NaN, 3, 4) }, 'NOT_FINITE'],
    ['a status of 2', { status: Uint8Array.of(1, 2, 1, 1) }, 'BAD_STATUS'],
    ['a fractional weight', { weight: Float64Array.of(2, 0.5, 1, 4) }, 'BAD_WEIGHT'],
    ['a pattern that is not one', { pattern: Int32Array.of(0, 1, 3, 1) }, 'BAD_ARGUMENT'],
    ['patterns of different lengths', { patterns: [[1, 0.5], [0], [1, 2.5]] }, 'LENGTH_MISMATCH'],
    [
      'a NaN covariate',
      {
        patterns: [
          [1, 0.5],
          [0, Number.NaN],
          [1, 2.5],
        ],
      },
      'NOT_FINITE',
    ],
    ['no covariates', { patterns: [[], [], []] }, 'BAD_ARGUMENT'],
    ['no events', { status: Uint8Array.of(0, 0, 0, 0) }, 'NO_EVENTS'],
    ['every weight 0', { weight: new Float64Array(4) }, 'EMPTY'],
  ])('refuses %s (%s)', (_what, change, code) => {
    expect(() => coxPHCells({ ...ok(), ...change } as CoxCells)).toThrow(expect.objectContaining({ name: 'StatsInputError', code }));
  });
});

function attempt<T>(f: () => T): T | { error: string } {
  try {
    return f();
  } catch (err) {
    return { error: (err as { code?: string }).code ?? String(err) };
  }
}

describe('Cox input errors', () => {
  const ok: CoxRow[] = [
    { time: 1, status: 1, covariates: [1, 0.5] },
    { time: 2, status: 0, covariates: [0, 1.5] },
    { time: 3, status: 1, covariates: [1, 2.5] },
    { time: 4, status: 1, covariates: [0, 0.2] },
  ];
  it.each([
    ['a constant covariate', ok.map((r) => ({ ...r, covariates: [1, r.covariates[1]!] })), {}, 'SINGULAR'],
    ['collinear covariates', ok.map((r) => ({ ...r, covariates: [r.covariates[1]!, 2 * r.covariates[1]!] })), {}, 'SINGULAR'],
    ['covariate vectors of different lengths', [...ok, { time: 5, status: 1, covariates: [1] }], {}, 'LENGTH_MISMATCH'],
    ['a NaN covariate', [...ok, { time: 5, status: 1, covariates: [1, Number.NaN] }], {}, 'NOT_FINITE'],
    ['no covariates', ok.map((r) => ({ ...r, covariates: [] })), {}, 'BAD_ARGUMENT'],
    ['no events', ok.map((r) => ({ ...r, status: 0 as const })), {}, 'NO_EVENTS'],
    ['names of the wrong length', ok, { names: ['a'] }, 'LENGTH_MISMATCH'],
    ['an unknown ties method', ok, { ties: 'exact' }, 'BAD_ARGUMENT'],
    ['a negative time', [...ok, { time: -2, status: 1, covariates: [1, 1] }], {}, 'NEGATIVE_TIME'],
    ['empty data', [], {}, 'EMPTY'],
  ])('%s → %s', (_what, rows, opts, code) => {
    expect(() => coxPH(rows as CoxRow[], opts as never)).toThrow(expect.objectContaining({ name: 'StatsInputError', code }));
  });
});
