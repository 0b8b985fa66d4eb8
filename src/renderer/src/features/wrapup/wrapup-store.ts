/**
 * Wrap-up: the disposition (from the configured list, see dispositions-store.ts), a note, an
 * optional follow-up (a callback or a promise), and 'interaction.wrapUp', which ends the call and
 * returns its handle time.
 *
 * The note starts as the call's recap ('interaction.recap': what happened, from the call's own
 * audit entries, in the agent's language) and the disposition as the one the recap suggests —
 * the agent edits rather than types. Neither overwrites what the agent already chose or typed.
 */
import type { ApiErrorBody, FollowUpKind, Locale, WrapUpResult } from '../../../../core/api';
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
  /** The note and disposition were drafted from the recap (and not changed since). */
  readonly drafted: boolean;
  readonly followUpKind: FollowUpKind | 'none';
  /** As a datetime-local field holds it ('YYYY-MM-DDTHH:MM', the desk's time). */
  readonly followUpDue: string;
  readonly followUpText: string;

  setDisposition(code: string): void;
  setNote(text: string): void;
  setFollowUp(patch: { kind?: FollowUpKind | 'none'; due?: string; text?: string }): void;
  /** Drafts the note and the disposition from the call's recap, once, if the agent has not started. */
  draft(locale: Locale, codes: readonly string[]): Promise<void>;
  submit(): Promise<WrapUpResult | null>;
}

/** One call's wrap-up: it belongs to the call's container and is emptied with it. */
export type WrapUpStore = ScopedStore<WrapUpState>;

/** A datetime-local value for `date` in the desk's time. */
export function localInputValue(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

export function createWrapUpStore(deps: CallStoreDeps & { readonly onEnded?: (result: WrapUpResult) => void; readonly now?: () => Date }): WrapUpStore {
  const { api, interactionId } = deps;
  const now = deps.now ?? (() => new Date());
  let drafting = false;
  return createScopedStore<WrapUpState>((set, get, life) => ({
    disposition: null,
    note: '',
    submitting: false,
    error: null,
    dispositionMissing: false,
    drafted: false,
    followUpKind: 'none',
    followUpDue: '',
    followUpText: '',

    setDisposition(code) {
      set({ disposition: code, dispositionMissing: false, error: null });
    },

    setNote(text) {
      set({ note: text, error: null });
    },

    setFollowUp(patch) {
      const next: { -readonly [K in keyof WrapUpState]?: WrapUpState[K] } = { error: null };
      if (patch.kind !== undefined) {
        next.followUpKind = patch.kind;
        // A sensible default the agent adjusts: tomorrow at this time.
        if (patch.kind !== 'none' && get().followUpDue === '') next.followUpDue = localInputValue(new Date(now().getTime() + 86_400_000));
      }
      if (patch.due !== undefined) next.followUpDue = patch.due;
      if (patch.text !== undefined) next.followUpText = patch.text;
      set(next);
    },

    async draft(locale, codes) {
      if (drafting || get().drafted || life.ended) return;
      drafting = true;
      const answer = await settle(api.call('interaction.recap', { interactionId, locale }));
      drafting = false;
      if (life.ended || !answer.ok) return;
      const { note, disposition } = get();
      set({
        drafted: true,
        ...(note.trim() === '' ? { note: answer.value.note } : {}),
        ...(disposition === null && codes.includes(answer.value.disposition) ? { disposition: answer.value.disposition } : {}),
      });
    },

    async submit() {
      const { disposition, note, submitting, followUpKind, followUpDue, followUpText } = get();
      if (submitting || life.ended) return null;
      if (!disposition) {
        set({ dispositionMissing: true });
        return null;
      }
      set({ submitting: true, error: null });
      const trimmed = note.trim();
      const due = followUpDue === '' ? null : new Date(followUpDue);
      const followUp =
        followUpKind === 'none'
          ? null
          : { kind: followUpKind, dueAt: due && !Number.isNaN(due.getTime()) ? due.toISOString() : followUpDue, text: followUpText.trim() };
      const answer = await settle(
        api.call('interaction.wrapUp', { interactionId, disposition, ...(trimmed ? { note: trimmed } : {}), ...(followUp ? { followUp } : {}) }),
      );
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
