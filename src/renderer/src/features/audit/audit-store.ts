/**
 * The supervisor's audit view: recent calls to pick from ('audit.interactions'), one call's
 * trail ('audit.interaction'), and a fresh re-hash of the whole chain ('audit.verify').
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuditVerifyReport, InteractionAudit, InteractionSummary } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { IDLE, loadableField, type Loadable } from '../../lib/loadable';

export const RECENT_LIMIT = 50;

/** The store mints UUIDv7 ids (see core/api method.ts `id`). */
const INTERACTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A pasted id, tidied (spaces, quotes, upper case), or null when it cannot be one. */
export function parseInteractionId(raw: string): string | null {
  const id = raw
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .toLowerCase();
  return INTERACTION_ID.test(id) ? id : null;
}

export interface AuditState {
  readonly recent: Loadable<readonly InteractionSummary[]>;
  readonly selectedId: string | null;
  readonly trail: Loadable<InteractionAudit>;
  readonly chain: Loadable<AuditVerifyReport>;

  loadRecent(): Promise<void>;
  select(interactionId: string): Promise<void>;
  verifyChain(): Promise<void>;
  reset(): void;
}

export type AuditStore = StoreApi<AuditState>;

export function createAuditStore(deps: { readonly api: Pick<ApiClient, 'call'> }): AuditStore {
  return createStore<AuditState>()((set, get) => {
    const recent = loadableField(get, set, 'recent');
    const trail = loadableField(get, set, 'trail');
    const chain = loadableField(get, set, 'chain');

    return {
      recent: IDLE,
      selectedId: null,
      trail: IDLE,
      chain: IDLE,

      async loadRecent() {
        await recent.load(() => deps.api.call('audit.interactions', { limit: RECENT_LIMIT }));
      },

      async select(interactionId) {
        const same = get().selectedId === interactionId;
        set({ selectedId: interactionId });
        const answer = await trail.load(() => deps.api.call('audit.interaction', { interactionId }), {
          pending: same ? 'keep' : 'clear',
          onError: 'drop',
        });
        // The trail carries the chain's status as of now: it is the freshest report.
        if (answer?.ok) set({ chain: { status: 'ready', value: answer.value.chain, error: null } });
      },

      async verifyChain() {
        await chain.load(() => deps.api.call('audit.verify', {}));
      },

      reset() {
        recent.reset();
        trail.reset();
        chain.reset();
        set({ selectedId: null });
      },
    };
  });
}
