/**
 * Wrap-up: the disposition (from the configured list, see dispositions-store.ts), an optional
 * note, and 'interaction.wrapUp', which ends the call and returns its handle time.
 */
import type { ApiErrorBody, WrapUpResult } from '../../../../core/api';
import { settle } from '../../lib/loadable';
import { noticeCallLost, type CallStoreDeps } from '../../lib/per-call';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export interface WrapUpState {
  readonly disposition: string | null;
  readonly note: string;
  readonly submitting: boolean;
  readonly error: ApiErrorBody | null;
  /** The agent pressed End call without choosing a disposition. */
  readonly dispositionMissing: boolean;

  setDisposition(code: string): void;
  setNote(text: string): void;
  submit(): Promise<WrapUpResult | null>;
}

/** One call's wrap-up: it belongs to the call's container and is emptied with it. */
export type WrapUpStore = ScopedStore<WrapUpState>;

export function createWrapUpStore(deps: CallStoreDeps & { readonly onEnded?: (result: WrapUpResult) => void }): WrapUpStore {
  const { api, interactionId } = deps;
  return createScopedStore<WrapUpState>((set, get, life) => ({
    disposition: null,
    note: '',
    submitting: false,
    error: null,
    dispositionMissing: false,

    setDisposition(code) {
      set({ disposition: code, dispositionMissing: false, error: null });
    },

    setNote(text) {
      set({ note: text, error: null });
    },

    async submit() {
      const { disposition, note, submitting } = get();
      if (submitting || life.ended) return null;
      if (!disposition) {
        set({ dispositionMissing: true });
        return null;
      }
      set({ submitting: true, error: null });
      const trimmed = note.trim();
      const answer = await settle(api.call('interaction.wrapUp', { interactionId, disposition, ...(trimmed ? { note: trimmed } : {}) }));
      if (life.ended) return null;
      if (!answer.ok) {
        set({ submitting: false, error: answer.error });
        noticeCallLost(answer, deps);
        return null;
      }
      set({ submitting: false });
      deps.onEnded?.(answer.value);
      return answer.value;
    },
  }));
}
