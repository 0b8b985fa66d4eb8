/**
 * The verification panel's state for the active call.
 *
 * The canary rule: what the caller answered is held here only while the agent types it. On
 * submit the fields are emptied BEFORE the request is sent, and the outcome kept afterwards
 * says passed / failed / incomplete / locked / unavailable — never an answer, and never which
 * answer was wrong (main does not say, and nothing here could). Answers are never logged.
 */
import type { ApiErrorBody, LockoutView, VerificationQuestions } from '../../../../core/api';
import type { QuestionKind, VerificationOutcome } from '../../../../core/verification';
import { latest, settle } from '../../lib/loadable';
import { noticeCallLost, type CallStoreDeps } from '../../lib/per-call';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';
import { answersToSend, completeness, type Answers, type Completeness } from './answers';

export type VerifyLoad = 'idle' | 'loading' | 'ready' | 'error';

export interface UnlockState {
  readonly status: 'idle' | 'saving' | 'done' | 'error';
  readonly error: ApiErrorBody | null;
}

export interface VerifyState {
  readonly load: VerifyLoad;
  readonly questions: VerificationQuestions | null;
  readonly loadError: ApiErrorBody | null;
  /** What the agent is typing now. Emptied on every submit. */
  readonly answers: Answers;
  readonly submitting: boolean;
  /** The last attempt's outcome, as main returned it. */
  readonly outcome: VerificationOutcome | null;
  /** Enter was pressed without enough answers: nothing was sent, nothing was cleared. */
  readonly missing: Completeness | null;
  /** The last attempt could not be made (network, ended call…). */
  readonly error: ApiErrorBody | null;
  /** Increments after every attempt, so the form can put the focus back on the first field. */
  readonly attempts: number;
  readonly unlock: UnlockState;

  /** Loads the questions (again: after a lock was lifted, or to retry). */
  refresh(): Promise<void>;
  setAnswer(kind: QuestionKind, value: string): void;
  submit(): Promise<VerificationOutcome | null>;
  unlockNow(reason: string): Promise<boolean>;
}

/** One call's verification: it belongs to the call's container and is emptied with it. */
export type VerifyStore = ScopedStore<VerifyState>;

export interface VerifyDeps extends CallStoreDeps {
  readonly customerId: string;
  /** The caller passed: the call workspace opens the account. */
  readonly onPassed?: (verifiedAt: string | null) => void;
}

const EMPTY_UNLOCK: UnlockState = { status: 'idle', error: null };

/** What the panel shows, derived from the state. */
export type VerifyView = 'loading' | 'error' | 'verified' | 'locked' | 'unavailable' | 'form';

export function verifyView(s: Pick<VerifyState, 'load' | 'questions' | 'outcome'>): VerifyView {
  if (s.outcome?.status === 'passed' || s.questions?.verified) return 'verified';
  if (s.load === 'error' && !s.questions) return 'error';
  if (!s.questions) return 'loading';
  if (s.outcome?.status === 'locked' || s.questions.lockout.locked) return 'locked';
  if (s.outcome?.status === 'unavailable' || !s.questions.available) return 'unavailable';
  return 'form';
}

/** When the lock ends (ISO), from the latest of the outcome and the questions' lockout. */
export function lockedUntil(s: Pick<VerifyState, 'questions' | 'outcome'>): string | null {
  if (s.outcome?.status === 'locked') return s.outcome.lockedUntil;
  return s.questions?.lockout.locked ? s.questions.lockout.lockedUntil : null;
}

/** Failed attempts left before the lock, as last reported. */
export function attemptsLeft(s: Pick<VerifyState, 'questions' | 'outcome'>): number | null {
  if (s.outcome?.status === 'failed' || s.outcome?.status === 'incomplete') return s.outcome.attemptsLeft;
  return s.questions ? s.questions.lockout.attemptsLeft : null;
}

