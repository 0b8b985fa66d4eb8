/**
 * The agent's active call. One call is active in the UI at a time: starting another while one
 * is active is refused here (the screen pop banner still shows the new call, and the lookup is
 * prepared for it, but the call in progress is never torn down).
 *
 * The interaction itself lives in main ('interaction.start' / 'interaction.get'); this store
 * holds what the workspace shows: the interaction, its anchored start for the timer, whether
 * the caller is verified, the open section, and the summary of the call that just ended.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, InteractionSource, InteractionState, InteractionSummary, WrapUpResult } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { latest, settle } from '../../lib/loadable';
import { defaultTab, tabAvailability, type CallTab } from './tabs';
import { anchorStart } from './timer';

export interface StartCallInput {
  readonly customerId: string;
  readonly source: InteractionSource;
  readonly callerNumber?: string;
}

/**
 * What the lookup says of the call that has just ended: how it was wrapped up and how long it
 * took — nothing of the caller (no name, no note), since nothing of a caller stays after the call.
 */
export type EndedCall = Pick<WrapUpResult, 'interactionId' | 'endedAt' | 'disposition' | 'handleSeconds'>;

export type CallPhase = 'idle' | 'starting' | 'active';

export interface CallState {
  readonly phase: CallPhase;
  /** The customer a start is in flight for (phase 'starting'). */
  readonly startingFor: string | null;
  readonly interaction: InteractionState | null;
  /** This window's clock (ms) at the call's start; see timer.ts. */
  readonly startedAtMs: number | null;
  readonly verified: boolean;
  readonly verifiedAt: string | null;
  readonly tab: CallTab;
  /** Why the last start or resume failed. */
  readonly error: ApiErrorBody | null;
  /** A start was asked for while a call is active: the screen says why nothing happened. */
  readonly busy: boolean;
  /** The call that has just been wrapped up (shown on the lookup until dismissed). */
  readonly lastEnded: EndedCall | null;
  /** Main reports the active call ended elsewhere (another window wrapped it up). */
  readonly endedElsewhere: boolean;
  /** The agent's other open calls (after a reload), to resume one. */
  readonly openCalls: readonly InteractionSummary[];

  start(input: StartCallInput): Promise<boolean>;
  resume(interactionId: string): Promise<boolean>;
  /** After sign-in: resume the newest open call, list the others. */
  restoreOpen(): Promise<void>;
  setTab(tab: CallTab): boolean;
  markVerified(at?: string): void;
  finish(result: WrapUpResult): void;
  /** Main answered INTERACTION_ENDED (or NOT_FOUND) for the active call. */
  lost(): void;
  dismissEnded(): void;
  dismissBusy(): void;
  clearError(): void;
  reset(): void;
}

export type CallStore = StoreApi<CallState>;

export interface CallDeps {
  readonly api: Pick<ApiClient, 'call'>;
  readonly now?: () => number;
}

const IDLE = {
  phase: 'idle' as const,
  startingFor: null,
  interaction: null,
  startedAtMs: null,
  verified: false,
  verifiedAt: null,
  tab: 'verify' as CallTab,
  busy: false,
  endedElsewhere: false,
};

export function createCallStore(deps: CallDeps): CallStore {
  const now = deps.now ?? (() => Date.now());
  /** Starting or resuming: only the latest is applied, and ending the call drops it. */
  const opening = latest();

  return createStore<CallState>()((set, get) => {
    function adopt(interaction: InteractionState): void {
      set({
        phase: 'active',
        startingFor: null,
        interaction,
        startedAtMs: anchorStart(interaction.elapsedSeconds, now()),
        verified: interaction.verified,
        verifiedAt: interaction.verifiedAt,
        tab: defaultTab(interaction.verified),
        error: null,
        busy: false,
        lastEnded: null,
        endedElsewhere: false,
        openCalls: get().openCalls.filter((c) => c.interactionId !== interaction.interactionId),
      });
    }

    return {
      ...IDLE,
      error: null,
      lastEnded: null,
      openCalls: [],

      async start(input) {
        const s = get();
        if (s.phase !== 'idle') {
          // Same caller already active or starting: nothing to do. Another caller: say why not.
          const same = s.interaction?.customerId === input.customerId || s.startingFor === input.customerId;
          if (!same) set({ busy: true });
          return false;
        }
        set({ phase: 'starting', startingFor: input.customerId, error: null, busy: false });
        const answer = await opening.run(() =>
          deps.api.call('interaction.start', {
            customerId: input.customerId,
            source: input.source,
            ...(input.callerNumber ? { callerNumber: input.callerNumber } : {}),
          }),
        );
        if (!answer) return false;
        if (!answer.ok) {
          set({ phase: 'idle', startingFor: null, error: answer.error });
          return false;
        }
        adopt(answer.value);
        return true;
      },

      async resume(interactionId) {
        if (get().phase !== 'idle') {
          if (get().interaction?.interactionId !== interactionId) set({ busy: true });
          return false;
        }
        set({ phase: 'starting', startingFor: null, error: null });
        const answer = await opening.run(() => deps.api.call('interaction.get', { interactionId }));
        if (!answer) return false;
        if (!answer.ok) {
          set((st) => ({
            phase: 'idle',
            error: answer.error,
            openCalls: st.openCalls.filter((c) => c.interactionId !== interactionId),
          }));
          return false;
        }
        adopt(answer.value);
        return true;
      },

      async restoreOpen() {
        const answer = await settle(deps.api.call('interaction.listOpen', {}));
        if (!answer.ok) return; // nothing to resume is the safe reading
        const open = answer.value;
        const active = get().interaction?.interactionId ?? null;
        const others = open.filter((c) => c.interactionId !== active);
        set({ openCalls: others });
        const newest = others[0];
        if (get().phase === 'idle' && newest) await get().resume(newest.interactionId);
      },

      setTab(tab) {
        const s = get();
        if (s.phase !== 'active') return false;
        if (!tabAvailability(tab, { verified: s.verified }).enabled) return false;
        if (s.tab !== tab) set({ tab });
        return true;
      },

      markVerified(at) {
        const s = get();
        if (s.phase !== 'active' || s.verified) return;
        const verifiedAt = at ?? new Date(now()).toISOString();
        set({
          verified: true,
          verifiedAt,
          tab: s.tab === 'verify' ? 'account' : s.tab,
          interaction: s.interaction ? { ...s.interaction, verified: true, verifiedAt } : null,
        });
      },

      finish(result) {
        const s = get();
        if (!s.interaction || s.interaction.interactionId !== result.interactionId) return;
        opening.invalidate();
        const { interactionId, endedAt, disposition, handleSeconds } = result;
        set({ ...IDLE, lastEnded: { interactionId, endedAt, disposition, handleSeconds }, error: null });
      },

      lost() {
        if (get().phase !== 'active') return;
        opening.invalidate();
        set({ ...IDLE, endedElsewhere: true });
      },

      dismissEnded() {
        if (get().lastEnded || get().endedElsewhere) set({ lastEnded: null, endedElsewhere: false });
      },

      dismissBusy() {
        if (get().busy) set({ busy: false });
      },

      clearError() {
        if (get().error) set({ error: null });
      },

      reset() {
        opening.invalidate();
        set({ ...IDLE, error: null, lastEnded: null, openCalls: [] });
      },
    };
  });
}
