/**
 * Whether a call enrols its customer in an experiment, and in which arm.
 *
 * A customer is eligible when, on the day of the call, the experiment is running and the customer
 * could receive the offer at all: the reason's own eligibility in the policy (no fraud flag where
 * required, tenure, standing, churn risk) and the experiment's extra conditions. Enrolling someone
 * who could never get the offer would dilute the comparison with people it says nothing about.
 * Intention to treat: once enrolled, a customer stays in their arm for the analysis whatever
 * happens on later calls.
 */
import { CHURN_RISKS, type ChurnRisk, type Standing } from '../policy/vocabulary';
import type { PolicyDocument } from '../policy/schema';
import { assignArm, assignmentBucket } from './assign';
import type { Arm, Experiment } from './declaration';

export interface EnrolmentFacts {
  readonly customerId: string;
  readonly tenureMonths: number;
  readonly standing: Standing;
  readonly fraudFlag: boolean;
  readonly churnRisk: ChurnRisk;
}

export type IneligibleBecause = 'not_running' | 'fraud_flag' | 'tenure' | 'standing' | 'churn_risk';

export type Enrolment =
  | { readonly eligible: true; readonly experiment: Experiment; readonly arm: Arm; readonly bucket: number }
  | { readonly eligible: false; readonly experiment: Experiment; readonly because: readonly IneligibleBecause[] };

function atLeast(risk: ChurnRisk, min: ChurnRisk | undefined): boolean {
  return min === undefined || CHURN_RISKS.indexOf(risk) >= CHURN_RISKS.indexOf(min);
}

export function isRunning(experiment: Experiment, today: string): boolean {
  const day = today.slice(0, 10);
  return day >= experiment.startsOn && (experiment.endsOn === undefined || day <= experiment.endsOn);
}

/** The verdict for one experiment. `today` is a day or a UTC instant (only the day is used). */
export function enrolment(policy: Pick<PolicyDocument, 'reasons'>, experiment: Experiment, facts: EnrolmentFacts, today: string): Enrolment {
  const because: IneligibleBecause[] = [];
  const rules = policy.reasons[experiment.reason].eligibility;
  const extra = experiment.eligibility;
  if (!isRunning(experiment, today)) because.push('not_running');
  if (rules.noFraudFlag && facts.fraudFlag) because.push('fraud_flag');
  if (facts.tenureMonths < Math.max(rules.minTenureMonths, extra.minTenureMonths ?? 0)) because.push('tenure');
  if (!rules.standings.includes(facts.standing) || (extra.standings !== undefined && !extra.standings.includes(facts.standing))) because.push('standing');
  if (!atLeast(facts.churnRisk, rules.churnRiskAtLeast) || !atLeast(facts.churnRisk, extra.churnRiskAtLeast)) because.push('churn_risk');
  if (because.length > 0) return { eligible: false, experiment, because };
  return { eligible: true, experiment, arm: assignArm(experiment, facts.customerId), bucket: assignmentBucket(experiment.id, facts.customerId) };
}

/** Every experiment of the policy, judged for this call (declaration order). */
export function enrolments(policy: Pick<PolicyDocument, 'reasons' | 'experiments'>, facts: EnrolmentFacts, today: string): Enrolment[] {
  return (policy.experiments ?? []).map((e) => enrolment(policy, e, facts, today));
}

/** The reasons whose proactive offers are held back for this call. */
export function heldOutReasons(list: readonly Enrolment[]): string[] {
  return list.filter((e) => e.eligible && e.arm === 'holdout').map((e) => e.experiment.reason);
}
