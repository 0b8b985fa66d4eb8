/**
 * The app's stores and how they follow each other, given an api (the real one in ./index.ts, a
 * fake one in tests).
 *
 * Two lifetimes:
 * - the session's stores, here: who is signed in, the lookup, the active call's frame (phase,
 *   timer, tab), navigation, the supervisor's screens. None of them keeps a caller's data past
 *   the call: the lookup and the screen pop are cleared when the call ends, everything when the
 *   agent signs out. Who is signed in is the sign-in screen's store (./session.ts in the app):
 *   the others are created with the signed-in screens' code, given that one;
 * - the call's container (./call-scope.ts), created when a call starts and disposed when it ends
 *   or the agent signs out: the only place a caller's account, bills, credits and notes live.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/client';
import { createInboxStore, type InboxStore } from '../features/approvals/inbox-store';
import { createAuditStore, type AuditStore } from '../features/audit/audit-store';
import { createCallStore, type CallStore } from '../features/call/call-store';
import { createLookupStore, type LookupStore } from '../features/lookup/lookup-store';
import { createPopStore, type PopStore } from '../features/screenpop/pop-store';
import { createNavStore, type NavStore } from '../features/shell/nav-store';
import { createLockoutsStore, type LockoutsStore } from '../features/verify/lockouts-store';
import { createDispositionsStore, type DispositionsStore } from '../features/wrapup/dispositions-store';
import type { LocaleStore } from '../i18n/locale-store';
import { createCallScope, type CallScope } from './call-scope';
import { createSessionStore, type SessionStore } from './session-store';

export interface CallScopeState {
  /** The container of the call in progress; null between calls. */
  readonly scope: CallScope | null;
}

export interface AppStores {
  readonly locale: LocaleStore;
  readonly session: SessionStore;
  readonly lookup: LookupStore;
  readonly pop: PopStore;
  readonly call: CallStore;
  readonly nav: NavStore;
  readonly dispositions: DispositionsStore;
  readonly lockouts: LockoutsStore;
  readonly audit: AuditStore;
  readonly inbox: InboxStore;
  readonly callScope: StoreApi<CallScopeState>;
  /** Opens a call's audit trail (supervisors): from the call workspace or the audit screen. */
  openAudit(interactionId: string): void;
}

/**
 * `session` is the one the sign-in screen already made (./session.ts): the other stores are
 * created with the signed-in screens' code, possibly once someone is already signed in.
 */
export function createAppStores(deps: { readonly api: ApiClient; readonly locale: LocaleStore; readonly session?: SessionStore }): AppStores {
  const { api, locale } = deps;
  const session = deps.session ?? createSessionStore({ api, locale });
  const lookup = createLookupStore({ api });
  const nav = createNavStore();
  const call = createCallStore({ api });
  const dispositions = createDispositionsStore({ api });
  const lockouts = createLockoutsStore({ api });
  const audit = createAuditStore({ api });
  const inbox = createInboxStore({ api });
  const callScope = createStore<CallScopeState>()(() => ({ scope: null }));
  const pop = createPopStore({
    lookup,
    // One match: the call starts by itself. During another call the call store refuses (and the
    // banner says so); the popped caller stays open in the lookup for afterwards.
    onOneMatch: (caller, p) => void call.getState().start({ customerId: caller.customerId, source: 'screen_pop', callerNumber: p.e164 ?? p.from }),
  });

  function endCallScope(): void {
    const { scope } = callScope.getState();
    if (!scope) return;
    callScope.setState({ scope: null });
    scope.dispose();
  }

  // The call's container follows the active call: a new call gets a new one, an ended call's is
  // disposed (nothing of a caller stays in memory after the call).
  call.subscribe((state, previous) => {
    const id = state.interaction?.interactionId ?? null;
    const was = previous.interaction?.interactionId ?? null;
    if (id === was) return;
    endCallScope();
    if (state.interaction) {
      const scope = createCallScope({
        api,
        interactionId: state.interaction.interactionId,
        customerId: state.interaction.customerId,
        locale: locale.getState().locale,
        onVerified: (verifiedAt) => call.getState().markVerified(verifiedAt ?? undefined),
        onEnded: (result) => call.getState().finish(result),
        onCallLost: () => call.getState().lost(),
      });
      callScope.setState({ scope });
      void dispositions.getState().load();
      nav.getState().go('calls');
    }
    if (was && !id) {
      // Back to the lookup, ready for the next caller — unless a new call popped meanwhile and
      // the lookup is already set up for it.
      const current = pop.getState().current;
      const endedCustomer = previous.interaction?.customerId;
      const newPop = current && !current.pop.matches.every((m) => m.customerId === endedCustomer);
      if (!newPop) {
        pop.getState().dismiss();
        lookup.getState().reset();
      }
      lookup.getState().requestFocus();
    }
  });

  // Whoever signs in next starts from a clean screen; a call that rang before anyone signed in
  // (the deep link that launched the app) is shown to the first agent.
  function signedIn(): void {
    // A call left open (a reload mid-call) comes back first; then a call that rang meanwhile.
    void call
      .getState()
      .restoreOpen()
      .finally(() =>
        api.call('calls.pending', {}).then(
          (p) => p && pop.getState().receive(p),
          () => undefined,
        ),
      );
  }
  // Created once someone is signed in (the sign-in answered before this code arrived).
  if (session.getState().status === 'signedIn') signedIn();
  session.subscribe((state, previous) => {
    if (previous.status !== 'signedIn' && state.status === 'signedIn') signedIn();
    if (previous.status === 'signedIn' && state.status !== 'signedIn') {
      lookup.getState().reset();
      pop.getState().reset();
      call.getState().reset();
      endCallScope();
      nav.getState().reset();
      lockouts.getState().reset();
      audit.getState().reset();
      inbox.getState().reset();
    }
  });

  return {
    locale,
    session,
    lookup,
    pop,
    call,
    nav,
    dispositions,
    lockouts,
    audit,
    inbox,
    callScope,
    openAudit(interactionId) {
      nav.getState().go('audit');
      void audit.getState().select(interactionId);
    },
  };
}
