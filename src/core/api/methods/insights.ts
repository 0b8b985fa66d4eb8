/**
 * Methods of the experiments and insights features.
 *
 * - `experiments.enrol` (an agent's verified call, from the credit tab): main judges the caller
 *   against the policy's experiments (core/experiments), assigns the arm the first time (a
 *   command: outbox + audit) and records that this call was shown it (another command). The
 *   screen tells the agent when the call is held out — "no proactive offer for this call" — and why.
 * - `insights.experiments` (supervisors and managers): every experiment of the policy with its
 *   status and, when the data allow, its figures, computed by main from the store.
 *
 * Sentences (`text`, `sentence`, `statusText`) are already in the viewer's locale. Retention and
 * differences are fractions (0.041 = 4.1 customers in 100); times are days since enrolment.
 */
import { z } from 'zod';
import type { Arm, Experiment, SegmentId } from '../../experiments/declaration';
import type { ReasonCode } from '../../policy/vocabulary';
import type { PracticeFigures } from '../../insights/practice-figures';
import type { FunnelLimits } from '../../stats';
import { DISCRETIONARY_REASONS, EXPERIMENT_ID } from '../../experiments/declaration';
import { isCalendarDay } from '../../calendar';
import { id, INSIGHTS, isoDate, method, VERIFIED } from '../method';

const experimentIdSchema = EXPERIMENT_ID;

/** An experiment the caller is enrolled in: its reason and holdout share as declared (core/experiments), and the caller's arm. */
export interface CallExperimentView extends Pick<Experiment, 'reason' | 'holdoutBp'> {
  readonly experimentId: string;
  readonly title: string;
  readonly arm: Arm;
  /** The day the customer was first enrolled (intention to treat: this arm for good). */
  readonly assignedOn: string;
  /** What the agent is told, in their language. */
  readonly text: string;
}

export interface CallExperiments {
  readonly experiments: readonly CallExperimentView[];
  /** The reasons whose proactive offers are held back on this call. */
  readonly heldOutReasons: readonly ReasonCode[];
}

export type ExperimentStatus = 'collecting' | 'needs_more' | 'result' | 'blocked_srm';

export interface ArmCount {
  readonly arm: Arm;
  readonly customers: number;
  readonly cancelled: number;
  /** The share the design expects in this arm. */
  readonly plannedShare: number;
}

export interface IntervalEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface CurvePoint {
  readonly day: number;
  readonly offer: number | null;
  readonly offerLower: number | null;
  readonly offerUpper: number | null;
  readonly holdout: number | null;
  readonly holdoutLower: number | null;
  readonly holdoutUpper: number | null;
}

export interface HorizonResult {
  readonly days: 30 | 90 | 180;
  /** Customers enrolled at least `days` ago, per arm: only they are in this figure. */
  readonly offerCustomers: number;
  readonly holdoutCustomers: number;
  /** Null when an arm has fewer customers with that follow-up than the minimum. */
  readonly offer: IntervalEstimate | null;
  readonly holdout: IntervalEstimate | null;
  /** Offer minus holdout (Newcombe interval). */
  readonly difference: IntervalEstimate | null;
  readonly distinguishable: boolean | null;
  readonly sentence: string;
}

/** The uplift in one pre-registered segment (or its complement) at the design's horizon. */
export interface SegmentResult {
  readonly segment: SegmentId;
  /** True: the customers with the covariate; false: the rest. */
  readonly inSegment: boolean;
  /** In the viewer's locale, e.g. "Churn risk high" / "Churn risk not high". */
  readonly label: string;
  /** Customers of the segment enrolled at least the horizon ago, per arm. */
  readonly offerCustomers: number;
  readonly holdoutCustomers: number;
  /** Offer minus holdout retention at the horizon (Newcombe 95 % interval, not adjusted); null below the minimum per arm. */
  readonly difference: IntervalEstimate | null;
  /** Pearson χ² p-value (1 when both arms kept everyone or no one); null when not reported. */
  readonly pValue: number | null;
  /** Holm-adjusted across every segment reported; null when not reported. */
  readonly adjustedPValue: number | null;
  /** Adjusted p below 0.05; null when not reported. */
  readonly distinguishable: boolean | null;
  /** The verdict in words. */
  readonly verdict: string;
}