function lockoutAfter(outcome: VerificationOutcome, before: LockoutView): LockoutView {
  switch (outcome.status) {
    case 'failed':
      return { ...before, attemptsLeft: outcome.attemptsLeft, consecutiveFailures: before.consecutiveFailures + 1 };
    case 'incomplete':
      return { ...before, attemptsLeft: outcome.attemptsLeft };
    case 'locked':
      return { ...before, locked: true, lockedUntil: outcome.lockedUntil, reason: outcome.reason, attemptsLeft: 0, mode: outcome.mode };
    default:
      return before;
  }
}

export function createVerifyStore(deps: VerifyDeps): VerifyStore {
  const { api, interactionId, customerId } = deps;

  return createScopedStore<VerifyState>((set, get, life) => {
    const questionsRead = latest(life);

    async function load(): Promise<void> {
      set((s) => ({ load: s.questions ? s.load : 'loading', loadError: null }));
      const answer = await questionsRead.run(() => api.call('verification.questions', { interactionId }));
      if (!answer) return;
      if (!answer.ok) {
        set({ load: 'error', loadError: answer.error });
        noticeCallLost(answer, deps);
        return;
      }
      const questions = answer.value;
      const wasLocked = get().outcome?.status === 'locked';
      set({
        load: 'ready',
        questions,
        // A lock that has been lifted (supervisor, or time) takes its old outcome with it.
        outcome: wasLocked && !questions.lockout.locked ? null : get().outcome,
      });
      if (questions.verified) deps.onPassed?.(questions.verifiedAt);
    }

    return {
      load: 'idle',
      questions: null,
      loadError: null,
      answers: {},
      submitting: false,
      outcome: null,
      missing: null,
      error: null,
      attempts: 0,
      unlock: EMPTY_UNLOCK,

      refresh: load,

      setAnswer(kind, value) {
        if (get().submitting) return;
        set((s) => ({ answers: { ...s.answers, [kind]: value }, missing: null }));
      },

      async submit() {
        const s = get();
        const { questions } = s;
        if (!questions || s.submitting || life.ended) return null;
        const view = verifyView(s);
        if (view !== 'form') return null;
        const check = completeness(questions, s.answers);
        if (!check.complete) {
          set({ missing: check });
          return null;
        }
        // Take the answers out of the state before anything is sent: from here on, they exist
        // only in this request's input.
        const answers = answersToSend(questions, s.answers);
        set({ answers: {}, submitting: true, missing: null, error: null });
        const answer = await settle(api.call('verification.attempt', { interactionId, answers }));
        if (life.ended) return null; // the call ended meanwhile: nothing more to say about it
        if (!answer.ok) {
          set((st) => ({ submitting: false, error: answer.error, attempts: st.attempts + 1 }));
          if (answer.error.code === 'VERIFICATION_LOCKED') void load();
          noticeCallLost(answer, deps);
          return null;
        }
        const outcome = answer.value;
        const current = get().questions ?? questions;
        set((st) => ({
          submitting: false,
          outcome,
          attempts: st.attempts + 1,
          questions: {
            ...current,
            lockout: lockoutAfter(outcome, current.lockout),
            ...(outcome.status === 'passed' ? { verified: true, verifiedAt: outcome.verifiedAt } : {}),
            ...(outcome.status === 'unavailable' ? { available: false } : {}),
          },
        }));
        if (outcome.status === 'passed') deps.onPassed?.(outcome.verifiedAt);
        return outcome;
      },

      async unlockNow(reason) {
        if (get().unlock.status === 'saving' || life.ended) return false;
        set({ unlock: { status: 'saving', error: null } });
        const answer = await settle(api.call('verification.unlock', { customerId, reason: reason.trim() }));
        if (life.ended) return false;
        if (!answer.ok) {
          set({ unlock: { status: 'error', error: answer.error } });
          return false;
        }
        const lockout = answer.value;
        set((st) => ({
          unlock: { status: 'done', error: null },
          outcome: null,
          error: null,
          questions: st.questions ? { ...st.questions, lockout } : st.questions,
        }));
        void load();
        return true;
      },
    };
  });
}
