/**
 * The insights screen's one request: every experiment of the policy with its status and figures,
 * as main computed them ('insights.experiments'). Sentences come worded in the viewer's language,
 * so the screen asks again when the language changes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { InsightsOverview } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { IDLE, loadable, type Loadable } from '../../lib/loadable';

export interface InsightsState {
  readonly overview: Loadable<InsightsOverview>;
  load(): Promise<void>;
  reset(): void;
}

export type InsightsStore = StoreApi<InsightsState>;

export function createInsightsStore(deps: { readonly api: Pick<ApiClient, 'call'> }): InsightsStore {
  return createStore<InsightsState>()((set, get) => {
    const overview = loadable(() => get().overview, (next) => set({ overview: next }));
    return {
      overview: IDLE,
      async load() {
        await overview.load(() => deps.api.call('insights.experiments', {}));
      },
      reset() {
        overview.reset();
      },
    };
  });
}

/** Percent of a fraction, for the screen: 0.8123 → "81.2". */
export function pct(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100);
}