export interface SegmentFigures {
  /** The design's horizon: retention at this many days, among customers followed that long. */
  readonly days: number;
  /** Declared segments, each followed by its complement, in the declaration's order. */
  readonly rows: readonly SegmentResult[];
  /** How many comparisons the Holm adjustment covered (the rows reported). */
  readonly comparisons: number;
  /** What the table shows and how it was adjusted, in words. */
  readonly note: string;
}

/**
 * Net paid revenue of one arm over the customers enrolled at least the design's horizon ago
 * (core/insights/revenue.ts says exactly what is counted). Money in minor units of `currency`.
 */
export interface ArmRevenue {
  readonly arm: Arm;
  /** Every customer of the arm enrolled at least `days` ago, offered or not (intention to treat). */
  readonly customers: number;
  /** Below the minimum per arm the money is not shown: null. */
  readonly paid: number | null;
  readonly offerCost: number | null;
  /** paid − offerCost. */
  readonly net: number | null;
  /** net × 100 / customers, rounded once (halves away from zero). */
  readonly netPer100: number | null;
}

export interface RevenueFigures {
  /** The design's horizon: the window of each customer is `days` days from enrolment. */
  readonly days: number;
  readonly currency: string;
  /** Offer arm, then holdout. */
  readonly arms: readonly ArmRevenue[];
  /** Offer − holdout, net per 100 customers (minor units; Welch 95 % interval, bounds rounded to the unit); null when not reported. */
  readonly difference: IntervalEstimate | null;
  /** Welch–Satterthwaite degrees of freedom of the interval; null when not reported. */
  readonly df: number | null;
  readonly distinguishable: boolean | null;
  /** The verdict in words. */
  readonly sentence: string;
  /** What is counted, in words. */
  readonly definition: string;
}

export interface ExperimentFigures {
  readonly curve: readonly CurvePoint[];
  readonly medianDays: { readonly offer: number | null; readonly holdout: number | null };
  readonly rmst: { readonly tau: number; readonly offer: number; readonly holdout: number; readonly difference: IntervalEstimate };
  readonly logRank: { readonly chiSquare: number; readonly pValue: number };
  /** Hazard ratio of cancelling, offer arm vs holdout, adjusted for the covariates named. */
  readonly cox: (IntervalEstimate & { readonly covariates: readonly string[]; readonly sentence: string }) | null;
  readonly horizons: readonly HorizonResult[];
  /** Uplift by pre-registered segment; null when the experiment declares none. */
  readonly segments: SegmentFigures | null;
  /** Descriptive only: offered vs not offered, which agents chose — not the offer's effect. */
  readonly descriptive: {
    readonly days: number;
    readonly offered: IntervalEstimate | null;
    readonly notOffered: IntervalEstimate | null;
    readonly offeredCustomers: number;
    readonly notOfferedCustomers: number;
  } | null;
}

export interface ExperimentInsight {
  readonly experimentId: string;
  readonly title: string;
  readonly reason: ReasonCode;
  readonly holdoutBp: number;
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly status: ExperimentStatus;
  readonly statusText: string;
  readonly arms: readonly ArmCount[];
  readonly srm: { readonly chiSquare: number; readonly pValue: number; readonly blocked: boolean } | null;
  readonly minimumPerArm: number;
  readonly design: {
    readonly horizonDays: number;
    readonly minimumDetectableDifference: number;
    readonly totalNeeded: number;
    readonly withFollowUp: number;
    readonly moreNeeded: number;
  };
  /** The headline, in words; says what the data cannot show as plainly as what they show. */
  readonly sentence: string;
  /** Null below the minimum sample or when the SRM check blocks the results. */
  readonly figures: ExperimentFigures | null;
  /** Net paid revenue per 100 customers by arm, offer cost included; null when the SRM check blocks the results or no revenue was counted. */
  readonly revenue: RevenueFigures | null;
}

/** The experiments' filter as applied (null: not restricted). */
export interface ExperimentsFilter {
  /** Enrolment days, inclusive. */
  readonly from: string | null;
  readonly to: string | null;
  /** The offer class: only experiments of this reason. */
  readonly reason: ExperimentReason | null;
  /** Only this experiment (the offer). */
  readonly experimentId: string | null;
  /** Only customers enrolled on this agent's calls. */
  readonly agentId: string | null;
  /** Only customers enrolled at this desk. */
  readonly deskId: string | null;
}

/** A choice of the filter bar: an id and what the screen shows for it. */
export interface FilterChoice {
  readonly id: string;
  readonly name: string;
}

