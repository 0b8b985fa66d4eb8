/**
 * The insights screen's one filter (period, offer, reason, desk, agent), applied to both sections:
 * a change asks the experiments and the practices again with what each takes (core
 * insightsQueries). The same filter again asks nothing; a filter whose period ends before it
 * starts is not sent (the bar says why). Answers that come back after a newer filter was asked
 * are dropped by each section's store (lib/loadable), so a quick succession of filters ends on
 * the last one's figures.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { draftProblem, insightsQueries, NO_FILTER, type FilterDraft } from '../../../../core/insights';

export interface FilterState {
  /** What the bar shows. */
  readonly draft: FilterDraft;
  /** The last filter sent (null: none yet). */
  readonly applied: FilterDraft | null;
  /** Sets fields of the filter and asks again when it is valid and new. */
  change(patch: Partial<FilterDraft>): void;
  /** Asks again with the current filter (the language changed, a retry). */
  reload(): void;
  clear(): void;
}

export interface Sections {
  readonly experiments: { apply(query: ReturnType<typeof insightsQueries>['experiments']): Promise<void> };
  readonly practices: { apply(query: ReturnType<typeof insightsQueries>['practices']): Promise<void> };
}

const same = (a: FilterDraft | null, b: FilterDraft) => a !== null && (Object.keys(b) as (keyof FilterDraft)[]).every((k) => a[k] === b[k]);

export function createFilterStore(sections: Sections): StoreApi<FilterState> {
  return createStore<FilterState>()((set, get) => {
    const ask = (draft: FilterDraft, force: boolean) => {
      if (draftProblem(draft) !== null || (!force && same(get().applied, draft))) return;
      set({ applied: draft });
      const q = insightsQueries(draft);
      void sections.experiments.apply(q.experiments);
      void sections.practices.apply(q.practices);
    };
    return {
      draft: NO_FILTER,
      applied: null,
      change(patch) {
        const draft = { ...get().draft, ...patch };
        set({ draft });
        ask(draft, false);
      },
      reload() {
        ask(get().draft, true);
      },
      clear() {
        set({ draft: NO_FILTER });
        ask(NO_FILTER, false);
      },
    };
  });
}
