/**
 * The practices and waiting section's one request ('insights.practices'), with the filter it was
 * asked with: a new period, agent or desk asks main again (main keeps the period's rows, so changing
 * the agent is a filter over them). Sentences come worded in the viewer's language.
 */
import type { InsightsScope, PracticesOverview } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { createRequestStore, type RequestStore } from '../../lib/request-store';

export interface PracticesQuery {
  readonly from?: string;
  readonly to?: string;
  readonly agentId?: string;
  readonly deskId?: string;
}

export interface PracticesStore {
  readonly store: RequestStore<PracticesOverview & InsightsScope>;
  /** Asks again with this filter (an empty field: main's default). */
  apply(query: PracticesQuery): Promise<void>;
}

export function createPracticesStore(deps: { readonly api: Pick<ApiClient, 'call'> }): PracticesStore {
  let query: PracticesQuery = {};
  const store = createRequestStore(() => deps.api.call('insights.practices', query));
  return {
    store,
    apply(next) {
      query = Object.fromEntries(Object.entries(next).filter(([, v]) => typeof v === 'string' && v !== '')) as PracticesQuery;
      return store.getState().load();
    },
  };
}
