/**
 * Every figure of one experiment from its risk-set rows — (arm, covariates, days followed,
 * cancelled or not) → how many — pure, so the desk (main/services/insights/insights.ts, rows from
 * SQLite) and the hub (hub/services/insights.ts, rows from PostgreSQL) give the same figures from
 * the same rows. What the screen may claim is decided here (see the desk service's header).
 */
import { COVARIATES } from './covariates';
import { revenueFigures, type RevenueRow } from './revenue';
import { segmentFigures } from './segments';
import type { ArmCount, CurvePoint, ExperimentFigures, ExperimentInsight, ExperimentStatus, HorizonResult, IntervalEstimate } from '../api';
import type { Arm, Experiment } from '../experiments';
import { formatNumber, t, type Locale } from '../i18n';
import { reasonLabel } from '../policy';
import {
  coxPH,
  kaplanMeier,
  logRank,
  medianSurvival,
  restrictedMean,
  sampleRatioMismatch,
  sampleSizePerArm,
  survivalAt,
  twoProportions,
  wilsonInterval,
  type CoxRow,
  type KaplanMeierResult,
} from '../stats';

const HORIZONS = [30, 90, 180] as const;
const ARMS: readonly Arm[] = ['offer', 'holdout'];

/** One risk-set row: this many customers of this arm and covariates, followed this many days, cancelled or not. */
export interface RiskSetRow {
  arm: Arm;
  highRisk: number;
  newCustomer: number;
  billShock: number;
  notGood: number;
  offered: number;
  /** The longest of 30/90/180 days every customer of the row could have been followed (0: under 30). */
  reach: number;
  time: number;
  status: 0 | 1;
  n: number;
}

/** The revenue sums of one experiment's arms (revenue.ts) and the currency they are in. */
export interface RevenueInput {
  readonly rows: readonly RevenueRow[];
  readonly currency: string;
}

/**
 * Every figure of one experiment from its risk-set rows (the desk's SQLite store or the hub's
 * PostgreSQL give the same rows: hub/services/insights.ts), and its net revenue by arm when the
 * store counted it.
 */
