/**
 * The supervisor's audit view: recent calls to pick from ('audit.interactions'), one call's
 * trail ('audit.interaction'), and a fresh re-hash of the whole chain ('audit.verify').
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, AuditVerifyReport, InteractionAudit, InteractionSummary } from '../../../../core/api';
import { errorBodyOf, type ApiClient } from '../../api/client';

export const RECENT_LIMIT = 50;

/** The store mints UUIDv7 ids (see core/api method.ts `id`). */
const INTERACTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A pasted id, tidied (spaces, quotes, upper case), or null when it cannot be one. */
export function parseInteractionId(raw: string): string | null {
  const id = raw.trim().replace(/^["'`]+|["'`]+$/g, '').toLowerCase();
  return INTERACTION_ID.test(id) ? id : null;
}

type Load<T> = { readonly status: 'idle' | 'loading' | 'ready' | 'error'; readonly data: T | null; readonly error: ApiErrorBody | null };
const idle = <T>(): Load<T> => ({ status: 'idle', data: null, error: null });

export interface AuditState {
  readonly recent: Load<readonly InteractionSummary[]>;
  readonly selectedId: string | null;
  readonly trail: Load<InteractionAudit>;
  readonly chain: Load<AuditVerifyReport>;

  loadRecent(): Promise<void>;
  select(interactionId: string): Promise<void>;
  verifyChain(): Promise<void>;
  reset(): void;
}

export type AuditStore = StoreApi<AuditState>;

export function createAuditStore(deps: { readonly api: Pick<ApiClient, 'call'> }): AuditStore {
  let recentSeq = 0;
  let trailSeq = 0;
  let chainSeq = 0;

  return createStore<AuditState>()((set, get) => ({
    recent: idle(),
    selectedId: null,
    trail: idle(),
    chain: idle(),

    async loadRecent() {
      const mine = ++recentSeq;
      set((s) => ({ recent: { ...s.recent, status: 'loading', error: null } }));
      try {
        const data = await deps.api.call('audit.interactions', { limit: RECENT_LIMIT });
        if (mine !== recentSeq) return;
        set({ recent: { status: 'ready', data, error: null } });
      } catch (err) {
        if (mine !== recentSeq) return;
        set((s) => ({ recent: { status: 'error', data: s.recent.data, error: errorBodyOf(err) } }));
      }
    },

    async select(interactionId) {
      const mine = ++trailSeq;
      const same = get().selectedId === interactionId;
      set((s) => ({ selectedId: interactionId, trail: { status: 'loading', data: same ? s.trail.data : null, error: null } }));
      try {
        const data = await deps.api.call('audit.interaction', { interactionId });
        if (mine !== trailSeq) return;
        // The trail carries the chain's status as of now: it is the freshest report.
        set({ trail: { status: 'ready', data, error: null }, chain: { status: 'ready', data: data.chain, error: null } });
      } catch (err) {
        if (mine !== trailSeq) return;
        set({ trail: { status: 'error', data: null, error: errorBodyOf(err) } });
      }
    },

    async verifyChain() {
      const mine = ++chainSeq;
      set((s) => ({ chain: { ...s.chain, status: 'loading', error: null } }));
      try {
        const data = await deps.api.call('audit.verify', {});
        if (mine !== chainSeq) return;
        set({ chain: { status: 'ready', data, error: null } });
      } catch (err) {
        if (mine !== chainSeq) return;
        set((s) => ({ chain: { status: 'error', data: s.chain.data, error: errorBodyOf(err) } }));
      }
    },

    reset() {
      recentSeq++;
      trailSeq++;
      chainSeq++;
      set({ recent: idle(), selectedId: null, trail: idle(), chain: idle() });
    },
  }));
}
