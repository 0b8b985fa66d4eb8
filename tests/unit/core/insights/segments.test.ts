import { describe, expect, it } from 'vitest';
import { experimentSchema, type Arm, type Experiment } from '../../../../src/core/experiments';
import { experimentInsight, segmentFigures, type RiskSetRow } from '../../../../src/core/insights';
import { SAMPLE_POLICY } from '../../../../src/core/policy';

const base = SAMPLE_POLICY.experiments![0]!;
const experiment = (over: Partial<Experiment> = {}): Experiment => experimentSchema.parse({ ...base, ...over });

/** `kept` of `n` customers of one arm still with us at 90 days (followed 90 days), the others cancelled on day 40. */
function group(arm: Arm, highRisk: number, kept: number, n: number, extra: Partial<RiskSetRow> = {}): RiskSetRow[] {
  const row = { arm, highRisk, newCustomer: 0, billShock: 0, notGood: 0, offered: 0, reach: 90, ...extra };
  return [
    { ...row, time: 100, status: 0, n: kept },
    { ...row, time: 40, status: 1, n: n - kept },
  ];
}

// Golden values: R  prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$p.value, then p.adjust(p, "holm").
//   high risk       60/100 vs 45/100 → p = 0.033672;  not high 75/100 vs 68/100 → p = 0.272861
//   everyone        135/200 vs 113/200 → p = 0.023437 (newCustomer = 0 for all: "under 12 months" is empty)
//   holm(c(0.033672, 0.272861, 0.023437)) = 0.070311, 0.272861, 0.070311
const modest: RiskSetRow[] = [...group('offer', 1, 60, 100), ...group('holdout', 1, 45, 100), ...group('offer', 0, 75, 100), ...group('holdout', 0, 68, 100)];

