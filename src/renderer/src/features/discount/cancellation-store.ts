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

  open(): void;
  close(): void;
  setReason(reason: CancellationReason): void;
  setOccurredOn(day: string): void;
  /** Asks "are you sure?" once a reason is chosen. */
  review(): void;
  /** Back from the question to the form. */
  back(): void;
  confirm(): Promise<void>;
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

    open() {
      if (get().step === 'closed') set({ step: 'choosing', error: null });
    },
    close() {
      if (get().step === 'saving') return;
      keys.done();
      set({ step: 'closed', reason: null, occurredOn: '', error: null, result: get().step === 'done' ? get().result : null });
    },
    setReason(reason) {
      if (get().step === 'choosing') set({ reason });
    },
    setOccurredOn(day) {
      if (get().step === 'choosing') set({ occurredOn: day });
    },
    review() {
      if (get().step === 'choosing' && get().reason !== null) set({ step: 'confirming', error: null });
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
      } else {
        set({ step: 'confirming', error: answer.error });
      }
    },
  }));
}
