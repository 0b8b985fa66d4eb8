/**
 * What happens to demo customers after their calls, from a planted truth a test can check the
 * insights against (tests/integration/demo/planted-truth.test.ts).
 *
 * Each customer's stream (purpose OUTCOME_STREAM, apart from the customer's own stream, so the
 * rest of the demo set is unchanged) decides whether they call wanting to leave during the
 * experiment, on which day, and what their standing and last bill looked like then. A call that
 * core/experiments finds eligible enrols them: the arm is the hash of (experiment, customer),
 * exactly as a desk would assign it. In the offer arm the agent makes the offer more often to
 * callers who look like leaving (OFFER_PROPENSITY) — selection bias, so comparing offered with
 * not offered is wrong; in the holdout nobody gets one.
 *
 * Time to cancel is exponential from the call, with a monthly hazard of BASE_MONTHLY_HAZARD ×
 * the segment's hazard ratios × the offer's hazard ratio when one was made (PLANTED_TRUTH). A
 * cancellation after `today` is not seen (censored). Some who stay downgrade to a cheaper plan.
 *
 * The call itself (agent, verification, what was done, an escalation) is written by calls.ts.
 * Not modelled (said so, not hidden): the account rows stay 'active' after a cancellation and
 * the offer is not written to the ledger; standing and bill shock at the call are drawn here, not
 * read from the generated invoices.
 */
import { enrolment, type Arm, type Experiment } from '../../core/experiments';
import type { ChurnRisk, PolicyDocument, Standing } from '../../core/policy';
import { seededUuidv7 } from '../store/ids';
import { dayNumber, instant, isoDate } from './calendar';
import { Rng, Weighted } from './random';

export const OUTCOME_STREAM = 21;

/** The truth the demo plants. One constant, so a test can check an estimate recovers it. */
export const PLANTED_TRUTH = {
  /** Monthly probability of cancelling in the reference segment: low risk, good standing, a year's tenure, no bill shock. */
  baseMonthlyHazard: 0.012,
  /** Hazard ratios of the segments against the reference. */
  churnRisk: { low: 1, medium: 2.2, high: 4.5 } satisfies Record<ChurnRisk, number>,
  standing: { good: 1, late: 1.6, collections: 2.5 } satisfies Record<Standing, number>,
  /** Tenure under 12 months. */
  newCustomer: 1.5,
  /** The latest bill at least 20 % above the one before. */
  billShock: 1.8,
  /** What an offer made on the call does to the hazard: a retention offer keeps people; a small goodwill gesture does nothing. */
  offer: { retention_offer: 0.6, goodwill: 1 },
  /** Monthly probability of downgrading for those who stay. */
  downgradeMonthly: 0.01,
} as const;

/** How often agents in the offer arm make the offer: to those who look like leaving. */
export const OFFER_PROPENSITY = { low: 0.15, medium: 0.3, high: 0.85, billShockBonus: 0.1 } as const;

/** Chance that a customer calls wanting to leave during the experiment, by churn risk. */
const CALL_CHANCE: Record<ChurnRisk, number> = { low: 0.1, medium: 0.6, high: 0.8 };
/** A month in days: a monthly probability becomes a daily hazard over this many days (daysUntil). */
export const DAYS_PER_MONTH = 30.4375;

const CANCEL_REASONS = new Weighted<string>([
  ['price', 40],
  ['competitor', 25],
  ['moving', 15],
  ['service', 12],
  ['other', 8],
]);

export interface OutcomeCustomer {
  readonly index: number;
  readonly customerId: string;
  readonly churnRisk: ChurnRisk;
  readonly fraudFlag: boolean;
  /** Day number (calendar.ts) the account opened. */
  readonly openedOn: number;
  readonly suspended: boolean;
}

export interface SimulatedCall {
  readonly day: number;
  readonly standing: Standing;
  readonly tenureMonths: number;
  readonly billShock: boolean;
}

export interface SimulatedOutcome {
  readonly call: SimulatedCall | null;
  /** Set when the call enrolled the customer. */
  readonly arm: Arm | null;
  readonly bucket: number | null;
  readonly offerMade: boolean;
  /** Day the customer cancelled (≤ today), or null (still a customer today). */
  readonly cancelledOn: number | null;
  readonly cancelReason: string | null;
  readonly downgradedOn: number | null;
}

export function monthsBetweenDays(from: number, to: number): number {
  const a = isoDate(from);
  const b = isoDate(to);
  let months = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  if (Number(b.slice(8, 10)) < Number(a.slice(8, 10))) months--;
  return Math.max(0, months);
}

/** The monthly hazard ratio of a segment against the reference, offer excluded. */
export function segmentHazardRatio(churnRisk: ChurnRisk, call: SimulatedCall): number {
  const t = PLANTED_TRUTH;
  return t.churnRisk[churnRisk] * t.standing[call.standing] * (call.tenureMonths < 12 ? t.newCustomer : 1) * (call.billShock ? t.billShock : 1);
}

/** Days until an event of monthly probability `monthly` (constant hazard), ≥ 1. */
function daysUntil(rng: Rng, monthly: number): number {
  const perDay = -Math.log(1 - Math.min(monthly, 0.999)) / DAYS_PER_MONTH;
  return Math.max(1, Math.ceil(-Math.log(1 - rng.float()) / perDay));
}

/**
 * One customer's story after `window.from`. Pure and deterministic: the same customer, seed,
 * experiment and today give the same outcome whatever else is generated.
 */
