/**
 * The experiments and insights handlers: enrolment from an agent's verified call, and the
 * insights overview for supervisors and managers (the guards in core/api say who).
 */
import type { insightsMethods } from '../../core/api';
import { CustomerFactsReader } from '../services/discounts/customer-facts';
import { PolicyStore } from '../services/discounts/policy-store';
import { ExperimentEnrolment } from '../services/insights/enrolment';
import { InsightsService } from '../services/insights/insights';
import { PracticesService } from '../services/insights/practices';
import { riskSetSource } from '../services/insights/risk-set-source';
import type { AppDeps, FeatureHandlers } from './types';

export function createInsightsHandlers(deps: AppDeps): FeatureHandlers<typeof insightsMethods> {
  const client = deps.db.$client;
  const policies = new PolicyStore(client);
  const today = () => deps.now().toISOString().slice(0, 10);
  const enrolment = new ExperimentEnrolment(client, deps.commands, new CustomerFactsReader(client), policies, today);
  // One set of workers for both: each count is cut across every core (risk-set-source.ts).
  const source = riskSetSource(client, deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {});
  const insights = new InsightsService(client, policies, today, source);
  const practices = new PracticesService(client, today, source);
  return {
    'experiments.enrol': (_input, { actor, call }) => enrolment.enrol(actor, call),
    'insights.experiments': (_input, { actor }) => insights.overview(actor),
    'insights.practices': (input, { actor }) => practices.overview(actor, input),
  };
}
