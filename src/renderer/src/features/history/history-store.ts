/**
 * The verified caller's earlier calls ('history.timeline'), loaded when the account is shown,
 * and marking one of their follow-ups done ('followUps.done', one key per intent). It belongs to
 * the call's container and is emptied with it.
 */
import type { ApiErrorBody, CustomerTimeline } from '../../../../core/api';
import { IDLE, loadableField, settle, type Loadable } from '../../lib/loadable';
import { intentKeys } from '../../lib/intent-key';
import { callRead, noticeCallLost, type CallStoreDeps } from '../../lib/per-call';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export interface HistoryState {
  readonly timeline: Loadable<CustomerTimeline>;
  readonly marking: string | null;
  readonly markError: ApiErrorBody | null;
  open(): void;
  reload(): Promise<void>;
  markDone(followUpId: string): Promise<void>;
}

export type HistoryStore = ScopedStore<HistoryState>;

export function createHistoryStore(deps: CallStoreDeps): HistoryStore {
  const { api, interactionId } = deps;
  const keys = intentKeys();
  return createScopedStore<HistoryState>((set, get, life) => {
    const timeline = callRead(loadableField(get, set, 'timeline', life), () => api.call('history.timeline', { interactionId }), deps);
    return {
      timeline: IDLE,
      marking: null,
      markError: null,
      open: timeline.open,
      reload: timeline.load,
      async markDone(followUpId) {
        if (get().marking !== null || life.ended) return;
        set({ marking: followUpId, markError: null });
        const answer = await settle(api.call('followUps.done', { followUpId, interactionId, idempotencyKey: keys.keyFor({ followUpId }) }));
        if (life.ended) return;
        if (!answer.ok) {
          set({ marking: null, markError: answer.error });
          noticeCallLost(answer, deps);
          return;
        }
        keys.done();
        set({ marking: null });
        await timeline.load();
      },
    };
  });
}
