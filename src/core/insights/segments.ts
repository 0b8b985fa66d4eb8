/**
 * Uplift by pre-registered segment: for each segment the experiment declared (customers with one
 * covariate, experiments/declaration.ts SEGMENTS) and for its complement, the difference in
 * retention at the design's horizon between the arms (offer − holdout), among the customers
 * followed that long, with its Newcombe 95 % interval and the Pearson χ² p-value
 * (stats/proportions.ts). A segment is reported only when each of its arms has the experiment's
 * minimum of customers; the p-values of every segment reported are Holm-adjusted together
 * (stats/p-adjust.ts), and the verdict says "not distinguishable" unless the adjusted p < 0.05.
 *
 * Why Holm: eight comparisons at 5 % each would find a "segment where the offer works" by chance
 * alone about a third of the time. The intervals are per segment and not adjusted, so the note
 * says the verdict follows the adjusted p.
 */
import type { IntervalEstimate, SegmentFigures, SegmentResult } from '../api';
import type { Arm, Experiment, SegmentId } from '../experiments';
import { formatNumber, t, type Locale } from '../i18n';
import { holm, twoProportions } from '../stats';
import type { RiskSetRow } from './experiment-figures';

/** Below this adjusted p-value a segment's difference is called distinguishable. */
export const SEGMENT_ALPHA = 0.05;

interface Measured {
  segment: SegmentId;
  inSegment: boolean;
  offerCustomers: number;
  holdoutCustomers: number;
  difference: IntervalEstimate | null;
  pValue: number | null;
}

/** Null when the experiment declares no segment. */
export function segmentFigures(e: Experiment, rows: readonly RiskSetRow[], locale: Locale): SegmentFigures | null {
  const declared = e.segments ?? [];
  if (declared.length === 0) return null;
  const days = e.design.horizonDays;
  const cohort = rows.filter((r) => r.reach >= days);

  const measured: Measured[] = declared.flatMap((segment) =>
    [true, false].map((inSegment) => {
      const part = cohort.filter((r) => (r[segment] === 1) === inSegment);
      const count = (arm: Arm) => {
        let n = 0;
        let kept = 0;
        for (const r of part) {
          if (r.arm !== arm) continue;
          n += r.n;
          if (!(r.status === 1 && r.time <= days)) kept += r.n;
        }
        return { n, kept };
      };
      const o = count('offer');
      const h = count('holdout');
      const base = { segment, inSegment, offerCustomers: o.n, holdoutCustomers: h.n };
      if (Math.min(o.n, h.n) < e.minimumPerArm) return { ...base, difference: null, pValue: null };
      const two = twoProportions({ x: o.kept, n: o.n }, { x: h.kept, n: h.n });
      // No test when both arms kept everyone (or no one): the difference is exactly 0, p = 1.
      const pValue = two.test ? two.test.pValue : 1;
      return { ...base, difference: { estimate: two.difference, lower: two.newcombe.lower, upper: two.newcombe.upper }, pValue };
    }),
  );

  const reported = measured.filter((m) => m.pValue !== null);
  const adjusted = holm(reported.map((m) => m.pValue!));
  const adjustedOf = new Map(reported.map((m, i) => [m, adjusted[i]!]));

  const fmt = (n: number, digits: number) => formatNumber(locale, n, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const p = (x: number) => (x < 0.001 ? formatNumber(locale, 0.001, { maximumFractionDigits: 3, minimumFractionDigits: 3 }) : fmt(x, 3));
  const pText = (x: number) => (x < 0.001 ? `< ${p(x)}` : `= ${p(x)}`);

  const out: SegmentResult[] = measured.map((m) => {
    const label = t(locale, `insights.segment.${m.segment}.${m.inSegment ? 'in' : 'out'}`);
    const adjustedPValue = adjustedOf.get(m) ?? null;
    if (m.difference === null || adjustedPValue === null || m.pValue === null) {
      return {
        ...m,
        label,
        adjustedPValue: null,
        distinguishable: null,
        verdict: t(locale, 'insights.segment.hidden', { min: fmt(e.minimumPerArm, 0), days }),
      };
    }
    const distinguishable = adjustedPValue < SEGMENT_ALPHA;
    const d = m.difference.estimate;
    const key = !distinguishable ? 'insights.segment.notDistinguishable' : d > 0 ? 'insights.segment.kept' : 'insights.segment.lost';
    const verdict = t(locale, key, { diff: fmt(Math.abs(d) * 100, 1), p: pText(adjustedPValue) });
    return { ...m, label, adjustedPValue, distinguishable, verdict };
  });

  const note = t(locale, 'insights.segments.note', { days, n: reported.length });
  return { days, rows: out, comparisons: reported.length, note };
}
