/**
 * The app's store instances, wired to the real `api`, and the React hooks to read them.
 * Store logic lives in the factories (unit-tested with a fake api); this file only connects them.
 */
import { useStore } from 'zustand';
import { api } from '../api';
import { createAccountStore, type AccountState } from '../features/account/account-store';
import { createAuditStore, type AuditState } from '../features/audit/audit-store';
import { createCallStore, type CallState } from '../features/call/call-store';
import { createLookupStore, type LookupState } from '../features/lookup/lookup-store';
import { createPopStore, type PopState } from '../features/screenpop/pop-store';
import { createNavStore, type NavState } from '../features/shell/nav-store';
import { createLockoutsStore, type LockoutsState } from '../features/verify/lockouts-store';
import { createVerifyStore, type VerifyState } from '../features/verify/verify-store';
import { createNotesStore, type NotesState } from '../features/wrapup/notes-store';
import { createWrapUpStore, type WrapUpState } from '../features/wrapup/wrapup-store';
import { createLocaleStore, LOCALE_STORAGE_KEY, type LocaleState } from '../i18n/locale-store';
import { createSessionStore, type SessionState } from './session-store';

function readLocal(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export const localeStore = createLocaleStore(readLocal(LOCALE_STORAGE_KEY), (locale) => {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembered across restarts; the profile still holds the agent's choice.
  }
});
export const sessionStore = createSessionStore({ api, locale: localeStore });
export const lookupStore = createLookupStore({ api });
export const navStore = createNavStore();
export const callStore = createCallStore({ api });
const callLost = (): void => callStore.getState().lost();
export const verifyStore = createVerifyStore({
  api,
  onPassed: (verifiedAt) => callStore.getState().markVerified(verifiedAt ?? undefined),
  onCallLost: callLost,
});
export const accountStore = createAccountStore({ api, onCallLost: callLost });
export const notesStore = createNotesStore({ api, onCallLost: callLost });
export const wrapUpStore = createWrapUpStore({
  api,
  onEnded: (result) => callStore.getState().finish(result),
  onCallLost: callLost,
});
export const lockoutsStore = createLockoutsStore({ api });
export const auditStore = createAuditStore({ api });
export const popStore = createPopStore({
  lookup: lookupStore,
  // One match: the call starts by itself. During another call the call store refuses (and the
  // banner says so); the popped caller stays open in the lookup for afterwards.
  onOneMatch: (caller, pop) =>
    void callStore.getState().start({ customerId: caller.customerId, source: 'screen_pop', callerNumber: pop.e164 ?? pop.from }),
});

/** Opens a call's audit trail (supervisors): from the call workspace or the audit screen. */
export function openAudit(interactionId: string): void {
  navStore.getState().go('audit');
  void auditStore.getState().select(interactionId);
}

// The call's feature stores follow the active call: a new call starts them clean, an ended one
// empties them (nothing of a caller stays in memory after the call).
callStore.subscribe((state, previous) => {
  const id = state.interaction?.interactionId ?? null;
  const was = previous.interaction?.interactionId ?? null;
  if (id === was) return;
  verifyStore.getState().reset();
  accountStore.getState().reset();
  notesStore.getState().reset();
  wrapUpStore.getState().reset();
  if (state.interaction) {
    verifyStore.getState().open(state.interaction.interactionId, state.interaction.customerId);
    wrapUpStore.getState().open(state.interaction.interactionId);
    void wrapUpStore.getState().loadDispositions();
    navStore.getState().go('calls');
  }
  if (was && !id) {
    // Back to the lookup, ready for the next caller — unless a new call popped meanwhile and
    // the lookup is already set up for it.
    const pop = popStore.getState().current;
    const endedCustomer = previous.interaction?.customerId;
    const newPop = pop && !pop.pop.matches.every((m) => m.customerId === endedCustomer);
    if (!newPop) {
      popStore.getState().dismiss();
      lookupStore.getState().reset();
    }
    lookupStore.getState().requestFocus();
  }
});

// Main ended the session (restart, expiry): back to sign-in, with a notice.
api.onSessionLost(() => sessionStore.getState().sessionLost());

// Whoever signs in next starts from a clean screen; a call that rang before anyone signed in
// (the deep link that launched the app) is shown to the first agent.
sessionStore.subscribe((state, previous) => {
  if (previous.status !== 'signedIn' && state.status === 'signedIn') {
    // A call left open (a reload mid-call) comes back first; then a call that rang meanwhile.
    void callStore
      .getState()
      .restoreOpen()
      .finally(() =>
        api.call('calls.pending', {}).then(
          (pop) => pop && popStore.getState().receive(pop),
          () => undefined,
        ),
      );
  }
  if (previous.status === 'signedIn' && state.status !== 'signedIn') {
    lookupStore.getState().reset();
    popStore.getState().reset();
    callStore.getState().reset();
    navStore.getState().reset();
    lockoutsStore.getState().reset();
    auditStore.getState().reset();
  }
});

export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(sessionStore, selector);
}
export function useLookup<T>(selector: (s: LookupState) => T): T {
  return useStore(lookupStore, selector);
}
export function usePop<T>(selector: (s: PopState) => T): T {
  return useStore(popStore, selector);
}
export function useCall<T>(selector: (s: CallState) => T): T {
  return useStore(callStore, selector);
}
export function useVerify<T>(selector: (s: VerifyState) => T): T {
  return useStore(verifyStore, selector);
}
export function useAccount<T>(selector: (s: AccountState) => T): T {
  return useStore(accountStore, selector);
}
export function useNotes<T>(selector: (s: NotesState) => T): T {
  return useStore(notesStore, selector);
}
export function useWrapUp<T>(selector: (s: WrapUpState) => T): T {
  return useStore(wrapUpStore, selector);
}
export function useLockouts<T>(selector: (s: LockoutsState) => T): T {
  return useStore(lockoutsStore, selector);
}
export function useAudit<T>(selector: (s: AuditState) => T): T {
  return useStore(auditStore, selector);
}
export function useNav<T>(selector: (s: NavState) => T): T {
  return useStore(navStore, selector);
}
export function useLocaleState<T>(selector: (s: LocaleState) => T): T {
  return useStore(localeStore, selector);
}
