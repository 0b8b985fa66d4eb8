/**
 * The call's notes: the list ('notes.list') and the one being written ('notes.add').
 *
 * A note with a card number is refused by main (NOTE_REFUSED, message key
 * error.noteContainsCardNumber) and never stored: the list stays as it was, and the draft is
 * kept so the agent can take the number out and save again. The screen also warns while the
 * agent types (core/notes screenNote), before anything is sent.
 */
import type { ApiErrorBody, InteractionNote } from '../../../../core/api';
import { IDLE, loadableField, settle, type Loadable } from '../../lib/loadable';
import { callRead, noticeCallLost, type CallStoreDeps } from '../../lib/per-call';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export interface NotesState {
  readonly notes: Loadable<readonly InteractionNote[]>;
  readonly draft: string;
  readonly saving: boolean;
  readonly saveError: ApiErrorBody | null;
  /** Increments on each saved note (the list scrolls to it, the field is focused again). */
  readonly saved: number;

  /** Loads the list once (again after a failure). */
  open(): void;
  setDraft(text: string): void;
  add(): Promise<boolean>;
}

/** One call's notes: they belong to the call's container and are emptied with it. */
export type NotesStore = ScopedStore<NotesState>;

export function createNotesStore(deps: CallStoreDeps): NotesStore {
  const { api, interactionId } = deps;
  return createScopedStore<NotesState>((set, get, life) => {
    const list = callRead(loadableField(get, set, 'notes', life), () => api.call('notes.list', { interactionId }), deps, { pending: 'quiet' });

    return {
      notes: IDLE,
      draft: '',
      saving: false,
      saveError: null,
      saved: 0,

      open: list.open,

      setDraft(text) {
        set({ draft: text, saveError: null });
      },

      async add() {
        const { draft, saving } = get();
        if (saving || life.ended) return false;
        if (draft.trim() === '') {
          set({ saveError: { code: 'INVALID_INPUT', messageKey: 'error.noteEmpty' } });
          return false;
        }
        set({ saving: true, saveError: null });
        const answer = await settle(api.call('notes.add', { interactionId, text: draft }));
        if (life.ended) return false;
        if (!answer.ok) {
          set({ saving: false, saveError: answer.error });
          noticeCallLost(answer, deps);
          return false;
        }
        const note = answer.value;
        set((s) => {
          const notes = s.notes.value ?? [];
          return {
            saving: false,
            notes: { ...s.notes, value: notes.some((n) => n.noteId === note.noteId) ? notes : [...notes, note] },
            // Typed on while it was saving? Keep what was added after.
            draft: s.draft === draft ? '' : s.draft,
            saved: s.saved + 1,
          };
        });
        return true;
      },
    };
  });
}
