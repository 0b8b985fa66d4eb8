/**
 * The insights screen's experiments request: every experiment of the policy (or those of the
 * filter's offer and reason) with its status and figures over the filter's enrolments, as main
 * computed them ('insights.experiments'). Sentences come worded in the viewer's language, so the
 * screen asks again when the language changes. Only the answer to the latest filter is applied
 * (lib/loadable): a slower answer to an older filter is dropped.
 */
import type { ExperimentsInput, InsightsOverview, InsightsScope } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { createFilteredRequest, type FilteredRequest, type RequestState, type RequestStore } from '../../lib/request-store';

/** With which desks the figures cover (the hub's across every desk, or this desk's and why). */
export type ScopedInsights = InsightsOverview & InsightsScope;
export type InsightsState = RequestState<ScopedInsights>;
export type InsightsStore = RequestStore<ScopedInsights>;

export type ExperimentsStore = FilteredRequest<ExperimentsInput, ScopedInsights>;

export function createInsightsStore(deps: { readonly api: Pick<ApiClient, 'call'> }): ExperimentsStore {
  return createFilteredRequest((query: ExperimentsInput) => deps.api.call('insights.experiments', query));
}

/** Percent of a fraction, for the screen: 0.8123 → "81.2". */
export function pct(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100);
}
