/**
 * The plan tab of one call: plans ranked on the caller's own usage, the quote of the one the
 * agent picks (now, or from the next cycle), and applying the change.
 *
 * Applying passes the quote's next-invoice total the agent read out (quotedNextTotal): if the
 * price moved since, main refuses with CONFLICT and the tab re-quotes and says so, so the
 * customer is never charged something other than what they were told.
 */
import type { ApiErrorBody, BestPlans, Locale, PlanChangeApplied, PlanChangeQuoteView, PlanChangeTiming } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { IDLE, loadableField, needsLoad, settle, type Loadable } from '../../lib/loadable';
import { intentKeys } from '../../lib/intent-key';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export type ApplyStatus = 'idle' | 'confirming' | 'applying' | 'applied' | 'error';

export interface PlansState {
  readonly locale: Locale;
  readonly best: Loadable<BestPlans>;
  readonly selectedPlanId: string | null;
  readonly timing: PlanChangeTiming;
  readonly quote: Loadable<PlanChangeQuoteView>;
  readonly apply: {
    readonly status: ApplyStatus;
    readonly result: PlanChangeApplied | null;
    readonly error: ApiErrorBody | null;
    /** The last apply was refused because the price moved; the quote on screen is the new one. */
    readonly priceMoved: boolean;
  };

  load(opts?: { force?: boolean }): Promise<void>;
  select(planId: string): void;
  /** Moves the selection up/down the ranking and quotes that plan. */
  move(delta: number): void;
  setTiming(timing: PlanChangeTiming): void;
  setLocale(locale: Locale): void;
  askConfirm(): void;
  cancelConfirm(): void;
  confirmApply(): Promise<void>;
}

/** One call's plan quotes: they belong to the call's container and are emptied with it. */
export type PlansStore = ScopedStore<PlansState>;

const APPLY_IDLE = { status: 'idle' as const, result: null, error: null, priceMoved: false };

export function createPlansStore(deps: { api: Pick<ApiClient, 'call'>; interactionId: string; locale: Locale }): PlansStore {
  const { api, interactionId } = deps;
  // One idempotency key per plan change intent: a retry of the same change is the same change.
  const applyKeys = intentKeys();

  return createScopedStore<PlansState>((set, get, life) => {
    const ranking = loadableField(get, set, 'best', life);
    const quoting = loadableField(get, set, 'quote', life);

    async function requote(keepApply = false): Promise<void> {
      const { selectedPlanId: planId, timing, locale } = get();
      if (!planId) return;
      if (!keepApply) set({ apply: APPLY_IDLE });
      // The last quote stays on screen (dimmed) while the new one comes; a failed one shows none.
      await quoting.load(() => api.call('billing.quote', { interactionId, planId, timing, locale }), { onError: 'drop' });
    }

    return {
      locale: deps.locale,
      best: IDLE,
      selectedPlanId: null,
      timing: 'now',
      quote: IDLE,
      apply: APPLY_IDLE,

      async load(opts = {}) {
        if (!opts.force && !needsLoad(get().best)) return;
        const answer = await ranking.load(() => api.call('billing.bestPlans', { interactionId }));
        // Nothing picked yet: pre-select the best plan that is not the current one.
        if (answer?.ok && get().selectedPlanId === null) {
          const firstOther = answer.value.plans.find((p) => !p.isCurrent);
          if (firstOther && firstOther.savingPerYear > 0) get().select(firstOther.planId);
        }
      },

      select(planId) {
        const plan = get().best.value?.plans.find((p) => p.planId === planId);
        if (plan?.isCurrent) {
          // Nothing to quote: "changing" to the current plan.
          quoting.reset();
          set({ selectedPlanId: planId, apply: APPLY_IDLE });
          return;
        }
        if (planId === get().selectedPlanId && get().quote.status !== 'error') return;
        quoting.reset();
        set({ selectedPlanId: planId });
        void requote();
      },

      move(delta) {
        const plans = get().best.value?.plans ?? [];
        if (plans.length === 0) return;
        const at = plans.findIndex((p) => p.planId === get().selectedPlanId);
        const next = plans[Math.max(0, Math.min(plans.length - 1, (at < 0 ? -1 : at) + delta))] ?? plans[0];
        if (next) get().select(next.planId);
      },

      setTiming(timing) {
        if (timing === get().timing) return;
        set({ timing });
        void requote();
      },

      setLocale(locale) {
        if (locale === get().locale) return;
        set({ locale });
        if (get().quote.value) void requote(true);
      },

      askConfirm() {
        if (get().quote.status !== 'ready' || get().apply.status === 'applying') return;
        set({ apply: { ...APPLY_IDLE, priceMoved: get().apply.priceMoved, status: 'confirming' } });
      },

      cancelConfirm() {
        if (get().apply.status === 'confirming') set({ apply: { ...get().apply, status: 'idle' } });
      },

      async confirmApply() {
        const { quote, selectedPlanId, timing, apply } = get();
        if (apply.status !== 'confirming' || !quote.value || !selectedPlanId || life.ended) return;
        set({ apply: { ...apply, status: 'applying', error: null } });
        const intent = { interactionId, planId: selectedPlanId, timing, quotedNextTotal: quote.value.nextInvoice.total };
        const answer = await settle(api.call('billing.applyPlanChange', { ...intent, idempotencyKey: applyKeys.keyFor(intent) }));
        if (answer.ok) {
          applyKeys.done();
          set({ apply: { status: 'applied', result: answer.value, error: null, priceMoved: false } });
          // The current plan changed: rank again (the quote on screen stays as the record of what was said).
          void get().load({ force: true });
          return;
        }
        const priceMoved = answer.error.code === 'CONFLICT';
        set({ apply: { status: 'error', result: null, error: answer.error, priceMoved } });
        if (priceMoved) void requote(true);
      },
    };
  });
}
