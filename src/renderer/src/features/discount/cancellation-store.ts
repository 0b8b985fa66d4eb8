/**
 * "Caller is cancelling", for one call: the agent picks a reason from the fixed list (and the day
 * it takes effect, today by default), confirms, and main records the cancellation — a command
 * made once per intent (lib/intent-key.ts), so a double click or a lost reply records it once.
 */
import type { ApiErrorBody, CancellationRecorded } from '../../../../core/api';
import type { CancellationReason } from '../../../../core/outcomes';
import type { ApiClient } from '../../api/client';
import { intentKeys } from '../../lib/intent-key';
import { settle } from '../../lib/loadable';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export interface CancellationState {
  /** closed → choosing (the form is open) → confirming (the question asked) → saving → done. */
  readonly step: 'closed' | 'choosing' | 'confirming' | 'saving' | 'done';
  readonly reason: CancellationReason | null;
  /** 'YYYY-MM-DD', or '' for today. */
  readonly occurredOn: string;
  readonly result: CancellationRecorded | null;
  readonly error: ApiErrorBody | null;
  /**
   * The day picked is outside the days a cancellation may take effect: found on review (against
   * the call's days, when the screen knows them) or refused by main. The form stays open on it.
   */
  readonly dayRefused: boolean;

  open(): void;
  close(): void;
  setReason(reason: CancellationReason): void;
  setOccurredOn(day: string): void;
  /** Asks "are you sure?" once a reason is chosen, and the day (if one is picked) is within `days`. */
  review(days?: CancellationDays | null): void;
  /** Back from the question to the form. */
  back(): void;
  confirm(): Promise<void>;
}

/** The days a cancellation may take effect from, both included ('YYYY-MM-DD'). */
export interface CancellationDays {
  readonly from: string;
  readonly to: string;
}

export type CancellationStore = ScopedStore<CancellationState>;

export interface CancellationDeps {
  readonly api: Pick<ApiClient, 'call'>;
  readonly interactionId: string;
}

export function createCancellationStore(deps: CancellationDeps): CancellationStore {
  const keys = intentKeys();
  return createScopedStore<CancellationState>((set, get, life) => ({
    step: 'closed',
    reason: null,
    occurredOn: '',
    result: null,
    error: null,
    dayRefused: false,

    open() {
      if (get().step === 'closed') set({ step: 'choosing', error: null });
    },
    close() {
      if (get().step === 'saving') return;
      keys.done();
      set({ step: 'closed', reason: null, occurredOn: '', error: null, dayRefused: false, result: get().step === 'done' ? get().result : null });
    },
    setReason(reason) {
      if (get().step === 'choosing') set({ reason });
    },
    setOccurredOn(day) {
      if (get().step === 'choosing') set({ occurredOn: day, dayRefused: false });
    },
    review(days) {
      const { step, reason, occurredOn } = get();
      if (step !== 'choosing' || reason === null) return;
      if (occurredOn && days && (occurredOn < days.from || occurredOn > days.to)) set({ dayRefused: true });
      else set({ step: 'confirming', error: null, dayRefused: false });
    },
    back() {
      if (get().step === 'confirming') set({ step: 'choosing' });
    },
    async confirm() {
      const { step, reason, occurredOn } = get();
      if (step !== 'confirming' || reason === null) return;
      set({ step: 'saving', error: null });
      const intent = { interactionId: deps.interactionId, reason, ...(occurredOn ? { occurredOn } : {}) };
      const answer = await settle(deps.api.call('billing.recordCancellation', { ...intent, idempotencyKey: keys.keyFor(intent) }));
      if (life.ended) return;
      if (answer.ok) {
        keys.done();
        set({ step: 'done', result: answer.value });
      } else if (answer.error.code === 'INVALID_INPUT' && answer.error.issues?.some((i) => i.path === 'occurredOn')) {
        // Main refused the day (the call went past midnight, or the screen did not know the call's days): back to the form, on the day.
        set({ step: 'choosing', error: null, dayRefused: true });
      } else {
        set({ step: 'confirming', error: answer.error });
      }
    },
  }));
}