describe('segmentFigures: uplift by pre-registered segment, Holm-adjusted', () => {
  it('is null when the experiment declares no segment', () => {
    expect(segmentFigures(experiment({ segments: undefined }), modest, 'en')).toBeNull();
  });

  it('reports each segment and its complement, and calls raw p < 0.05 "not distinguishable" when Holm’s is not', () => {
    const f = segmentFigures(experiment({ segments: ['highRisk', 'newCustomer'] }), modest, 'en')!;
    expect(f.days).toBe(90);
    expect(f.rows.map((r) => [r.segment, r.inSegment, r.offerCustomers, r.holdoutCustomers])).toEqual([
      ['highRisk', true, 100, 100],
      ['highRisk', false, 100, 100],
      ['newCustomer', true, 0, 0],
      ['newCustomer', false, 200, 200],
    ]);
    // The empty segment is not reported and not in the family: three comparisons.
    expect(f.comparisons).toBe(3);
    const [high, notHigh, young, all] = f.rows as [(typeof f.rows)[0], (typeof f.rows)[0], (typeof f.rows)[0], (typeof f.rows)[0]];
    expect(high.difference!.estimate).toBeCloseTo(0.15, 12);
    expect(high.difference!.lower).toBeLessThan(0.15);
    expect(high.difference!.upper).toBeGreaterThan(0.15);
    expect(high.pValue).toBeCloseTo(0.033672, 5);
    expect(high.pValue!).toBeLessThan(0.05);
    expect(high.adjustedPValue).toBeCloseTo(0.070311, 5);
    expect(high.distinguishable).toBe(false);
    expect(high.verdict).toBe('Not distinguishable from no effect (adjusted p = 0.070).');
    expect(high.label).toBe('Churn risk high');
    expect(notHigh.pValue).toBeCloseTo(0.272861, 5);
    expect(notHigh.adjustedPValue).toBeCloseTo(0.272861, 5);
    expect(notHigh.label).toBe('Churn risk not high');
    expect(all.pValue).toBeCloseTo(0.023437, 5);
    expect(all.adjustedPValue).toBeCloseTo(0.070311, 5);
    expect(all.distinguishable).toBe(false);
    expect(young.difference).toBeNull();
    expect(young.pValue).toBeNull();
    expect(young.adjustedPValue).toBeNull();
    expect(young.distinguishable).toBeNull();
    expect(young.verdict).toBe('Fewer than 30 customers in an arm followed 90 days: not reported.');
    expect(f.note).toContain('Holm-adjusted across the 3 segments reported');
  });

  it('says which way a difference that survives the adjustment goes, in English and French', () => {
    // 80/100 vs 50/100: p = 8.69e-6, far below 0.05 even times 3.
    const rows = [...group('offer', 1, 80, 100), ...group('holdout', 1, 50, 100), ...group('offer', 0, 50, 100), ...group('holdout', 0, 80, 100)];
    const e = experiment({ segments: ['highRisk'] });
    const en = segmentFigures(e, rows, 'en')!;
    expect(en.comparisons).toBe(2);
    expect(en.rows[0]!.distinguishable).toBe(true);
    expect(en.rows[0]!.adjustedPValue).toBeCloseTo(2 * 8.68771e-6, 9);
    expect(en.rows[0]!.verdict).toBe('The offer kept 30.0 more in 100 (adjusted p < 0.001).');
    expect(en.rows[1]!.verdict).toBe('The offer kept 30.0 fewer in 100 (adjusted p < 0.001).');
    const fr = segmentFigures(e, rows, 'fr')!;
    expect(fr.rows[0]!.label).toBe('Risque de départ élevé');
    expect(fr.rows[0]!.verdict).toBe('L’offre a retenu 30,0 clients de plus sur 100 (p ajustée < 0,001).');
    expect(fr.rows[1]!.verdict).toBe('L’offre a retenu 30,0 clients de moins sur 100 (p ajustée < 0,001).');
  });

  it('counts only customers followed to the horizon, and a cancellation after it as kept', () => {
    const rows = [
      ...modest,
      // Enrolled under 90 days ago: left out whatever happened to them.
      ...group('offer', 1, 0, 500, { reach: 30, time: 20 }),
      // Cancelled on day 120, after the 90-day horizon: kept at 90 days.
      { arm: 'holdout', highRisk: 1, newCustomer: 0, billShock: 0, notGood: 0, offered: 0, reach: 180, time: 120, status: 1, n: 10 },
    ] satisfies RiskSetRow[];
    const f = segmentFigures(experiment({ segments: ['highRisk'] }), rows, 'en')!;
    expect(f.rows[0]!.offerCustomers).toBe(100);
    expect(f.rows[0]!.holdoutCustomers).toBe(110);
    expect(f.rows[0]!.difference!.estimate).toBeCloseTo(0.6 - 55 / 110, 12);
  });

  it('does not report a segment whose smaller arm is under the minimum, and leaves it out of the family', () => {
    const rows = [...group('offer', 1, 60, 100), ...group('holdout', 1, 20, 29), ...group('offer', 0, 75, 100), ...group('holdout', 0, 68, 100)];
    const f = segmentFigures(experiment({ segments: ['highRisk'] }), rows, 'en')!;
    expect(f.rows[0]!.holdoutCustomers).toBe(29);
    expect(f.rows[0]!.difference).toBeNull();
    expect(f.comparisons).toBe(1);
    // Alone in the family, the complement's p is not adjusted.
    expect(f.rows[1]!.adjustedPValue).toBeCloseTo(0.272861, 5);
  });

  it('gives p = 1 when both arms kept everyone (no χ² test), and joins the family with it', () => {
    const rows = [...group('offer', 1, 100, 100), ...group('holdout', 1, 40, 40), ...group('offer', 0, 60, 100), ...group('holdout', 0, 45, 100)];
    const f = segmentFigures(experiment({ segments: ['highRisk'] }), rows, 'en')!;
    expect(f.rows[0]!.difference!.estimate).toBe(0);
    expect(f.rows[0]!.pValue).toBe(1);
    expect(f.comparisons).toBe(2);
    expect(f.rows[1]!.adjustedPValue).toBeCloseTo(2 * 0.033672, 5);
  });

  it('is part of the experiment’s figures', () => {
    // Equal arms, as these rows have: a 50 % holdout keeps the sample-ratio check quiet.
    const insight = experimentInsight(experiment({ holdoutBp: 5000, segments: ['highRisk', 'newCustomer'] }), modest, '2026-12-01', 'en');
    expect(insight.figures!.segments!.comparisons).toBe(3);
    expect(experimentInsight(experiment({ holdoutBp: 5000, segments: undefined }), modest, '2026-12-01', 'en').figures!.segments).toBeNull();
  });
});

describe('experimentSchema: segments', () => {
  it('accepts the known segments and refuses an unknown one, a repeated one or an empty list', () => {
    expect(experiment({ segments: ['billShock', 'notGood'] }).segments).toEqual(['billShock', 'notGood']);
    expect(experimentSchema.safeParse({ ...base, segments: ['vip'] }).success).toBe(false);
    expect(experimentSchema.safeParse({ ...base, segments: ['highRisk', 'highRisk'] }).success).toBe(false);
    expect(experimentSchema.safeParse({ ...base, segments: [] }).success).toBe(false);
  });

  it('the sample policy pre-registers its segments', () => {
    expect(base.segments).toEqual(['highRisk', 'newCustomer']);
  });
});
