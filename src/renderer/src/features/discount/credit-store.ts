/**
 * The credit tab of one call: the policy in force, the form, the live decision, granting, and
 * the customer's credit ledger with reversals.
 *
 * Live feedback: every change of the form restarts a short debounce; when it fires,
 * 'discounts.evaluate' is called for the request the form describes. Each evaluation takes a
 * ticket and only the answer to the LATEST one is applied — a slower, older answer arriving
 * after a newer one is dropped, so the colour on screen always belongs to what is typed. A form
 * that is not a request (yet) invalidates whatever is in flight.
 *
 * Enter before the answer arrived: the grant waits for it (`submit`), so a fast agent is never
 * told "wait".
 */
import type {
  ApiErrorBody,
  CustomerLedger,
  DecisionView,
  DiscountRequestInput,
  GrantResult,
  Locale,
  PolicyCurrent,
  PolicyReasonView,
} from '../../../../core/api';
import type { InvoiceList } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { IDLE, latest, loadableField, needsLoad, settle, type Loadable } from '../../lib/loadable';
import { intentKeys, type IntentKeys } from '../../lib/intent-key';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';
import { amountToInput, buildRequest, conformToReason, EMPTY_FORM, percentToInput, requestKey, type BuildResult, type CreditFormValues } from './credit-form';

type InvoiceSummary = InvoiceList['invoices'][number];

export const EVALUATE_DEBOUNCE_MS = 150;

export interface DecisionState {
  readonly status: 'idle' | 'pending' | 'ready' | 'error';
  readonly value: DecisionView | null;
  readonly error: ApiErrorBody | null;
  /** requestKey of the request `value` answers. */
  readonly forKey: string | null;
}

export interface GrantState {
  readonly status: 'idle' | 'waiting' | 'granting' | 'done' | 'error';
  readonly result: GrantResult | null;
  /** What was asked (for the confirmation line). */
  readonly request: DiscountRequestInput | null;
  readonly error: ApiErrorBody | null;
}

export interface ReverseState {
  readonly entryId: string | null;
  readonly status: 'idle' | 'reversing' | 'error';
  readonly error: ApiErrorBody | null;
}

export interface CreditState {
  /** The agent's language: the policy's labels and the decision's sentences are worded in it. */
  readonly locale: Locale;
  readonly policy: Loadable<PolicyCurrent>;
  readonly invoices: readonly InvoiceSummary[];
  readonly values: CreditFormValues;
  readonly note: string;
  readonly built: BuildResult;
  readonly decision: DecisionState;
  readonly grant: GrantState;
  readonly ledger: Loadable<CustomerLedger>;
  readonly reverse: ReverseState;

  load(opts?: { force?: boolean }): Promise<void>;
  /** The agent switched language: the policy and the decision are asked again, in the new one. */
  setLocale(locale: Locale): void;
  setValues(patch: Partial<CreditFormValues>): void;
  setNote(note: string): void;
  /** Puts the most the agent may grant now into the amount (or percentage) field, typed the agent's way. */
  useMax(locale: 'fr' | 'en'): void;
  /** Grant / send for approval — once the decision for what is typed is known. */
  submit(): void;
  dismissGrant(): void;
  refreshLedger(): Promise<void>;
  reverseEntry(ledgerEntryId: string, reason: string): Promise<boolean>;
}

/** One call's credit form and ledger: they belong to the call's container and are emptied with it. */
export type CreditStore = ScopedStore<CreditState>;

export interface CreditDeps {
  readonly api: Pick<ApiClient, 'call'>;
  readonly interactionId: string;
  readonly locale: Locale;
  readonly debounceMs?: number;
  /** Told when a request went to a supervisor (the call's approvals list refreshes). */
  readonly onPendingApproval?: (approvalId: string) => void;
  /** Told when something was granted or reversed (e.g. the bills tab may reload). */
  readonly onLedgerChanged?: () => void;
  /** How intent keys are made (tests pass predictable ones). */
  readonly intentKeys?: () => IntentKeys;
}

