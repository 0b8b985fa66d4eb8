/**
 * The verification panel's state for the active call.
 *
 * The canary rule: what the caller answered is held here only while the agent types it. On
 * submit the fields are emptied BEFORE the request is sent, and the outcome kept afterwards
 * says passed / failed / incomplete / locked / unavailable — never an answer, and never which
 * answer was wrong (main does not say, and nothing here could). Answers are never logged.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, LockoutView, VerificationQuestions } from '../../../../core/api';
import type { QuestionKind, VerificationOutcome } from '../../../../core/verification';
import { errorBodyOf, type ApiClient } from '../../api/client';
import { answersToSend, completeness, type Answers, type Completeness } from './answers';

export type VerifyLoad = 'idle' | 'loading' | 'ready' | 'error';

export interface UnlockState {
  readonly status: 'idle' | 'saving' | 'done' | 'error';
  readonly error: ApiErrorBody | null;
}

export interface VerifyState {
  readonly interactionId: string | null;
  readonly customerId: string | null;
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

  open(interactionId: string, customerId: string): void;
  refresh(): Promise<void>;
  setAnswer(kind: QuestionKind, value: string): void;
  submit(): Promise<VerificationOutcome | null>;
  unlockNow(reason: string): Promise<boolean>;
  reset(): void;
}

export type VerifyStore = StoreApi<VerifyState>;

export interface VerifyDeps {
  readonly api: Pick<ApiClient, 'call'>;
  /** The caller passed: the call workspace opens the account. */
  readonly onPassed?: (verifiedAt: string | null) => void;
  /** Main says the call is over (wrapped up elsewhere) or not this agent's. */
  readonly onCallLost?: () => void;
}

const EMPTY_UNLOCK: UnlockState = { status: 'idle', error: null };

function initial() {
  return {
    interactionId: null,
    customerId: null,
    load: 'idle' as VerifyLoad,
    questions: null,
    loadError: null,
    answers: {},
    submitting: false,
    outcome: null,
    missing: null,
    error: null,
    attempts: 0,
    unlock: EMPTY_UNLOCK,
  };
}

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
  const { api } = deps;
  let loadSeq = 0;

  return createStore<VerifyState>()((set, get) => {
    function isLost(err: ApiErrorBody): boolean {
      return err.code === 'INTERACTION_ENDED' || err.code === 'NOT_FOUND';
    }

    async function load(interactionId: string): Promise<void> {
      const mine = ++loadSeq;
      set((s) => ({ load: s.questions ? s.load : 'loading', loadError: null }));
      try {
        const questions = await api.call('verification.questions', { interactionId });
        if (mine !== loadSeq || get().interactionId !== interactionId) return;
        const wasLocked = get().outcome?.status === 'locked';
        set({
          load: 'ready',
          questions,
          // A lock that has been lifted (supervisor, or time) takes its old outcome with it.
          outcome: wasLocked && !questions.lockout.locked ? null : get().outcome,
        });
        if (questions.verified) deps.onPassed?.(questions.verifiedAt);
      } catch (err) {
        if (mine !== loadSeq || get().interactionId !== interactionId) return;
        const body = errorBodyOf(err);
        set({ load: 'error', loadError: body });
        if (isLost(body)) deps.onCallLost?.();
      }
    }

    return {
      ...initial(),

      open(interactionId, customerId) {
        if (get().interactionId === interactionId) return;
        loadSeq++;
        set({ ...initial(), interactionId, customerId });
        void load(interactionId);
      },

      async refresh() {
        const id = get().interactionId;
        if (id) await load(id);
      },

      setAnswer(kind, value) {
        if (get().submitting) return;
        set((s) => ({ answers: { ...s.answers, [kind]: value }, missing: null }));
      },

      async submit() {
        const s = get();
        const { interactionId, questions } = s;
        if (!interactionId || !questions || s.submitting) return null;
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
        let outcome: VerificationOutcome;
        try {
          outcome = await api.call('verification.attempt', { interactionId, answers });
        } catch (err) {
          if (get().interactionId !== interactionId) return null;
          const body = errorBodyOf(err);
          set((st) => ({ submitting: false, error: body, attempts: st.attempts + 1 }));
          if (body.code === 'VERIFICATION_LOCKED') void load(interactionId);
          if (isLost(body)) deps.onCallLost?.();
          return null;
        }
        if (get().interactionId !== interactionId) return null;
        const current = get().questions ?? questions;
        set((st) => ({
          submitting: false,
          outcome,
          attempts: st.attempts + 1,
          questions: {
            ...current,
            lockout: lockoutAfter(outcome, current.lockout),
            ...(outcome.status === 'passed' ? { verified: true, verifiedAt: new Date().toISOString() } : {}),
            ...(outcome.status === 'unavailable' ? { available: false } : {}),
          },
        }));
        if (outcome.status === 'passed') deps.onPassed?.(null);
        return outcome;
      },

      async unlockNow(reason) {
        const { customerId, interactionId } = get();
        if (!customerId || get().unlock.status === 'saving') return false;
        set({ unlock: { status: 'saving', error: null } });
        try {
          const lockout = await api.call('verification.unlock', { customerId, reason: reason.trim() });
          if (get().customerId !== customerId) return false;
          set((st) => ({
            unlock: { status: 'done', error: null },
            outcome: null,
            error: null,
            questions: st.questions ? { ...st.questions, lockout } : st.questions,
          }));
          if (interactionId) void load(interactionId);
          return true;
        } catch (err) {
          if (get().customerId !== customerId) return false;
          set({ unlock: { status: 'error', error: errorBodyOf(err) } });
          return false;
        }
      },

      reset() {
        loadSeq++;
        set(initial());
      },
    };
  });
}
