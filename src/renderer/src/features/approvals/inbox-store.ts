/**
 * The supervisor's approvals inbox: pending requests, oldest first (the customer who has waited
 * longest is at the top), the selected one re-decided for the supervisor, and the decision.
 *
 * Live: 'approval.requested' refreshes the list at once; it is also re-read every few seconds as
 * a safety net. Only the latest read is applied. After a decision the next request is selected,
 * so a supervisor can work down the list from the keyboard.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, ApprovalDecisionResult, ApprovalDetail, ApprovalSummary } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { intentKeys } from '../../lib/intent-key';
import { IDLE, loadableField, settle, type Loadable } from '../../lib/loadable';
import { decisionFields, type DecisionPayload } from './decision-form';

export const INBOX_POLL_MS = 5_000;

/** Pending requests only, oldest first; same instant → by id, so the order is stable. */
export function orderInbox(items: readonly ApprovalSummary[]): ApprovalSummary[] {
  return items
    .filter((i) => i.status === 'pending')
    .sort((a, b) => {
      const ta = Date.parse(a.requestedAt);
      const tb = Date.parse(b.requestedAt);
      if (ta !== tb) return ta - tb;
      return a.approvalId < b.approvalId ? -1 : a.approvalId > b.approvalId ? 1 : 0;
    });
}

/**
 * Which request to select after the list changed: the same one if still there; otherwise the one
 * now at the position it had (the next in line), else the last; null for an empty list.
 */
export function nextSelection(before: readonly ApprovalSummary[], after: readonly ApprovalSummary[], selectedId: string | null): string | null {
  if (after.length === 0) return null;
  if (selectedId !== null && after.some((i) => i.approvalId === selectedId)) return selectedId;
  const at =
    selectedId === null
      ? 0
      : Math.max(
          0,
          before.findIndex((i) => i.approvalId === selectedId),
        );
  return (after[Math.min(at, after.length - 1)] ?? after[0])!.approvalId;
}

/** Whole minutes waited, never negative (the desk's clock may be a little behind main's). */
export function waitingMinutes(requestedAt: string, now: number): number {
  const t = Date.parse(requestedAt);
  if (Number.isNaN(t)) return 0;
  return Math.max(0, Math.floor((now - t) / 60_000));
}

export interface DecisionInput extends DecisionPayload {
  /** The approval the form was shown for (default: the one selected). */
  readonly approvalId?: string;
}

export interface InboxState {
  /** Pending requests, oldest first. */
  readonly requests: Loadable<readonly ApprovalSummary[]>;
  readonly selectedId: string | null;
  readonly detail: Loadable<ApprovalDetail>;
  readonly deciding: { readonly status: 'idle' | 'deciding' | 'error'; readonly error: ApiErrorBody | null };
  /** The last decision made here, for the confirmation line. */
  readonly lastDecision: { readonly result: ApprovalDecisionResult; readonly summary: ApprovalSummary } | null;
  /** Ids that arrived since the inbox was opened (highlighted). */
  readonly arrived: readonly string[];

  refresh(): Promise<void>;
  watch(): () => void;
  select(approvalId: string): void;
  move(delta: number): void;
  decide(input: DecisionInput): Promise<boolean>;
  /** Sign-out: nothing of the inbox is kept for whoever signs in next. */
  reset(): void;
}

export type InboxStore = StoreApi<InboxState>;

export function createInboxStore(deps: { api: Pick<ApiClient, 'call' | 'onEvent'>; pollMs?: number }): InboxStore {
  const { api } = deps;
  const pollMs = deps.pollMs ?? INBOX_POLL_MS;
  let watchers = 0;
  let unsubscribe: (() => void) | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  let loadedOnce = false;
  // One idempotency key per decision intent.
  const decideKeys = intentKeys();

  return createStore<InboxState>()((set, get) => {
    const requests = loadableField(get, set, 'requests');
    const detail = loadableField(get, set, 'detail');
    const items = (): readonly ApprovalSummary[] => get().requests.value ?? [];

    function loadDetail(approvalId: string): void {
      set({ deciding: { status: 'idle', error: null } });
      void detail.load(() => api.call('approvals.get', { approvalId }), { pending: 'clear' });
    }

    return {
      requests: IDLE,
      selectedId: null,
      detail: IDLE,
      deciding: { status: 'idle', error: null },
      lastDecision: null,
      arrived: [],

      async refresh() {
        // Only an answer that is applied can change the list, so the list now is what it replaces.
        const before = items();
        const answer = await requests.load(() => api.call('approvals.inbox', {}).then(orderInbox), { pending: 'quiet' });
        if (!answer?.ok) return;
        const after = answer.value;
        const known = new Set(before.map((i) => i.approvalId));
        const newIds = loadedOnce ? after.filter((i) => !known.has(i.approvalId)).map((i) => i.approvalId) : [];
        loadedOnce = true;
        const selectedId = nextSelection(before, after, get().selectedId);
        const selectionChanged = selectedId !== get().selectedId;
        set({ selectedId, arrived: [...get().arrived, ...newIds] });
        if (selectionChanged) {
          if (selectedId) loadDetail(selectedId);
          else detail.reset();
        }
      },

      watch() {
        watchers++;
        if (watchers === 1) {
          unsubscribe = api.onEvent((event) => {
            if (event.name === 'approval.requested' || event.name === 'approval.decided') void get().refresh();
          });
          poll = setInterval(() => void get().refresh(), pollMs);
        }
        void get().refresh();
        let stopped = false;
        return () => {
          if (stopped) return;
          stopped = true;
          watchers--;
          if (watchers === 0) {
            unsubscribe?.();
            unsubscribe = null;
            if (poll !== null) clearInterval(poll);
            poll = null;
          }
        };
      },

      select(approvalId) {
        if (!items().some((i) => i.approvalId === approvalId)) return;
        if (approvalId === get().selectedId && get().detail.status !== 'error') return;
        set({ selectedId: approvalId });
        loadDetail(approvalId);
      },

      move(delta) {
        const list = items();
        if (list.length === 0) return;
        const at = list.findIndex((i) => i.approvalId === get().selectedId);
        const next = list[Math.max(0, Math.min(list.length - 1, (at < 0 ? 0 : at) + delta))];
        if (next) get().select(next.approvalId);
      },

      async decide(input) {
        // The approval the form was shown for; the selection may have moved since.
        const approvalId = input.approvalId ?? get().selectedId;
        const summary = items().find((i) => i.approvalId === approvalId);
        if (!approvalId || !summary || get().deciding.status === 'deciding') return false;
        set({ deciding: { status: 'deciding', error: null } });
        const meta = { approvalId, idempotencyKey: decideKeys.keyFor({ ...input, approvalId }), shown: input.shown };
        const answer = await settle(api.call('approvals.decide', { ...meta, ...decisionFields(input) }));
        if (!answer.ok) {
          set({ deciding: { status: 'error', error: answer.error } });
          // Decided elsewhere meanwhile: the list moves on.
          if (answer.error.code === 'APPROVAL_INVALID' || answer.error.code === 'NOT_FOUND') void get().refresh();
          return false;
        }
        decideKeys.done();
        set({ deciding: { status: 'idle', error: null }, lastDecision: { result: answer.value, summary } });
        await get().refresh();
        return true;
      },

      reset() {
        requests.reset();
        detail.reset();
        loadedOnce = false;
        set({ selectedId: null, deciding: { status: 'idle', error: null }, lastDecision: null, arrived: [] });
      },
    };
  });
}
