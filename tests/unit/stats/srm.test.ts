import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch, SRM_THRESHOLD } from '../../../src/core/stats';
import { expectAllClose, expectClose, fixture } from './golden';

const golden = fixture<{ cases: { observed: number[]; shares: number[]; statistic: number; df: number; pvalue: number; expected: number[] }[] }>('srm');

describe('sample-ratio mismatch matches R chisq.test(x, p =, rescale.p = TRUE) (golden fixtures)', () => {
  it.each(golden.cases.map((c) => [c.observed.join(':'), c] as const))('%s', (_name, c) => {
    const r = sampleRatioMismatch(c.observed, c.shares);
    expectClose(r.chiSquare, c.statistic, 'X-squared');
    expect(r.df).toBe(c.df);
    expectClose(r.pValue, c.pvalue, 'p-value');
    expectAllClose(r.expected, c.expected, 'expected');
    expect(r.blocked).toBe(c.pvalue < SRM_THRESHOLD);
  });

  it('blocks at p < 0.001 and not above', () => {
    expect(sampleRatioMismatch([50000, 51000], [0.5, 0.5]).blocked).toBe(false); // p ≈ 0.0017
    expect(sampleRatioMismatch([50000, 51500], [0.5, 0.5]).blocked).toBe(true);
    expect(sampleRatioMismatch([5050, 4950], [1, 1]).blocked).toBe(false);
  });

  it('rejects malformed plans', () => {
    expect(() => sampleRatioMismatch([1, 2], [0.5])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
    expect(() => sampleRatioMismatch([1], [1])).toThrow(expect.objectContaining({ code: 'TOO_FEW_GROUPS' }));
    expect(() => sampleRatioMismatch([0, 0], [0.5, 0.5])).toThrow(expect.objectContaining({ code: 'EMPTY' }));
    expect(() => sampleRatioMismatch([3, 4], [0.5, 0])).toThrow(expect.objectContaining({ code: 'BAD_PROBABILITY' }));
    expect(() => sampleRatioMismatch([3, 4.5], [0.5, 0.5])).toThrow(expect.objectContaining({ code: 'BAD_COUNT' }));
    expect(() => sampleRatioMismatch([3, 4], [0.5, Number.NaN])).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
  });
});
