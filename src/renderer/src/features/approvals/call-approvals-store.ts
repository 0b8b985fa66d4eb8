/**
 * The approval requests of one call and their decisions, as the agent's call screen shows them.
 *
 * Live: the 'approval.decided' event for this call refreshes the list at once. While a request
 * is pending the list is also re-read every few seconds, so a decision still arrives if an event
 * was missed (the event channel reconnecting, a decision made on another desktop and synced).
 * Only the latest read is applied.
 */
import type { ApiErrorBody, ApprovalDecisionResult, CallApprovalStatus } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { intentKeys, sendIntent } from '../../lib/intent-key';
import { IDLE, loadableField, type Loadable } from '../../lib/loadable';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';
import { decisionFields, type DecisionPayload } from './decision-form';

export const CALL_APPROVALS_POLL_MS = 4000;

/** A decision made at this desk: the form's payload and the supervisor's credentials (never kept). */
export interface DecideHereInput extends DecisionPayload {
  readonly approvalId: string;
  readonly username: string;
  readonly password: string;
}

export interface CallApprovalsState {
  /** Newest first. */
  readonly requests: Loadable<readonly CallApprovalStatus[]>;
  /** Ids decided since this screen was opened (highlighted once). */
  readonly freshlyDecided: readonly string[];
  readonly here: { readonly status: 'idle' | 'deciding' | 'error'; readonly error: ApiErrorBody | null };

  refresh(): Promise<void>;
  /** Subscribes to the event channel and polls while something is pending; returns the stop function. */
  watch(): () => void;
  /** A supervisor at this desk decides with their own credentials (never kept in the store). */
  decideHere(input: DecideHereInput): Promise<ApprovalDecisionResult | null>;
  clearDecideHereError(): void;
}

/** One call's approval requests: they belong to the call's container and are emptied with it. */
export type CallApprovalsStore = ScopedStore<CallApprovalsState>;

export interface CallApprovalsDeps {
  readonly api: Pick<ApiClient, 'call' | 'onEvent'>;
  readonly interactionId: string;
  readonly pollMs?: number;
}

export function sortCallApprovals(items: readonly CallApprovalStatus[]): CallApprovalStatus[] {
  return [...items].sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : a.requestedAt > b.requestedAt ? -1 : a.approvalId < b.approvalId ? 1 : -1));
}

export function createCallApprovalsStore(deps: CallApprovalsDeps): CallApprovalsStore {
  const { api, interactionId } = deps;
  const pollMs = deps.pollMs ?? CALL_APPROVALS_POLL_MS;
  let watchers = 0;
  let unsubscribe: (() => void) | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  // One idempotency key per decision intent (the password is not part of what is compared).
  const decideKeys = intentKeys();

  return createScopedStore<CallApprovalsState>((set, get, life) => {
    const requests = loadableField(get, set, 'requests', life);
    life.onEnd(() => {
      watchers = 0;
      unsubscribe?.();
      unsubscribe = null;
      if (poll !== null) clearInterval(poll);
      poll = null;
    });

    function anyPending(): boolean {
      return (get().requests.value ?? []).some((i) => i.status === 'pending' || i.status === 'approved');
    }

    function updatePolling(): void {
      const want = watchers > 0 && anyPending();
      if (want && poll === null) poll = setInterval(() => void get().refresh(), pollMs);
      if (!want && poll !== null) {
        clearInterval(poll);
        poll = null;
      }
    }

    return {
      requests: IDLE,
      freshlyDecided: [],
      here: { status: 'idle', error: null },

      async refresh() {
        // Only an answer that is applied can change what is shown, so what is shown now is what it replaces.
        const before = new Map((get().requests.value ?? []).map((i) => [i.approvalId, i.status]));
        const answer = await requests.load(() => api.call('approvals.status', { interactionId }).then(sortCallApprovals), { pending: 'quiet' });
        if (answer?.ok) {
          const decidedNow = answer.value.filter((i) => before.get(i.approvalId) === 'pending' && i.status !== 'pending').map((i) => i.approvalId);
          if (decidedNow.length) set({ freshlyDecided: [...get().freshlyDecided, ...decidedNow] });
        }
        updatePolling();
      },

      watch() {
        if (life.ended) return () => {};
        watchers++;
        if (watchers === 1) {
          unsubscribe = api.onEvent((event) => {
            if (event.name === 'approval.decided' && event.payload.interactionId === interactionId) void get().refresh();
          });
        }
        void get().refresh();
        let stopped = false;
        return () => {
          if (stopped || life.ended) return;
          stopped = true;
          watchers--;
          if (watchers === 0) {
            unsubscribe?.();
            unsubscribe = null;
          }
          updatePolling();
        };
      },

      async decideHere(input) {
        if (get().here.status === 'deciding') return null;
        set({ here: { status: 'deciding', error: null } });
        const { password: _password, ...intent } = input;
        const answer = await sendIntent(
          decideKeys,
          intent,
          (idempotencyKey) =>
            api.call('approvals.decideHere', {
              interactionId,
              approvalId: input.approvalId,
              username: input.username.trim(),
              password: input.password,
              idempotencyKey,
              shown: input.shown,
              ...decisionFields(input),
            }),
          life,
        );
        if (!answer) return null;
        if (!answer.ok) {
          set({ here: { status: 'error', error: answer.error } });
          return null;
        }
        set({ here: { status: 'idle', error: null } });
        await get().refresh();
        return answer.value;
      },

      clearDecideHereError() {
        if (get().here.status === 'error') set({ here: { status: 'idle', error: null } });
      },
    };
  });
}
