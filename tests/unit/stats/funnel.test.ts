import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyFunnel, funnelLimits, type FunnelMethod } from '../../../src/core/stats';
import { BinomialDistribution } from '../../../src/core/stats/binomial';
import { expectAllClose, fixture } from './golden';

type Limits = { lower95: number[]; upper95: number[]; lower998: number[]; upper998: number[] };
const golden = fixture<{ ns: number[]; cases: { target: number; exact: Limits; normal: Limits }[] }>('funnel');

describe('funnel limits match Spiegelhalter (2005) computed in R with qbinom/pbinom (golden fixtures)', () => {
  const cases = golden.cases.flatMap((c) => (['exact', 'normal'] as FunnelMethod[]).map((m) => [c.target, m, c] as const));
  it.each(cases)('target %d, %s', (target, method, c) => {
    const r = funnelLimits(target, golden.ns, method);
    const e = c[method];
    expectAllClose(
      r.map((l) => l.lower95),
      e.lower95,
      'lower 95%',
    );
    expectAllClose(
      r.map((l) => l.upper95),
      e.upper95,
      'upper 95%',
    );
    expectAllClose(
      r.map((l) => l.lower998),
      e.lower998,
      'lower 99.8%',
    );
    expectAllClose(
      r.map((l) => l.upper998),
      e.upper998,
      'upper 99.8%',
    );
  });
});

describe('funnel classification', () => {
  it('places units inside, above or below each pair of limits', () => {
    const r = classifyFunnel(
      [
        { x: 70, n: 100 }, // on target
        { x: 95, n: 100 }, // far above
        { x: 630, n: 1000 }, // below 99.8% at n = 1000 (z ≈ −4.8)
        { x: 2, n: 3 }, // a small unit
        { x: 660, n: 1000 }, // below the 95% limit only
      ],
      { target: 0.7 },
    );
    expect(r.points.map((p) => [p.at95, p.at998])).toEqual([
      ['inside', 'inside'],
      ['above', 'above'],
      ['below', 'below'],
      ['inside', 'inside'],
      ['below', 'inside'],
    ]);
    expect(r.points[2]!.proportion).toBe(0.63);
  });

  it('small-n caveat of the interpolated limits: 3/3 against 70% sits above even the 99.8% limit', () => {
    // Bin(3, 0.7) cannot put 0.1% in its upper tail (P(X = 3) = 0.343), yet the interpolation
    // gives (3 − α)/3 with α = 0.001/0.343, just under 1 (see funnel.ts).
    const [p] = classifyFunnel([{ x: 3, n: 3 }], { target: 0.7 }).points;
    expect(p!.limits.upper998).toBeCloseTo((3 - 0.001 / 0.343) / 3, 12);
    expect(p!.at998).toBe('above');
    expect(classifyFunnel([{ x: 3, n: 3 }], { target: 0.7, method: 'normal' }).points[0]!.at998).toBe('inside');
  });

  it('defaults the target to the pooled proportion', () => {
    const r = classifyFunnel([
      { x: 30, n: 100 },
      { x: 50, n: 100 },
    ]);
    expect(r.target).toBe(0.4);
    expect(r.method).toBe('exact');
  });

  it('99.8% limits contain the 95% limits, and both stay in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.integer({ min: 1, max: 100000 }),
        fc.constantFrom<FunnelMethod>('exact', 'normal'),
        (target, n, method) => {
          const [l] = funnelLimits(target, [n], method);
          expect(l!.lower998).toBeLessThanOrEqual(l!.lower95);
          expect(l!.lower95).toBeLessThanOrEqual(l!.upper95);
          expect(l!.upper95).toBeLessThanOrEqual(l!.upper998);
          expect(l!.lower998).toBeGreaterThanOrEqual(0);
          expect(l!.upper998).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the exact binomial CDF sums to 1 and matches small cases computed by hand', () => {
    const b = new BinomialDistribution(4, 0.5);
    expectAllClose(
      [0, 1, 2, 3, 4].map((r) => b.cdf(r)),
      [1 / 16, 5 / 16, 11 / 16, 15 / 16, 1],
      'Bin(4, 1/2)',
      1e-14,
    );
    expect(b.quantile(0.5)).toBe(2);
    expect(b.quantile(0.0625)).toBe(0);
    expect(b.cdf(-1)).toBe(0);
  });

  it('rejects impossible inputs', () => {
    expect(() => funnelLimits(0, [10])).toThrow(expect.objectContaining({ code: 'BAD_PROBABILITY' }));
    expect(() => funnelLimits(0.5, [0])).toThrow(expect.objectContaining({ code: 'BAD_COUNT' }));
    expect(() => funnelLimits(0.5, [10], 'poisson' as FunnelMethod)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => classifyFunnel([])).toThrow(expect.objectContaining({ code: 'EMPTY' }));
    expect(() => classifyFunnel([{ x: 0, n: 10 }])).toThrow(expect.objectContaining({ code: 'BAD_PROBABILITY' }));
    expect(() => classifyFunnel([{ x: 11, n: 10 }], { target: 0.5 })).toThrow(expect.objectContaining({ code: 'BAD_COUNT' }));
  });
});
