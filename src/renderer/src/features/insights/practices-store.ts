/**
 * The practices and waiting section's one request ('insights.practices'), with the filter it was
 * asked with: a new period, agent or desk asks main again (main keeps the period's rows, so changing
 * the agent is a filter over them). Sentences come worded in the viewer's language.
 */
import type { InsightsScope, PracticesOverview } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { createFilteredRequest, type FilteredRequest } from '../../lib/request-store';

export interface PracticesQuery {
  readonly from?: string;
  readonly to?: string;
  readonly agentId?: string;
  readonly deskId?: string;
}

export type PracticesStore = FilteredRequest<PracticesQuery, PracticesOverview & InsightsScope>;

export function createPracticesStore(deps: { readonly api: Pick<ApiClient, 'call'> }): PracticesStore {
  return createFilteredRequest((query: PracticesQuery) => deps.api.call('insights.practices', query));
}