export interface InsightsOverview {
  readonly today: string;
  readonly experiments: readonly ExperimentInsight[];
  /** The filter the figures were computed with (echoed, even when it matches nothing). */
  readonly filter: ExperimentsFilter;
  /** Every experiment of the policy, whatever the filter (the offer choice), with its reason. */
  readonly offers: readonly (FilterChoice & { readonly reason: ExperimentReason })[];
  /** Agents whose calls enrolled customers (the agent choice). */
  readonly agents: readonly FilterChoice[];
  /** The desks the figures can be cut by (a standalone desk: itself only). */
  readonly desks: readonly FilterChoice[];
}

// ── practices and waiting (descriptive only: not randomised) ────────────────────────────────

/** What an agent did on a call, as the store shows it (main/store/practices.ts). */
export const PRACTICE_CODES = ['explained', 'compared', 'quoted', 'planChanged', 'granted', 'escalated', 'firstTimeVerified', 'longCall'] as const;
export type PracticeCode = (typeof PRACTICE_CODES)[number];

export interface PracticeGroup {
  readonly customers: number;
  /** Retention at `days` among those followed that long; null below the minimum sample. */
  readonly retention: IntervalEstimate | null;
}

export interface PracticeInsight {
  readonly practice: PracticeCode;
  readonly label: string;
  readonly withPractice: PracticeGroup;
  readonly without: PracticeGroup;
  /** Hazard ratio of cancelling with vs without, adjusted for the segment covariates named; null below the minimum. */
  readonly hazardRatio: (IntervalEstimate & { readonly covariates: readonly string[] }) | null;
  readonly distinguishable: boolean | null;
  readonly sentence: string;
}

export interface DispositionInsight {
  readonly disposition: string;
  readonly customers: number;
  readonly retention: IntervalEstimate | null;
}

export interface WaitFigure {
  readonly requests: number;
  /** Seconds from request to decision, over the decided requests; null below the minimum. */
  readonly p50: number | null;
  readonly p90: number | null;
}

export interface PendingAtCallEnd {
  readonly interactionId: string;
  readonly agentName: string | null;
  readonly requestedAt: string;
  readonly callEndedAt: string;
  /** Seconds the caller had waited when the call ended. */
  readonly waitedSeconds: number;
  /** Decided later (seconds after the call ended), or null: still pending. */
  readonly decidedSecondsAfterEnd: number | null;
}

export interface WaitingInsights {
  readonly all: WaitFigure & { readonly decided: number };
  readonly bySupervisor: readonly (WaitFigure & { readonly supervisorId: string; readonly name: string })[];
  /** Hour of the request, UTC (0–23); hours without requests are left out. */
  readonly byHour: readonly (WaitFigure & { readonly hour: number })[];
  /** Calls that ended while one of their requests was still pending. */
  readonly endedWhilePending: number;
  readonly endedWhilePendingShare: number | null;
  /** The latest of them (at most 20), newest first. */
  readonly endedWhilePendingCalls: readonly PendingAtCallEnd[];
  readonly sentence: string;
}

/**
 * Where an agent sits on the funnel plot. Agents below the minimum volume are shown, not classified;
 * 'none' when no overall rate can be compared with (nobody followed long enough, or all or none kept).
 */
export const FUNNEL_CLASSES = ['within', 'above95', 'above998', 'below95', 'below998', 'tooFew', 'none'] as const;
export type FunnelClass = (typeof FUNNEL_CLASSES)[number];

/** Control limits (fractions) at one volume, as core/stats/funnel.ts draws them. */
export type FunnelLimitsAt = FunnelLimits;

export interface AgentFunnelPoint {
  readonly agentId: string;
  readonly name: string;
  /** The volume: this agent's customers followed at least `days` days. */
  readonly customers: number;
  readonly kept: number;
  /** kept / customers; null when no customer was followed that long. */
  readonly rate: number | null;
  /** The limits at this agent's volume; null when not classified. */
  readonly limits: FunnelLimitsAt | null;
  readonly classification: FunnelClass;
  /** The classification in words, in the viewer's language. */
  readonly classText: string;
}

/**
 * Agents compared on a funnel plot (never ranked): each agent's retention at `days` among their
 * customers followed that long, against that volume, with the overall rate as the centre line and
 * exact binomial 95 % and 99.8 % limits. Descriptive only: agents are not randomly assigned callers.
 * Over every agent of the period, whatever the agent filter.
 */
