/**
 * Scale: the app calls these on up to 1,000,000 customers, usually as aggregated rows (one row
 * per day × status × arm with a count). These tests only check that such inputs go through with
 * consistent totals; an accidental O(n²) step would blow the test timeout.
 */
import { describe, expect, it } from 'vitest';
import { coxPH, kaplanMeier, kaplanMeierByGroup, logRank, medianSurvival, restrictedMean } from '../../../src/core/stats';

/** mulberry32: a small deterministic generator in [0, 1). */
function lcg(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('scale', () => {
  it('1,000,000 customers as aggregated rows (365 days × 2 statuses × 3 arms)', () => {
    const rnd = lcg(7);
    const arms = ['holdout', 'ten', 'twenty'] as const;
    const rows = [];
    let total = 0;
    for (const [a, arm] of arms.entries()) {
      for (let day = 0; day < 365; day++) {
        for (const status of [0, 1] as const) {
          const weight = 1 + Math.floor(rnd() * (status === 1 ? 300 : 1500) * (1 - 0.1 * a));
          total += weight;
          rows.push({ time: day, status, weight, group: arm, covariates: [a === 1 ? 1 : 0, a === 2 ? 1 : 0] });
        }
      }
    }
    const scale = 1_000_000 / total;
    for (const r of rows) r.weight = Math.max(1, Math.round(r.weight * scale));
    const n = rows.reduce((s, r) => s + r.weight, 0);
    expect(n).toBeGreaterThan(990_000);

    const km = kaplanMeier(rows);
    expect(km.n).toBe(n);
    expect(km.time).toHaveLength(365);
    expect(medianSurvival(km).median).not.toBeNaN();
    expect(restrictedMean(km, 365).rmean).toBeGreaterThan(0);
    expect(
      kaplanMeierByGroup(rows)
        .map((g) => g.curve.n)
        .reduce((s, v) => s + v, 0),
    ).toBe(n);
    const lr = logRank(rows);
    expect(lr.n.reduce((s, v) => s + v, 0)).toBe(n);
    const cox = coxPH(rows, { names: ['ten', 'twenty'] });
    expect(cox.n).toBe(n);
    expect(cox.converged).toBe(true);
  });

  it('200,000 raw rows with continuous times (all distinct) and strata', () => {
    const rnd = lcg(11);
    const rows = Array.from({ length: 200_000 }, () => {
      const g = Math.floor(rnd() * 3);
      const t = -Math.log(1 - rnd()) * 300 * (1 + 0.1 * g);
      const c = rnd() * 400;
      return {
        time: Math.min(t, c),
        status: (t <= c ? 1 : 0) as 0 | 1,
        group: g,
        stratum: rnd() < 0.5 ? 'web' : 'phone',
        covariates: [g === 1 ? 1 : 0, g === 2 ? 1 : 0, rnd()],
      };
    });
    expect(kaplanMeier(rows).time.length).toBeGreaterThan(190_000);
    expect(logRank(rows).df).toBe(2);
    expect(coxPH(rows).converged).toBe(true);
  });
});
