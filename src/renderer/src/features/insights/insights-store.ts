/**
 * The insights screen's one request: every experiment of the policy with its status and figures,
 * as main computed them ('insights.experiments'). Sentences come worded in the viewer's language,
 * so the screen asks again when the language changes.
 */
import type { InsightsOverview, InsightsScope } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { createRequestStore, type RequestState, type RequestStore } from '../../lib/request-store';

/** With which desks the figures cover (the hub's across every desk, or this desk's and why). */
export type ScopedInsights = InsightsOverview & InsightsScope;
export type InsightsState = RequestState<ScopedInsights>;
export type InsightsStore = RequestStore<ScopedInsights>;

export function createInsightsStore(deps: { readonly api: Pick<ApiClient, 'call'> }): InsightsStore {
  return createRequestStore(() => deps.api.call('insights.experiments', {}));
}

/** Percent of a fraction, for the screen: 0.8123 → "81.2". */
export function pct(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100);
}