export interface AgentFunnel {
  readonly days: number;
  readonly minimumVolume: number;
  /** Σ kept / Σ followed over every agent; null when nobody was followed that long. */
  readonly overall: number | null;
  /** The limits by volume, for drawing the funnel (empty when no limits can be drawn). */
  readonly curve: readonly FunnelLimitsAt[];
  /** By name, then id — never by rate. */
  readonly agents: readonly AgentFunnelPoint[];
  readonly sentence: string;
}

export interface PracticesFilter {
  readonly from: string;
  readonly to: string;
  readonly agentId: string | null;
  /** Only calls taken at this desk (null or absent: every desk the figures cover). */
  readonly deskId?: string | null;
}

/** The practices' figures from the risk sets (core/insights/practice-figures.ts), with the filter, the waits and the funnel. */
export interface PracticesOverview extends PracticeFigures {
  readonly today: string;
  readonly filter: PracticesFilter;
  /** Agents who took calls, for the filter. */
  readonly agents: readonly { readonly id: string; readonly name: string }[];
  /** The desks the figures can be cut by (a standalone desk: itself only). */
  readonly desks: readonly FilterChoice[];
  readonly waiting: WaitingInsights;
  /** Agents on a funnel plot (descriptive). */
  readonly funnel: AgentFunnel;
}

/**
 * Which desks the figures cover. A desk joined to a hub answers with the hub's figures across
 * every desk; when it cannot (standalone, the hub unreachable, the person signed in here while
 * the hub was, or the hub refused them) it answers from its own store and says why.
 */
export const INSIGHTS_SCOPE_REASONS = ['standalone', 'hub_unreachable', 'signed_in_offline', 'hub_refused'] as const;
export type InsightsScopeReason = (typeof INSIGHTS_SCOPE_REASONS)[number];

export type InsightsScope =
  { readonly scope: 'all-desks'; readonly scopeReason: null } | { readonly scope: 'this-desk'; readonly scopeReason: InsightsScopeReason };

/** The offer classes an experiment can hold out (core/experiments DISCRETIONARY_REASONS). */
export const EXPERIMENT_REASONS = DISCRETIONARY_REASONS;
export type ExperimentReason = (typeof EXPERIMENT_REASONS)[number];

/**
 * A standalone desk's id in the desk filter: its store holds its own calls only, so "this desk"
 * is every call. A v7-shaped nil id, so it passes the same id check as a hub's device ids.
 */
export const THIS_DESK_ID = '00000000-0000-7000-8000-000000000000';

// A filter's day is a real calendar day ('2026-02-30' is refused, not read as 2 March).
const filterDay = isoDate.refine(isCalendarDay, 'not a calendar day (YYYY-MM-DD)');
const period = { from: filterDay.optional(), to: filterDay.optional() };
const inOrder = (i: { from?: string | undefined; to?: string | undefined }) => i.from === undefined || i.to === undefined || i.from <= i.to;
const PERIOD_ORDER = { message: 'the period ends before it starts', path: ['to'] };

export const practicesInput = z.strictObject({ ...period, agentId: id.optional(), deskId: id.optional() }).refine(inOrder, PERIOD_ORDER);

/** The experiments' filter: enrolment days, offer class, experiment, enrolling agent, desk — all optional. */
export const experimentsInput = z
  .strictObject({
    ...period,
    reason: z.enum(EXPERIMENT_REASONS, { error: () => `not a reason an experiment can have (${EXPERIMENT_REASONS.join(', ')})` }).optional(),
    experimentId: experimentIdSchema.optional(),
    agentId: id.optional(),
    deskId: id.optional(),
  })
  .refine(inOrder, PERIOD_ORDER);
export type ExperimentsInput = z.infer<typeof experimentsInput>;

export const insightsMethods = {
  'experiments.enrol': method<CallExperiments>()(z.strictObject({ interactionId: id }), VERIFIED),
  /** Every experiment (or those of the filter's offer and reason), its figures over the filter's enrolments. */
  'insights.experiments': method<InsightsOverview & InsightsScope>()(experimentsInput, INSIGHTS),
  /** Retention by what agents did on calls (descriptive), and the wait for a supervisor's decision. */
  'insights.practices': method<PracticesOverview & InsightsScope>()(practicesInput, INSIGHTS),
} as const;
