import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, holm, pAdjust, type PAdjustMethod } from '../../../src/core/stats';
import { expectAllClose, fixture } from './golden';

const golden = fixture<{ cases: { p: number[]; holm: number[]; BH: number[] }[] }>('padjust');

describe('p-value adjustment matches R p.adjust (golden fixtures)', () => {
  it.each(golden.cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    expectAllClose(holm(c.p), c.holm, 'holm');
    expectAllClose(benjaminiHochberg(c.p), c.BH, 'BH');
    expectAllClose(pAdjust(c.p, 'holm'), c.holm, 'pAdjust holm');
  });

  it('an empty vector stays empty', () => {
    expect(pAdjust([], 'BH')).toEqual([]);
  });
});

describe('p-value adjustment properties', () => {
  const pArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 });

  it('p ≤ BH ≤ Holm ≤ 1, elementwise', () => {
    fc.assert(
      fc.property(pArb, (p) => {
        const h = holm(p);
        const b = benjaminiHochberg(p);
        p.forEach((v, i) => {
          expect(b[i]!).toBeGreaterThanOrEqual(v);
          expect(h[i]!).toBeGreaterThanOrEqual(b[i]!);
          expect(h[i]!).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the order of the raw p-values', () => {
    fc.assert(
      fc.property(pArb, fc.constantFrom<PAdjustMethod>('holm', 'BH'), (p, method) => {
        const a = pAdjust(p, method);
        for (let i = 0; i < p.length; i++) for (let j = 0; j < p.length; j++) if (p[i]! <= p[j]!) expect(a[i]!).toBeLessThanOrEqual(a[j]!);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects values that are not p-values', () => {
    expect(() => holm([0.1, Number.NaN])).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
    expect(() => holm([0.1, 1.2])).toThrow(expect.objectContaining({ code: 'BAD_PROBABILITY' }));
    expect(() => pAdjust([0.1], 'bonferroni' as PAdjustMethod)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
});
