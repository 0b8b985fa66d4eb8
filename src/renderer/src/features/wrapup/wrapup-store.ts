/**
 * Wrap-up: the disposition (from the configured list, 'interaction.dispositions'), an optional
 * note, and 'interaction.wrapUp', which ends the call and returns its handle time.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, WrapUpResult } from '../../../../core/api';
import { errorBodyOf, type ApiClient } from '../../api/client';

export interface WrapUpState {
  readonly dispositions: readonly string[] | null;
  readonly dispositionsStatus: 'idle' | 'loading' | 'ready' | 'error';
  readonly dispositionsError: ApiErrorBody | null;
  readonly interactionId: string | null;
  readonly disposition: string | null;
  readonly note: string;
  readonly submitting: boolean;
  readonly error: ApiErrorBody | null;
  /** The agent pressed End call without choosing a disposition. */
  readonly dispositionMissing: boolean;

  loadDispositions(): Promise<void>;
  open(interactionId: string): void;
  setDisposition(code: string): void;
  setNote(text: string): void;
  submit(): Promise<WrapUpResult | null>;
  reset(): void;
}

export type WrapUpStore = StoreApi<WrapUpState>;

export function createWrapUpStore(deps: {
  readonly api: Pick<ApiClient, 'call'>;
  readonly onEnded?: (result: WrapUpResult) => void;
  readonly onCallLost?: () => void;
}): WrapUpStore {
  let listSeq = 0;
  return createStore<WrapUpState>()((set, get) => ({
    dispositions: null,
    dispositionsStatus: 'idle',
    dispositionsError: null,
    interactionId: null,
    disposition: null,
    note: '',
    submitting: false,
    error: null,
    dispositionMissing: false,

    async loadDispositions() {
      if (get().dispositionsStatus === 'ready' || get().dispositionsStatus === 'loading') return;
      const mine = ++listSeq;
      set({ dispositionsStatus: 'loading', dispositionsError: null });
      try {
        const list = await deps.api.call('interaction.dispositions', {});
        if (mine !== listSeq) return;
        set({ dispositions: list.codes, dispositionsStatus: 'ready' });
      } catch (err) {
        if (mine !== listSeq) return;
        set({ dispositionsStatus: 'error', dispositionsError: errorBodyOf(err) });
      }
    },

    open(interactionId) {
      if (get().interactionId === interactionId) return;
      set({ interactionId, disposition: null, note: '', submitting: false, error: null, dispositionMissing: false });
    },

    setDisposition(code) {
      set({ disposition: code, dispositionMissing: false, error: null });
    },

    setNote(text) {
      set({ note: text, error: null });
    },

    async submit() {
      const { interactionId, disposition, note, submitting } = get();
      if (!interactionId || submitting) return null;
      if (!disposition) {
        set({ dispositionMissing: true });
        return null;
      }
      set({ submitting: true, error: null });
      try {
        const trimmed = note.trim();
        const result = await deps.api.call('interaction.wrapUp', {
          interactionId,
          disposition,
          ...(trimmed ? { note: trimmed } : {}),
        });
        if (get().interactionId !== interactionId) return null;
        set({ submitting: false });
        deps.onEnded?.(result);
        return result;
      } catch (err) {
        if (get().interactionId !== interactionId) return null;
        const body = errorBodyOf(err);
        set({ submitting: false, error: body });
        if (body.code === 'INTERACTION_ENDED' || body.code === 'NOT_FOUND') deps.onCallLost?.();
        return null;
      }
    },

    reset() {
      // The disposition list is configuration: kept for the next call.
      set({ interactionId: null, disposition: null, note: '', submitting: false, error: null, dispositionMissing: false });
    },
  }));
}
