/**
 * An experiment as the discount policy declares it: for one class of discretionary offers, a
 * share of eligible calls is held out (no proactive offer), so whether the offer keeps customers
 * can be measured against a randomised comparison instead of guessed from who was offered.
 *
 * The declaration travels inside the versioned policy document (policy/schema.ts), so the hub
 * and every desk hold the same one, and a change to it is a new policy version.
 */
import { z } from 'zod';
import { CHURN_RISKS, STANDINGS, type ReasonCode } from '../policy/vocabulary';

/**
 * Only gestures an agent may choose to make can be held out. Correcting a billing error,
 * compensating an outage or waiving a wrongly charged fee is owed to the customer: holding it
 * back to measure something would be wrong, so the schema refuses such an experiment.
 */
export const DISCRETIONARY_REASONS = ['retention_offer', 'goodwill'] as const satisfies readonly ReasonCode[];
export type DiscretionaryReason = (typeof DISCRETIONARY_REASONS)[number];

/** The two arms. 'offer' is business as usual; 'holdout' gets no proactive offer. */
export const ARMS = ['offer', 'holdout'] as const;
export type Arm = (typeof ARMS)[number];

/**
 * Segments an experiment may declare in advance: customers with one covariate the risk-set rows
 * already carry (src/core/insights/covariates.ts), each compared with the rest. Pre-registered:
 * fixed in the declaration before results are seen, so nobody picks the segment that happens to
 * look good afterwards; the insights Holm-adjust the p-values across every segment reported.
 */
export const SEGMENTS = ['highRisk', 'newCustomer', 'billShock', 'notGood'] as const;
export type SegmentId = (typeof SEGMENTS)[number];

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const day = z.string().regex(ISO_DAY, 'must be a calendar day written YYYY-MM-DD');

/** An experiment's id: stable forever (it seeds the arm hash). */
export const EXPERIMENT_ID = z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'must be 3–63 lower-case letters, digits or dashes');

export const experimentSchema = z
  .strictObject({
    /** Stable forever: it seeds the arm hash, so renaming it re-randomises every customer. */
    id: EXPERIMENT_ID,
    /** What the supervisor reads, in both languages. */
    title: z.strictObject({ en: z.string().min(1).max(120), fr: z.string().min(1).max(120) }),
    /** The class of offers held out. */
    reason: z.enum(DISCRETIONARY_REASONS),
    /** Share of eligible customers held out, in basis points (1000 = 10 %). */
    holdoutBp: z.number().int().min(100, 'must hold out at least 1 %').max(5000, 'must hold out at most 50 %'),
    startsOn: day,
    /** Last day calls are enrolled; outcomes keep being followed after it. */
    endsOn: day.optional(),
    /** Who may be enrolled, on top of the reason's own eligibility in the policy. */
    eligibility: z.strictObject({
      churnRiskAtLeast: z.enum(CHURN_RISKS).optional(),
      standings: z.array(z.enum(STANDINGS)).min(1).readonly().optional(),
      minTenureMonths: z.number().int().min(0).max(600).optional(),
    }),
    /** The design the sample size is computed from: retention at horizonDays in the holdout, and the smallest gain worth finding. */
    design: z.strictObject({
      horizonDays: z.union([z.literal(30), z.literal(90), z.literal(180)]),
      baselineRetention: z.number().gt(0).lt(1),
      minimumDetectableDifference: z.number().gt(0).lt(0.5),
    }),
    /** Below this many customers in an arm, no figure is shown at all. */
    minimumPerArm: z.number().int().min(20).max(1_000_000),
    /** Pre-registered segments: the uplift is reported in each segment and its complement, Holm-adjusted. */
    segments: z.array(z.enum(SEGMENTS)).min(1).readonly().optional(),
  })
  .refine((e) => e.endsOn === undefined || e.endsOn >= e.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' })
  .refine((e) => e.segments === undefined || new Set(e.segments).size === e.segments.length, {
    path: ['segments'],
    message: 'must not name a segment twice',
  })
  .refine((e) => e.design.baselineRetention + e.design.minimumDetectableDifference < 1, {
    path: ['design'],
    message: 'baseline plus the difference must stay below 100 %',
  });

export type Experiment = z.infer<typeof experimentSchema>;
