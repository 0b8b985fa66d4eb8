/**
 * The experiments and insights handlers: enrolment from an agent's verified call, and the
 * insights overview for supervisors and managers (the guards in core/api say who).
 */
import type { InsightsScope, insightsMethods } from '../../core/api';
import { practicesPeriod } from '../../core/insights';
import { CustomerFactsReader } from '../services/discounts/customer-facts';
import { PolicyStore } from '../services/discounts/policy-store';
import { ExperimentEnrolment } from '../services/insights/enrolment';
import { HubInsights } from '../services/insights/hub-insights';
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
  const hub = new HubInsights(deps.hub, deps.log);
  const thisDesk = (reason: InsightsScope['scopeReason'] & string): InsightsScope => ({ scope: 'this-desk', scopeReason: reason });
  const allDesks: InsightsScope = { scope: 'all-desks', scopeReason: null };
  return {
    'experiments.enrol': (_input, { actor, call }) => enrolment.enrol(actor, call),
    // Across every desk when the hub answers; else this desk's store, saying why.
    'insights.experiments': async (_input, { actor }) => {
      const answer = await hub.answer(actor, { ...practicesPeriod({}, today()), agentId: null });
      return answer.ok ? { ...answer.experiments, ...allDesks } : { ...(await insights.overview(actor)), ...thisDesk(answer.reason) };
    },
    'insights.practices': async (input, { actor }) => {
      const answer = await hub.answer(actor, { ...practicesPeriod(input, today()), agentId: input.agentId ?? null });
      return answer.ok ? { ...answer.practices, ...allDesks } : { ...(await practices.overview(actor, input)), ...thisDesk(answer.reason) };
    },
  };
}
