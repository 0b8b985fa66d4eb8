/**
 * The call's notes: the list ('notes.list') and the one being written ('notes.add').
 *
 * A note with a card number is refused by main (NOTE_REFUSED, message key
 * error.noteContainsCardNumber) and never stored: the list stays as it was, and the draft is
 * kept so the agent can take the number out and save again. The screen also warns while the
 * agent types (core/notes screenNote), before anything is sent.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, InteractionNote } from '../../../../core/api';
import { errorBodyOf, type ApiClient } from '../../api/client';

export interface NotesState {
  readonly interactionId: string | null;
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly notes: readonly InteractionNote[];
  readonly loadError: ApiErrorBody | null;
  readonly draft: string;
  readonly saving: boolean;
  readonly saveError: ApiErrorBody | null;
  /** Increments on each saved note (the list scrolls to it, the field is focused again). */
  readonly saved: number;

  open(interactionId: string): void;
  reload(): Promise<void>;
  setDraft(text: string): void;
  add(): Promise<boolean>;
  reset(): void;
}

export type NotesStore = StoreApi<NotesState>;

export function createNotesStore(deps: { readonly api: Pick<ApiClient, 'call'>; readonly onCallLost?: () => void }): NotesStore {
  let seq = 0;
  return createStore<NotesState>()((set, get) => {
    function lost(body: ApiErrorBody): void {
      if (body.code === 'INTERACTION_ENDED' || body.code === 'NOT_FOUND') deps.onCallLost?.();
    }

    async function load(interactionId: string): Promise<void> {
      const mine = ++seq;
      set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', loadError: null }));
      try {
        const notes = await deps.api.call('notes.list', { interactionId });
        if (mine !== seq || get().interactionId !== interactionId) return;
        set({ status: 'ready', notes });
      } catch (err) {
        if (mine !== seq || get().interactionId !== interactionId) return;
        const body = errorBodyOf(err);
        set({ status: 'error', loadError: body });
        lost(body);
      }
    }

    return {
      interactionId: null,
      status: 'idle',
      notes: [],
      loadError: null,
      draft: '',
      saving: false,
      saveError: null,
      saved: 0,

      open(interactionId) {
        if (get().interactionId === interactionId && get().status !== 'error') return;
        if (get().interactionId !== interactionId) {
          set({ interactionId, status: 'idle', notes: [], draft: '', saving: false, saveError: null, loadError: null });
        }
        void load(interactionId);
      },

      async reload() {
        const id = get().interactionId;
        if (id) await load(id);
      },

      setDraft(text) {
        set({ draft: text, saveError: null });
      },

      async add() {
        const { interactionId, draft, saving } = get();
        if (!interactionId || saving) return false;
        if (draft.trim() === '') {
          set({ saveError: { code: 'INVALID_INPUT', messageKey: 'error.noteEmpty' } });
          return false;
        }
        set({ saving: true, saveError: null });
        try {
          const note = await deps.api.call('notes.add', { interactionId, text: draft });
          if (get().interactionId !== interactionId) return false;
          set((s) => ({
            saving: false,
            notes: s.notes.some((n) => n.noteId === note.noteId) ? s.notes : [...s.notes, note],
            // Typed on while it was saving? Keep what was added after.
            draft: s.draft === draft ? '' : s.draft,
            saved: s.saved + 1,
          }));
          return true;
        } catch (err) {
          if (get().interactionId !== interactionId) return false;
          const body = errorBodyOf(err);
          set({ saving: false, saveError: body });
          lost(body);
          return false;
        }
      },

      reset() {
        seq++;
        set({ interactionId: null, status: 'idle', notes: [], loadError: null, draft: '', saving: false, saveError: null, saved: 0 });
      },
    };
  });
}