const DECISION_IDLE: DecisionState = { status: 'idle', value: null, error: null, forKey: null };
const GRANT_IDLE: GrantState = { status: 'idle', result: null, request: null, error: null };
const REVERSE_IDLE: ReverseState = { entryId: null, status: 'idle', error: null };

export function reasonView(policy: PolicyCurrent | null, reason: string | null): PolicyReasonView | undefined {
  return reason === null ? undefined : policy?.reasons.find((r) => r.reason === reason);
}

/** The decision on screen describes exactly what is typed now. */
export function decisionIsCurrent(s: Pick<CreditState, 'built' | 'decision'>): boolean {
  return s.built.ok && s.decision.status === 'ready' && s.decision.forKey === requestKey(s.built.request);
}

export function createCreditStore(deps: CreditDeps): CreditStore {
  const { api, interactionId } = deps;
  const debounceMs = deps.debounceMs ?? EVALUATE_DEBOUNCE_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let submitWhenReady = false;
  // One idempotency key per grant and per reversal intent (lib/intent-key.ts).
  const grantKeys = deps.intentKeys?.() ?? intentKeys();
  const reverseKeys = deps.intentKeys?.() ?? intentKeys();

  return createScopedStore<CreditState>((set, get, life) => {
    /** Only the answer for the latest request typed is applied. */
    const evaluation = latest(life);
    const policyRead = loadableField(get, set, 'policy', life);
    const ledgerRead = loadableField(get, set, 'ledger', life);
    life.onEnd(() => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      submitWhenReady = false;
    });

    function currency(): string {
      return get().policy.value?.currency ?? 'EUR';
    }

    function rebuild(values: CreditFormValues): BuildResult {
      const policy = get().policy.value;
      return buildRequest(values, policy?.currency ?? 'EUR', reasonView(policy, values.reason));
    }

    function schedule(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const { built } = get();
      if (!built.ok) {
        evaluation.invalidate();
        submitWhenReady = false;
        set({ decision: DECISION_IDLE });
        if (get().grant.status === 'waiting') set({ grant: GRANT_IDLE });
        return;
      }
      const key = requestKey(built.request);
      if (get().decision.forKey === key && get().decision.status === 'ready') return;
      set({ decision: { ...get().decision, status: 'pending' } });
      timer = setTimeout(() => void evaluate(), debounceMs);
    }

    async function evaluate(): Promise<void> {
      timer = null;
      const { built } = get();
      if (!built.ok) return;
      const request = built.request;
      const key = requestKey(request);
      const answer = await evaluation.run(() => api.call('discounts.evaluate', { interactionId, request }));
      if (!answer) return; // something newer was typed meanwhile
      if (answer.ok) {
        set({ decision: { status: 'ready', value: answer.value, error: null, forKey: key } });
        if (submitWhenReady) {
          submitWhenReady = false;
          get().submit();
        }
        return;
      }
      submitWhenReady = false;
      set({ decision: { status: 'error', value: null, error: answer.error, forKey: key } });
      if (get().grant.status === 'waiting') set({ grant: GRANT_IDLE });
    }

    async function loadPolicy(): Promise<void> {
      const answer = await policyRead.load(() => api.call('policy.current', {}));
      if (!answer?.ok) return;
      // Defaults once the policy is known; the labels and limits come from it.
      const values = conformToReason(get().values, reasonView(answer.value, get().values.reason));
      set({ values, built: rebuild(values) });
      // The sentences are in the agent's language: a reload (language switch) re-asks.
      evaluation.invalidate();
      set({ decision: DECISION_IDLE });
      schedule();
    }

    return {
      locale: deps.locale,
      policy: IDLE,
      invoices: [],
      values: EMPTY_FORM,
      note: '',
      built: buildRequest(EMPTY_FORM, 'EUR'),
      decision: DECISION_IDLE,
      grant: GRANT_IDLE,
      ledger: IDLE,
      reverse: REVERSE_IDLE,

      async load(opts = {}) {
        if (!opts.force && !needsLoad(get().policy)) return;
        const invoices = api.call('billing.invoices', { interactionId }).then(
          (list) => set({ invoices: list.invoices.slice(0, 6) }),
          () => undefined, // the form still works without the list: the latest invoice is the default
        );
        await Promise.all([loadPolicy(), get().refreshLedger(), invoices]);
      },

      setLocale(locale) {
        if (locale === get().locale) return;
        set({ locale });
        if (get().policy.status !== 'idle') void get().load({ force: true });
      },

      setValues(patch) {
        const policy = get().policy.value;
        const merged = { ...get().values, ...patch };
        const values = conformToReason(merged, reasonView(policy, merged.reason));
        const grant = get().grant;
        set({
          values,
          built: rebuild(values),
          // A new request: the confirmation of the previous one goes away.
          ...(grant.status === 'done' || grant.status === 'error' ? { grant: GRANT_IDLE } : {}),
        });
        schedule();
      },

      setNote(note) {
        set({ note: note.slice(0, 500) });
      },

      useMax(locale) {
        const { decision, values } = get();
        const d = decision.value;
        if (!d) return;
        if (values.kind === 'recurring_discount' && values.form === 'percent') {
          if (d.maxPercentNow !== undefined && d.maxPercentNow > 0) get().setValues({ percent: percentToInput(d.maxPercentNow, locale) });
          return;
        }
        const max = values.kind === 'recurring_discount' ? d.maxPerCycleNow : d.maxAllowedNow;
        if (max !== undefined && max > 0) get().setValues({ amount: amountToInput(max, currency(), locale) });
      },

      submit() {
        const s = get();
        if (!s.built.ok) return;
        if (s.grant.status === 'granting') return;
        if (!decisionIsCurrent(s)) {
          // The answer for what is typed is on its way: grant as soon as it comes.
          submitWhenReady = true;
          set({ grant: { ...GRANT_IDLE, status: 'waiting' } });
          if (timer !== null) {
            clearTimeout(timer);
            void evaluate();
          } else if (s.decision.status !== 'pending') {
            schedule();
          }
          return;
        }
        const outcome = s.decision.value?.outcome;
        if (outcome !== 'allowed' && outcome !== 'needs_approval') {
          set({ grant: GRANT_IDLE });
          return;
        }
        const request = s.built.request;
        const note = s.note.trim();
        const intent = { interactionId, request, ...(note ? { note } : {}) };
        set({ grant: { status: 'granting', result: null, request, error: null } });
        void settle(api.call('discounts.grant', { ...intent, idempotencyKey: grantKeys.keyFor(intent) })).then((answer) => {
          if (!answer.ok) {
            set({ grant: { status: 'error', result: null, request, error: answer.error } });
            return;
          }
          const result = answer.value;
          grantKeys.done();
          set({ grant: { status: 'done', result, request, error: null } });
          if (result.status === 'pending_approval') deps.onPendingApproval?.(result.approvalId);
          else {
            deps.onLedgerChanged?.();
            void get().refreshLedger();
            void loadPolicy(); // what is left of the day changed
          }
          // Ready for the next one: the amount is cleared, the reason and kind stay.
          const values = { ...get().values, amount: '', percent: '', disputedAmount: '', outageDays: '' };
          evaluation.invalidate();
          set({ values, built: rebuild(values), note: '', decision: DECISION_IDLE });
        });
      },

      dismissGrant() {
        if (get().grant.status === 'done' || get().grant.status === 'error') set({ grant: GRANT_IDLE });
      },

      async refreshLedger() {
        await ledgerRead.load(() => api.call('discounts.ledger', { interactionId }));
      },

      async reverseEntry(ledgerEntryId, reason) {
        if (get().reverse.status === 'reversing') return false;
        set({ reverse: { entryId: ledgerEntryId, status: 'reversing', error: null } });
        const intent = { interactionId, ledgerEntryId, reason: reason.trim() };
        const answer = await settle(api.call('discounts.reverse', { ...intent, idempotencyKey: reverseKeys.keyFor(intent) }));
        if (life.ended) return false;
        if (!answer.ok) {
          set({ reverse: { entryId: ledgerEntryId, status: 'error', error: answer.error } });
          return false;
        }
        reverseKeys.done();
        set({ reverse: REVERSE_IDLE });
        deps.onLedgerChanged?.();
        void loadPolicy();
        await get().refreshLedger();
        return true;
      },
    };
  });
}