export function experimentInsight(
  e: Experiment,
  rows: readonly RiskSetRow[],
  today: string,
  locale: Locale,
  revenueInput: RevenueInput | null = null,
): ExperimentInsight {
  const holdoutShare = e.holdoutBp / 10_000;
  const planned: Record<Arm, number> = { offer: 1 - holdoutShare, holdout: holdoutShare };
  const arms: ArmCount[] = ARMS.map((arm) => ({
    arm,
    customers: sum(rows, (r) => r.arm === arm),
    cancelled: sum(rows, (r) => r.arm === arm && r.status === 1),
    plannedShare: planned[arm],
  }));
  const [offerN, holdoutN] = [arms[0]!.customers, arms[1]!.customers];
  const srmResult = offerN + holdoutN > 0 ? sampleRatioMismatch([offerN, holdoutN], [planned.offer, planned.holdout]) : null;
  const srm = srmResult ? { chiSquare: srmResult.chiSquare, pValue: srmResult.pValue, blocked: srmResult.blocked } : null;

  // Customers needed for the design: R's power.prop.test n for equal arms, scaled to the
  // planned shares (Var ∝ 1/n₁ + 1/n₂ ⇒ holdout n·(1 + 1/k)/2 with k offer per holdout).
  const { horizonDays, baselineRetention, minimumDetectableDifference } = e.design;
  const equal = sampleSizePerArm({ baseline: baselineRetention, minimumDetectableDifference }).n;
  const k = planned.offer / planned.holdout;
  const totalNeeded = Math.ceil(((equal * (1 + 1 / k)) / 2) * (1 + k));
  const withFollowUp = sum(rows, (r) => followedAtLeast(r, horizonDays));
  const moreNeeded = Math.max(0, totalNeeded - withFollowUp);
  const design = { horizonDays, minimumDetectableDifference, totalNeeded, withFollowUp, moreNeeded };

  const base = {
    experimentId: e.id,
    title: e.title[locale],
    reason: e.reason,
    holdoutBp: e.holdoutBp,
    startsOn: e.startsOn,
    endsOn: e.endsOn ?? null,
    arms,
    srm,
    minimumPerArm: e.minimumPerArm,
    design,
  };
  const fmt = (n: number, digits = 0) => formatNumber(locale, n, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const offerName = reasonLabel(e.reason, locale).toLowerCase();

  if (srm?.blocked) {
    return {
      ...base,
      status: 'blocked_srm',
      statusText: t(locale, 'insights.status.blocked_srm'),
      sentence: t(locale, 'insights.srm.blocked', {
        offer: fmt(offerN),
        holdout: fmt(holdoutN),
        share: fmt(holdoutShare * 100),
        p: srm.pValue.toExponential(1),
      }),
      figures: null,
      revenue: null,
    };
  }
  // Below the minimum it says so itself (customer counts only); its own cohort is the horizon's.
  const revenue = revenueInput ? revenueFigures(e, revenueInput.rows, revenueInput.currency, locale) : null;
  if (Math.min(offerN, holdoutN) < e.minimumPerArm) {
    const missing = Math.max(0, e.minimumPerArm - Math.min(offerN, holdoutN));
    return {
      ...base,
      status: 'collecting',
      statusText: t(locale, 'insights.status.collecting'),
      sentence: t(locale, 'insights.minimum', { min: fmt(e.minimumPerArm), missing: fmt(missing) }),
      figures: null,
      revenue,
    };
  }

  const figures = experimentFigures(e, rows, today, locale, offerName, fmt);
  const status: ExperimentStatus = moreNeeded > 0 ? 'needs_more' : 'result';
  const statusText = status === 'needs_more' ? t(locale, 'insights.status.needs_more', { n: fmt(moreNeeded) }) : t(locale, 'insights.status.result');
  const headline = figures.horizons.find((h) => h.days === horizonDays && h.difference) ?? [...figures.horizons].reverse().find((h) => h.difference);
  const sentence = headline ? headline.sentence : t(locale, 'insights.followUp.none', { days: horizonDays });
  return { ...base, status, statusText, sentence, figures, revenue };
}

function experimentFigures(
  e: Experiment,
  rows: readonly RiskSetRow[],
  today: string,
  locale: Locale,
  offerName: string,
  fmt: (n: number, d?: number) => string,
): ExperimentFigures {
  const km = {} as Record<Arm, KaplanMeierResult>;
  for (const arm of ARMS) km[arm] = kaplanMeier(rows.filter((r) => r.arm === arm).map((r) => ({ time: r.time, status: r.status, weight: r.n })));
  // Each arm's longest follow-up, in one pass (no spread: a large set has tens of thousands of rows).
  const longest: Record<Arm, number> = { offer: 0, holdout: 0 };
  for (const r of rows) if (r.time > longest[r.arm]) longest[r.arm] = r.time;
  const maxT = Math.max(longest.offer, longest.holdout);

  // The curve, weekly, up to the longest follow-up of each arm (past it the arm has no line).
  const days: number[] = [];
  for (let d = 0; d <= maxT; d += 7) days.push(d);
  if (days[days.length - 1] !== maxT) days.push(maxT);
  const at = Object.fromEntries(ARMS.map((arm) => [arm, survivalAt(km[arm], days)])) as Record<Arm, ReturnType<typeof survivalAt>>;
  const curve: CurvePoint[] = days.map((day, i) => {
    const o = day <= longest.offer ? at.offer[i]! : null;
    const h = day <= longest.holdout ? at.holdout[i]! : null;
    return {
      day,
      offer: o?.surv ?? null,
      offerLower: o?.lower ?? null,
      offerUpper: o?.upper ?? null,
      holdout: h?.surv ?? null,
      holdoutLower: h?.lower ?? null,
      holdoutUpper: h?.upper ?? null,
    };
  });

  const medOffer = medianSurvival(km.offer).median;
  const medHoldout = medianSurvival(km.holdout).median;
  const tau = Math.max(1, Math.min(180, longest.offer, longest.holdout));
  const rOffer = restrictedMean(km.offer, tau);
  const rHoldout = restrictedMean(km.holdout, tau);
  const rDiff = rOffer.rmean - rHoldout.rmean;
  const rSe = Math.sqrt(rOffer.stdErr ** 2 + rHoldout.stdErr ** 2);
  const rmst = {
    tau,
    offer: rOffer.rmean,
    holdout: rHoldout.rmean,
    difference: { estimate: rDiff, lower: rDiff - 1.959964 * rSe, upper: rDiff + 1.959964 * rSe },
  };

  const lr = logRank(rows.map((r) => ({ time: r.time, status: r.status, weight: r.n, group: r.arm })));

  const horizons: HorizonResult[] = HORIZONS.map((h) => horizon(e, rows, h, today, locale, offerName, fmt));
  const cox = coxFigure(rows, locale, offerName, fmt);

  // Descriptive only: offered vs not offered at the design horizon — agents chose whom to offer.
  const h = e.design.horizonDays;
  const cohort = rows.filter((r) => followedAtLeast(r, h));
  const group = (offered: number) => {
    const n = sum(cohort, (r) => r.offered === offered);
    const kept = sum(cohort, (r) => r.offered === offered && !(r.status === 1 && r.time <= h));
    return { n, est: n >= e.minimumPerArm ? toInterval(wilsonInterval({ x: kept, n })) : null };
  };
  const yes = group(1);
  const no = group(0);
  const descriptive = { days: h, offered: yes.est, notOffered: no.est, offeredCustomers: yes.n, notOfferedCustomers: no.n };

  return {
    curve,
    medianDays: { offer: medOffer, holdout: medHoldout },
    rmst,
    logRank: { chiSquare: lr.chiSquare, pValue: lr.pValue },
    cox,
    horizons,
    segments: segmentFigures(e, rows, locale),
    descriptive,
  };
}

/** Retention at `days` on the customers enrolled at least `days` ago (all have that follow-up). */
function horizon(
  e: Experiment,
  rows: readonly RiskSetRow[],
  days: 30 | 90 | 180,
  today: string,
  locale: Locale,
  offerName: string,
  fmt: (n: number, d?: number) => string,
): HorizonResult {
  const cohort = rows.filter((r) => followedAtLeast(r, days));
  const count = (arm: Arm) => {
    const n = sum(cohort, (r) => r.arm === arm);
    const kept = sum(cohort, (r) => r.arm === arm && !(r.status === 1 && r.time <= days));
    return { n, kept };
  };
  const o = count('offer');
  const hd = count('holdout');
  if (Math.min(o.n, hd.n) < e.minimumPerArm) {
    return {
      days,
      offerCustomers: o.n,
      holdoutCustomers: hd.n,
      offer: null,
      holdout: null,
      difference: null,
      distinguishable: null,
      sentence: t(locale, 'insights.followUp.notYet', { days, min: fmt(e.minimumPerArm) }),
    };
  }
  const two = twoProportions({ x: o.kept, n: o.n }, { x: hd.kept, n: hd.n });
  const difference = { estimate: two.difference, lower: two.newcombe.lower, upper: two.newcombe.upper };
  const distinguishable = difference.lower > 0 || difference.upper < 0;
  const per100 = (x: number) => fmt(Math.abs(x) * 100, 1);
  const signed100 = (x: number) => fmt(x * 100, 1);
  // "kept 4.1 more / fewer" carries the sign in words; "not distinguishable" shows it as a number.
  const params = {
    offer: offerName,
    days,
    diff: distinguishable ? per100(difference.estimate) : signed100(difference.estimate),
    lo: signed100(difference.lower),
    hi: signed100(difference.upper),
  };
  const key = !distinguishable ? 'insights.effect.notDistinguishable' : difference.estimate > 0 ? 'insights.effect.kept' : 'insights.effect.lost';
  return {
    days,
    offerCustomers: o.n,
    holdoutCustomers: hd.n,
    offer: toInterval(wilsonInterval({ x: o.kept, n: o.n })),
    holdout: toInterval(wilsonInterval({ x: hd.kept, n: hd.n })),
    difference,
    distinguishable,
    sentence: t(locale, key, params),
  };
}

/** Cox HR of the offer arm, adjusted for the covariates that vary in this experiment. */
function coxFigure(rows: readonly RiskSetRow[], locale: Locale, offerName: string, fmt: (n: number, d?: number) => string): ExperimentFigures['cox'] {
  const used = COVARIATES.filter(([key]) => new Set(rows.map((r) => r[key])).size > 1);
  // Rows with the same arm and covariates share one array: the fit scores each pattern once per pass.
  const vectors = new Map<string, number[]>();
  const coxRows: CoxRow[] = rows.map((r) => {
    const values = [r.arm === 'offer' ? 1 : 0, ...used.map(([key]) => r[key])];
    const pattern = values.join();
    let covariates = vectors.get(pattern);
    if (!covariates) vectors.set(pattern, (covariates = values));
    return { time: r.time, status: r.status, weight: r.n, covariates };
  });
  try {
    const fit = coxPH(coxRows, { names: ['offer_arm', ...used.map(([key]) => key)] });
    const c = fit.coefficients[0]!;
    if (!fit.converged || c.possiblyInfinite) return null;
    const distinguishable = c.lower > 1 || c.upper < 1;
    const covariates = used.map(([, label]) => label);
    const sentence = t(locale, distinguishable ? 'insights.cox' : 'insights.cox.notDistinguishable', {
      offer: offerName,
      hr: fmt(c.hazardRatio, 2),
      lo: fmt(c.lower, 2),
      hi: fmt(c.upper, 2),
    });
    return { estimate: c.hazardRatio, lower: c.lower, upper: c.upper, covariates, sentence };
  } catch {
    return null;
  }
}

/** Whether every customer of this row was enrolled at least `days` before today (so has had that follow-up, or cancelled within it). */
function followedAtLeast(r: RiskSetRow, days: number): boolean {
  return r.reach >= days;
}

function sum(rows: readonly RiskSetRow[], pick: (r: RiskSetRow) => boolean): number {
  let n = 0;
  for (const r of rows) if (pick(r)) n += r.n;
  return n;
}

function toInterval(p: { estimate: number; lower: number; upper: number }): IntervalEstimate {
  return { estimate: p.estimate, lower: p.lower, upper: p.upper };
}
