/**
 * The practices' figures are computed in one pass over a period's rows (a re-slice by period
 * at 1M customers counts a few hundred thousand rows): each side of each practice, each
 * disposition, and each practice's Cox fit from rows collapsed to cells. These tests hold the
 * figures to their definitions, row by row: the retention rule with the side's own predicate, Wilson's
 * interval over it, and a Cox fit of the uncollapsed rows with the same covariates.
 */
import { describe, expect, it } from 'vitest';
import { COVARIATES, MIN_PER_GROUP, PRACTICE_BIT, PRACTICES, practiceFigures, type PracticeRiskRow } from '../../../../src/core/insights';
import { coxPH, wilsonInterval } from '../../../../src/core/stats';

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISPOSITIONS = [null, 'resolved', 'callback', 'cancelled', 'other'];

/** Rows with a hazard that depends on the practices and the segment, so fits converge. */
function rows(seed: number, count: number): PracticeRiskRow[] {
  const rnd = seeded(seed);
  return Array.from({ length: count }, () => {
    const mask = Math.floor(rnd() * 256);
    const highRisk = rnd() < 0.3 ? 1 : 0;
    const followed = Math.floor(rnd() * 400);
    const hazard = 0.002 * (highRisk ? 2 : 1) * (mask & 1 ? 0.7 : 1) * (mask & 16 ? 1.4 : 1);
    const cancelledAfter = Math.floor(-Math.log(1 - rnd()) / hazard);
    const cancelled = cancelledAfter <= followed;
    return {
      agentId: `agent-${Math.floor(rnd() * 6)}`,
      mask,
      disposition: DISPOSITIONS[Math.floor(rnd() * DISPOSITIONS.length)]!,
      highRisk,
      newCustomer: rnd() < 0.2 ? 1 : 0,
      billShock: rnd() < 0.1 ? 1 : 0,
      // Constant here: a covariate that never varies cannot be fitted and is left out.
      notGood: 0,
      reach: followed >= 180 ? 180 : followed >= 90 ? 90 : followed >= 30 ? 30 : 0,
      time: cancelled ? cancelledAfter : followed,
      status: cancelled ? 1 : 0,
      n: 1 + Math.floor(rnd() * 3),
    } satisfies PracticeRiskRow;
  });
}

/** The rule, row by row: customers; those followed 90 days; those of them not cancelled by day 90. */
function countKept(rs: readonly PracticeRiskRow[], pick: (r: PracticeRiskRow) => boolean) {
  let customers = 0;
  let followed = 0;
  let kept = 0;
  for (const r of rs.filter(pick)) {
    customers += r.n;
    if (r.reach < 90) continue;
    followed += r.n;
    if (!(r.status === 1 && r.time <= 90)) kept += r.n;
  }
  return { customers, followed, kept };
}

function retentionOf(rs: readonly PracticeRiskRow[], pick: (r: PracticeRiskRow) => boolean) {
  const { customers, followed, kept } = countKept(rs, pick);
  if (followed < MIN_PER_GROUP) return { customers, retention: null };
  const w = wilsonInterval({ x: kept, n: followed });
  return { customers, retention: { estimate: w.estimate, lower: w.lower, upper: w.upper } };
}

describe('practiceFigures', () => {
  for (const seed of [1, 2, 3]) {
    const rs = rows(seed, 4000);
    const figures = practiceFigures(rs, 'en');

    it(`gives each practice's sides, each disposition and the total as countKept does, one predicate at a time (seed ${seed})`, () => {
      expect(figures.customers).toBe(countKept(rs, () => true).customers);
      for (const p of figures.practices) {
        const has = (r: PracticeRiskRow) => (r.mask & PRACTICE_BIT[p.practice]) !== 0;
        expect(p.withPractice).toEqual(retentionOf(rs, has));
        expect(p.without).toEqual(retentionOf(rs, (r) => !has(r)));
      }
      const codes = [...new Set(rs.map((r) => r.disposition ?? 'other'))].sort();
      expect(figures.dispositions.map((d) => d.disposition)).toEqual(codes);
      for (const d of figures.dispositions)
        expect(d).toEqual({ disposition: d.disposition, ...retentionOf(rs, (r) => (r.disposition ?? 'other') === d.disposition) });
    });

    it(`fits each practice's Cox model on collapsed cells as on the rows themselves, leaving out a constant covariate (seed ${seed})`, () => {
      expect(figures.practices.map((p) => p.practice)).toEqual([...PRACTICES]);
      const used = COVARIATES.filter(([key]) => key !== 'notGood');
      let fitted = 0;
      for (const p of figures.practices) {
        if (!p.hazardRatio) continue;
        fitted++;
        expect(p.hazardRatio.covariates).toEqual(used.map(([, name]) => name));
        const direct = coxPH(
          rs.map((r) => ({
            covariates: [(r.mask & PRACTICE_BIT[p.practice]) !== 0 ? 1 : 0, ...used.map(([key]) => r[key])],
            time: r.time,
            status: r.status,
            weight: r.n,
          })),
          { names: ['practice', ...used.map(([key]) => key)] },
        ).coefficients[0]!;
        expect(p.hazardRatio.estimate).toBeCloseTo(direct.hazardRatio, 9);
        expect(p.hazardRatio.lower).toBeCloseTo(direct.lower, 9);
        expect(p.hazardRatio.upper).toBeCloseTo(direct.upper, 9);
      }
      expect(fitted).toBe(PRACTICES.length);
      // The planted effects are found: practice bit 0 (explained) lowers the hazard, bit 4 (granted) raises it.
      const explained = figures.practices.find((p) => p.practice === 'explained')!;
      expect(explained.hazardRatio!.upper).toBeLessThan(1);
      const granted = figures.practices.find((p) => p.practice === 'granted')!;
      expect(granted.hazardRatio!.lower).toBeGreaterThan(1);
    });
  }

  it('shows no figure below the minimum and fits nothing for no rows', () => {
    const empty = practiceFigures([], 'en');
    expect(empty.customers).toBe(0);
    expect(empty.dispositions).toEqual([]);
    for (const p of empty.practices) {
      expect(p.withPractice).toEqual({ customers: 0, retention: null });
      expect(p.hazardRatio).toBeNull();
    }
  });
});
