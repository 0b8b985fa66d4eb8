import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  kaplanMeier,
  kaplanMeierByGroup,
  medianSurvival,
  restrictedMean,
  StatsInputError,
  survivalAt,
  type ConfType,
  type GroupedSurvivalRow,
  type SurvivalRow,
} from '../../../src/core/stats';
import { expectAllClose, expectClose, fixture } from './golden';

interface Curve {
  time: number[];
  'n.risk': number[];
  'n.event': number[];
  'n.censor': number[];
  surv: number[];
  'std.err': (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  median: { median: number | null; lower: number | null; upper: number | null };
  at: {
    time: number[];
    surv: number[];
    'std.err': (number | null)[];
    lower: (number | null)[];
    upper: (number | null)[];
    'n.risk': number[];
    'n.event': number[];
    'n.censor': number[];
  };
}
interface KmCase {
  name: string;
  rows: SurvivalRow[];
  curves: Record<ConfType, Curve>;
  rmean: { tau: number; rmean: number; se: number }[];
}
interface KmGroupCase {
  name: string;
  rows: GroupedSurvivalRow[];
  groups: {
    group: string;
    time: number[];
    surv: number[];
    'std.err': (number | null)[];
    lower: (number | null)[];
    upper: (number | null)[];
    'n.risk': number[];
  }[];
}
const golden = fixture<{ cases: KmCase[]; byGroup: KmGroupCase[] }>('km');
const CONF_TYPES: ConfType[] = ['log', 'log-log', 'plain'];

describe('Kaplan–Meier matches R survfit (golden fixtures)', () => {
  const cases = golden.cases.flatMap((c) => CONF_TYPES.map((t) => [c.name, t, c] as const));

  it.each(cases)('%s, conf.type = %s: curve, Greenwood SE, CI', (_name, confType, c) => {
    const r = c.curves[confType];
    const km = kaplanMeier(c.rows, { confType });
    expectAllClose(km.time, r.time, 'time');
    expectAllClose(km.nRisk, r['n.risk'], 'n.risk');
    expectAllClose(km.nEvent, r['n.event'], 'n.event');
    expectAllClose(km.nCensor, r['n.censor'], 'n.censor');
    expectAllClose(km.surv, r.surv, 'surv');
    expectAllClose(km.stdErrLog, r['std.err'], 'std.err');
    expectAllClose(km.lower, r.lower, 'lower');
    expectAllClose(km.upper, r.upper, 'upper');
  });

  it.each(cases)('%s, conf.type = %s: median and its CI as print.survfit', (_name, confType, c) => {
    const r = c.curves[confType].median;
    const m = medianSurvival(kaplanMeier(c.rows, { confType }));
    expectClose(m.median, r.median, 'median');
    expectClose(m.lower, r.lower, 'median LCL');
    expectClose(m.upper, r.upper, 'median UCL');
  });

  it.each(cases)('%s, conf.type = %s: retention at given times as summary(times =, extend = TRUE)', (_name, confType, c) => {
    const r = c.curves[confType].at;
    const at = survivalAt(kaplanMeier(c.rows, { confType }), [...r.time].reverse());
    expectAllClose(
      at.map((a) => a.time),
      r.time,
      'time',
    );
    expectAllClose(
      at.map((a) => a.surv),
      r.surv,
      'surv',
    );
    expectAllClose(
      at.map((a) => a.stdErr),
      r['std.err'],
      'std.err',
    );
    expectAllClose(
      at.map((a) => a.lower),
      r.lower,
      'lower',
    );
    expectAllClose(
      at.map((a) => a.upper),
      r.upper,
      'upper',
    );
    expectAllClose(
      at.map((a) => a.nRisk),
      r['n.risk'],
      'n.risk',
    );
    expectAllClose(
      at.map((a) => a.nEvent),
      r['n.event'],
      'n.event',
    );
    expectAllClose(
      at.map((a) => a.nCensor),
      r['n.censor'],
      'n.censor',
    );
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('%s: restricted mean and its SE as print(fit, rmean = tau)', (_name, c) => {
    const km = kaplanMeier(c.rows);
    expect(c.rmean.length).toBeGreaterThan(0);
    for (const r of c.rmean) {
      const m = restrictedMean(km, r.tau);
      expectClose(m.rmean, r.rmean, `rmean(${r.tau})`);
      expectClose(m.stdErr, r.se, `se(rmean(${r.tau}))`);
    }
  });

  it.each(golden.byGroup.map((c) => [c.name, c] as const))('%s: one curve per group as survfit(~ group)', (_name, c) => {
    const curves = kaplanMeierByGroup(c.rows);
    expect(curves.map((g) => g.group)).toEqual(c.groups.map((g) => g.group));
    c.groups.forEach((r, i) => {
      const km = curves[i]!.curve;
      expectAllClose(km.time, r.time, `${r.group} time`);
      expectAllClose(km.surv, r.surv, `${r.group} surv`);
      expectAllClose(km.stdErrLog, r['std.err'], `${r.group} std.err`);
      expectAllClose(km.lower, r.lower, `${r.group} lower`);
      expectAllClose(km.upper, r.upper, `${r.group} upper`);
      expectAllClose(km.nRisk, r['n.risk'], `${r.group} n.risk`);
    });
  });
});

describe('Kaplan–Meier details', () => {
  const aml = golden.cases.find((c) => c.name === 'aml')!;

  it('RMST before the first time is tau itself, with SE 0 (R refuses such a tau)', () => {
    const m = restrictedMean(kaplanMeier(aml.rows), 2);
    expect(m).toMatchObject({ tau: 2, rmean: 2, stdErr: 0 });
  });

  it('the SE of S is S × the SE of log S, and null where S = 0', () => {
    const km = kaplanMeier([
      { time: 1, status: 1 },
      { time: 2, status: 0 },
      { time: 3, status: 1 },
    ]);
    expect(km.surv).toEqual([2 / 3, 2 / 3, 0]);
    expect(km.stdErr[0]).toBeCloseTo((2 / 3) * km.stdErrLog[0]!, 15);
    expect(km.stdErr[2]).toBeNull();
    expect(km.stdErrLog[2]).toBeNull();
    expect([km.lower[2], km.upper[2]]).toEqual([null, null]);
  });

  it('flags horizons past the last observed time', () => {
    const at = survivalAt(kaplanMeier(aml.rows), [10, 1000]);
    expect(at.map((a) => a.beyondLastTime)).toEqual([false, true]);
    expect(at[1]!.nRisk).toBe(0);
  });

  it('a median not reached is null', () => {
    const m = medianSurvival(kaplanMeier([{ time: 3, status: 1 }, ...Array.from({ length: 5 }, () => ({ time: 9, status: 0 as const }))]));
    expect(m.median).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const rowArb = fc.record({
  time: fc.integer({ min: 0, max: 40 }),
  status: fc.constantFrom<0 | 1>(0, 1),
  weight: fc.integer({ min: 1, max: 6 }),
});

function expandRows<T extends { weight?: number }>(rows: readonly T[]): T[] {
  return rows.flatMap((r) => Array.from({ length: r.weight ?? 1 }, () => ({ ...r, weight: undefined })));
}

describe('Kaplan–Meier properties', () => {
  it('S is non-increasing, in [0, 1], and inside its confidence band', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), fc.constantFrom<ConfType>('log', 'log-log', 'plain'), (rows, confType) => {
        const km = kaplanMeier(rows, { confType });
        let prev = 1;
        km.surv.forEach((s, i) => {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(prev);
          prev = s;
          const lo = km.lower[i];
          const hi = km.upper[i];
          if (lo !== null && lo !== undefined) expect(lo).toBeLessThanOrEqual(s + 1e-12);
          if (hi !== null && hi !== undefined) expect(hi).toBeGreaterThanOrEqual(s - 1e-12);
          expect(Number.isNaN(s)).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('aggregated rows with weights give exactly the expanded rows (curve, median, RMST)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), (rows) => {
        const a = kaplanMeier(rows);
        const b = kaplanMeier(expandRows(rows));
        expect(a.time).toEqual(b.time);
        expect(a.nRisk).toEqual(b.nRisk);
        expectAllClose(a.surv, b.surv, 'surv', 1e-12);
        expectAllClose(a.stdErrLog, b.stdErrLog, 'se', 1e-12);
        expect(medianSurvival(a)).toEqual(medianSurvival(b));
        const tau = a.time[a.time.length - 1]! + 1;
        expectClose(restrictedMean(a, tau).rmean, restrictedMean(b, tau).rmean, 'rmean', 1e-12);
        expectClose(restrictedMean(a, tau).stdErr, restrictedMean(b, tau).stdErr, 'se(rmean)', 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 40 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))),
        ([rows, shuffled]) => {
          expect(kaplanMeier(shuffled)).toEqual(kaplanMeier(rows));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Kaplan–Meier input errors', () => {
  it.each([
    ['empty data', [], 'EMPTY'],
    ['only zero weights', [{ time: 1, status: 1, weight: 0 }], 'EMPTY'],
    ['a negative time', [{ time: -1, status: 1 }], 'NEGATIVE_TIME'],
    ['a NaN time', [{ time: Number.NaN, status: 1 }], 'NOT_FINITE'],
    ['an infinite time', [{ time: Infinity, status: 0 }], 'NOT_FINITE'],
    ['status 2 (R 1/2 coding)', [{ time: 1, status: 2 }], 'BAD_STATUS'],
    ['a fractional weight', [{ time: 1, status: 1, weight: 1.5 }], 'BAD_WEIGHT'],
    ['a negative weight', [{ time: 1, status: 1, weight: -1 }], 'BAD_WEIGHT'],
    ['a NaN weight', [{ time: 1, status: 1, weight: Number.NaN }], 'NOT_FINITE'],
  ])('%s → %s', (_what, rows, code) => {
    expect(() => kaplanMeier(rows as SurvivalRow[])).toThrow(expect.objectContaining({ name: 'StatsInputError', code }));
  });

  it('rejects a bad option or horizon', () => {
    const km = kaplanMeier([{ time: 1, status: 1 }]);
    expect(() => kaplanMeier([{ time: 1, status: 1 }], { confType: 'logit' as ConfType })).toThrow(StatsInputError);
    expect(() => kaplanMeier([{ time: 1, status: 1 }], { confLevel: 1 })).toThrow(expect.objectContaining({ code: 'BAD_PROBABILITY' }));
    expect(() => survivalAt(km, [Number.NaN])).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
    expect(() => restrictedMean(km, 0)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => kaplanMeierByGroup([{ time: 1, status: 1, group: undefined as unknown as string }])).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT' }),
    );
  });
});
