import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pnorm, qnorm } from '../../../src/core/stats/distributions';
import { sampleSizePerArm, twoProportions, wilsonInterval } from '../../../src/core/stats';
import { expectAllClose, expectClose, fixture } from './golden';

interface PropCase {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  conf: number;
  statistic: number | null;
  pvalue: number | null;
  wald: number[];
  wilson1: number[];
  wilson2: number[];
  newcombe: number[];
}
interface PowerCase {
  p1: number;
  p2: number;
  alpha: number;
  power: number;
  n: number;
  nDefaultTol: number;
  perArm: number;
}
const golden = fixture<{ twoSample: PropCase[]; power: PowerCase[] }>('proportions');

describe('proportions match R prop.test(correct = FALSE) (golden fixtures)', () => {
  it.each(golden.twoSample.map((c) => [`${c.x1}/${c.n1} vs ${c.x2}/${c.n2} at ${c.conf}`, c] as const))('%s', (_name, c) => {
    const r = twoProportions({ x: c.x1, n: c.n1 }, { x: c.x2, n: c.n2 }, c.conf);
    expectClose(r.difference, c.x1 / c.n1 - c.x2 / c.n2, 'difference');
    expectAllClose([r.wald.lower, r.wald.upper], c.wald, 'Wald CI (prop.test conf.int)');
    expectAllClose([r.newcombe.lower, r.newcombe.upper], c.newcombe, 'Newcombe CI');
    if (c.statistic === null) {
      expect(r.test).toBeNull();
    } else {
      expectClose(r.test!.chiSquare, c.statistic, 'X-squared');
      expectClose(r.test!.pValue, c.pvalue, 'p-value');
      expect(r.test!.df).toBe(1);
    }
    const w1 = wilsonInterval({ x: c.x1, n: c.n1 }, c.conf);
    const w2 = wilsonInterval({ x: c.x2, n: c.n2 }, c.conf);
    expectAllClose([w1.lower, w1.upper], c.wilson1, 'Wilson 1');
    expectAllClose([w2.lower, w2.upper], c.wilson2, 'Wilson 2');
  });

  it("reproduces Newcombe's (1998) published example: 56/70 − 48/80, 95% CI 0.0524 to 0.3339", () => {
    const r = twoProportions({ x: 56, n: 70 }, { x: 48, n: 80 });
    expect(r.newcombe.lower).toBeCloseTo(0.0524, 4);
    expect(r.newcombe.upper).toBeCloseTo(0.3339, 4);
  });
});

describe('sample size per arm matches R power.prop.test (golden fixtures)', () => {
  it.each(golden.power.map((c) => [`${c.p1} → ${c.p2}, alpha ${c.alpha}, power ${c.power}`, c] as const))('%s', (_name, c) => {
    const r = sampleSizePerArm({ baseline: c.p1, minimumDetectableDifference: c.p2 - c.p1, alpha: c.alpha, power: c.power });
    expectClose(r.n, c.n, 'n (R with tol = 1e-10)');
    expect(r.perArm).toBe(c.perArm);
  });

  it('the n it returns gives exactly the requested power (the power.prop.test equation)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 0.09, noNaN: true }),
        fc.double({ min: 0.55, max: 0.99, noNaN: true }),
        (p1, d, power) => {
          const r = sampleSizePerArm({ baseline: p1, minimumDetectableDifference: d, power });
          const p2 = p1 + d;
          const achieved = pnorm((Math.sqrt(r.n) * d - qnorm(0.975) * Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2))) / Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)));
          expect(achieved).toBeCloseTo(power, 10);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects impossible designs', () => {
    expect(() => sampleSizePerArm({ baseline: 0.98, minimumDetectableDifference: 0.05 })).toThrow(expect.objectContaining({ code: 'BAD_PROBABILITY' }));
    expect(() => sampleSizePerArm({ baseline: 0.5, minimumDetectableDifference: 0 })).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => sampleSizePerArm({ baseline: 0.5, minimumDetectableDifference: 0.1, power: 1 })).toThrow(expect.objectContaining({ code: 'BAD_PROBABILITY' }));
    expect(() => sampleSizePerArm({ baseline: Number.NaN, minimumDetectableDifference: 0.1 })).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
  });
});

const countArb = fc.integer({ min: 1, max: 500 }).chain((n) => fc.record({ x: fc.integer({ min: 0, max: n }), n: fc.constant(n) }));

describe('proportion properties', () => {
  it('Wilson lies in [0, 1] and contains the estimate; Newcombe contains the difference', () => {
    fc.assert(
      fc.property(countArb, countArb, (a, b) => {
        const w = wilsonInterval(a);
        expect(w.lower).toBeGreaterThanOrEqual(0);
        expect(w.upper).toBeLessThanOrEqual(1);
        expect(w.lower).toBeLessThanOrEqual(w.estimate + 1e-15);
        expect(w.upper).toBeGreaterThanOrEqual(w.estimate - 1e-15);
        const r = twoProportions(a, b);
        expect(r.newcombe.lower).toBeLessThanOrEqual(r.difference + 1e-15);
        expect(r.newcombe.upper).toBeGreaterThanOrEqual(r.difference - 1e-15);
        expect(r.newcombe.lower).toBeGreaterThanOrEqual(-1 - 1e-15);
        expect(r.newcombe.upper).toBeLessThanOrEqual(1 + 1e-15);
        if (r.test) {
          expect(r.test.pValue).toBeGreaterThanOrEqual(0);
          expect(r.test.pValue).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval({ x: 5, n: 4 })).toThrow(expect.objectContaining({ code: 'BAD_COUNT' }));
    expect(() => wilsonInterval({ x: 1.5, n: 4 })).toThrow(expect.objectContaining({ code: 'BAD_COUNT' }));
    expect(() => wilsonInterval({ x: 0, n: 0 })).toThrow(expect.objectContaining({ code: 'BAD_COUNT' }));
    expect(() => twoProportions({ x: 1, n: 4 }, { x: Number.NaN, n: 4 })).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
    expect(() => twoProportions({ x: 1, n: 4 }, { x: 1, n: 4 }, 0)).toThrow(expect.objectContaining({ code: 'BAD_PROBABILITY' }));
  });
});
