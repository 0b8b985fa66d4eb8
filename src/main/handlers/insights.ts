/**
 * The experiments and insights handlers: enrolment from an agent's verified call, and the
 * insights overview for supervisors and managers (the guards in core/api say who).
 */
import type { InsightsScope, insightsMethods, PracticesFilter } from '../../core/api';
import { experimentsFilter, practicesPeriod, selects } from '../../core/insights';
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
  // A desk of a hub answering from its own copy holds every desk's synced calls with nothing to
  // say which desk took them: no desk choice then (only a standalone desk is "this desk").
  const deskChoices = (reason: InsightsScope['scopeReason']) => (reason === 'standalone' ? {} : { desks: [] });
  const practicesFilter = (input: { from?: string; to?: string; agentId?: string; deskId?: string }): PracticesFilter => ({
    ...practicesPeriod(input, today()),
    agentId: input.agentId ?? null,
    deskId: input.deskId ?? null,
  });
  return {
    'experiments.enrol': (_input, { actor, call }) => enrolment.enrol(actor, call),
    // Across every desk when the hub answers; else this desk's store, saying why.
    // The screen asks both with one filter: the same hub request (and its cached answer) serves both.
    'insights.experiments': async (input, { actor }) => {
      const answer = await hub.answer(actor, practicesFilter(input), { from: input.from ?? null, to: input.to ?? null });
      if (!answer.ok) return { ...(await insights.overview(actor, input)), ...deskChoices(answer.reason), ...thisDesk(answer.reason) };
      const filter = experimentsFilter(input);
      return {
        ...answer.experiments,
        experiments: answer.experiments.experiments.filter((e) => selects(filter, e.experimentId, e.reason)),
        filter,
        ...allDesks,
      };
    },
    'insights.practices': async (input, { actor }) => {
      const answer = await hub.answer(actor, practicesFilter(input), { from: input.from ?? null, to: input.to ?? null });
      return answer.ok
        ? { ...answer.practices, ...allDesks }
        : { ...(await practices.overview(actor, input)), ...deskChoices(answer.reason), ...thisDesk(answer.reason) };
    },
  };
}