export function simulateOutcome(
  seed: number,
  c: OutcomeCustomer,
  experiment: Experiment,
  policy: Pick<PolicyDocument, 'reasons'>,
  window: { from: number; today: number },
): SimulatedOutcome {
  const rng = Rng.stream(seed, c.index, OUTCOME_STREAM);
  const calls = rng.chance(CALL_CHANCE[c.churnRisk]);
  const callDay = window.from + rng.int(0, Math.max(0, window.today - 1 - window.from));
  const standing: Standing = c.suspended ? 'collections' : rng.chance(0.12) ? 'late' : 'good';
  const billShock = rng.chance(0.18);
  const offerRoll = rng.float();
  const timeRoll = new Rng(rng.next32(), rng.next32(), rng.next32());
  const start = Math.max(callDay, c.openedOn + 1);
  const call: SimulatedCall | null =
    calls && start < window.today ? { day: start, standing, tenureMonths: monthsBetweenDays(c.openedOn, start), billShock } : null;

  let arm: Arm | null = null;
  let bucket: number | null = null;
  let offerMade = false;
  if (call) {
    const e = enrolment(
      policy,
      experiment,
      { customerId: c.customerId, tenureMonths: call.tenureMonths, standing: call.standing, fraudFlag: c.fraudFlag, churnRisk: c.churnRisk },
      isoDate(call.day),
    );
    if (e.eligible) {
      arm = e.arm;
      bucket = e.bucket;
      const propensity = OFFER_PROPENSITY[c.churnRisk] + (call.billShock ? OFFER_PROPENSITY.billShockBonus : 0);
      offerMade = arm === 'offer' && offerRoll < propensity;
    }
  }

  // Follow-up starts at the call (or, for those who never called, at the window's start).
  const from = call?.day ?? window.from;
  const segment = call ? segmentHazardRatio(c.churnRisk, call) : PLANTED_TRUTH.churnRisk[c.churnRisk] * PLANTED_TRUTH.standing[standing];
  const hazard = PLANTED_TRUTH.baseMonthlyHazard * segment * (offerMade ? PLANTED_TRUTH.offer[experiment.reason] : 1);
  const cancelDay = from + daysUntil(timeRoll, hazard);
  const downgradeDay = from + daysUntil(timeRoll, PLANTED_TRUTH.downgradeMonthly);
  const reason = CANCEL_REASONS.pick(timeRoll);
  const cancelledOn = cancelDay <= window.today ? cancelDay : null;
  return {
    call,
    arm,
    bucket,
    offerMade,
    cancelledOn,
    cancelReason: cancelledOn === null ? null : reason,
    downgradedOn: downgradeDay <= window.today && (cancelledOn === null || downgradeDay < cancelledOn) ? downgradeDay : null,
  };
}

/** Rows for the store, in the column order of the INSERTs in load.ts. */
export function outcomeRows(
  seed: number,
  c: OutcomeCustomer,
  o: SimulatedOutcome,
  experiment: Experiment,
  policyVersion: number,
  idEpochMs: number,
  /** The call as calls.ts writes it (null: the demo writes no call rows), so assignment and exposure name it. */
  written: { readonly interactionId: string; readonly agentId: string } | null = null,
): { outcomes: unknown[][]; assignment: unknown[] | null; exposure: unknown[] | null } {
  const rng = Rng.stream(seed, c.index, OUTCOME_STREAM + 1);
  const id = () => seededUuidv7(idEpochMs + c.index, rng.next32);
  const at = (day: number) => instant(isoDate(day), rng.int(8, 19), rng.int(0, 59), rng.int(0, 59));
  const outcomes: unknown[][] = [];
  if (o.downgradedOn !== null) outcomes.push([id(), c.customerId, 'downgrade', isoDate(o.downgradedOn), null, at(o.downgradedOn)]);
  if (o.cancelledOn !== null) outcomes.push([id(), c.customerId, 'cancellation', isoDate(o.cancelledOn), o.cancelReason, at(o.cancelledOn)]);
  if (!o.call || o.arm === null) return { outcomes, assignment: null, exposure: null };
  const when = at(o.call.day);
  const call = [written?.interactionId ?? null, written?.agentId ?? null];
  const assignment = [
    id(),
    experiment.id,
    c.customerId,
    o.arm,
    o.bucket,
    isoDate(o.call.day),
    when,
    policyVersion,
    c.churnRisk,
    o.call.standing,
    o.call.tenureMonths,
    o.call.billShock ? 1 : 0,
    ...call,
  ];
  return { outcomes, assignment, exposure: [id(), experiment.id, c.customerId, o.arm, when, o.offerMade ? 1 : 0, ...call] };
}

export const OUTCOME_SQL = {
  outcome: 'INSERT INTO customer_outcomes (id, customer_id, kind, occurred_on, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
  assignment:
    'INSERT INTO experiment_assignments (id, experiment_id, customer_id, arm, bucket, assigned_on, assigned_at, policy_version, churn_risk, standing, tenure_months, bill_shock, interaction_id, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  exposure:
    'INSERT INTO experiment_exposures (id, experiment_id, customer_id, arm, exposed_at, offer_made, interaction_id, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
} as const;

/** The day a demo experiment starts enrolling: its start, or the history's first day if later. */
export function enrolmentWindow(experiment: Experiment, historyStart: number, today: number): { from: number; today: number } {
  return { from: Math.max(dayNumber(experiment.startsOn), historyStart), today };
}
