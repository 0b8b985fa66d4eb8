/**
 * The app's store instances, wired to the real `api`, and the React hooks to read them.
 * Store logic lives in the factories (unit-tested with a fake api); the wiring between them is
 * ./app-stores.ts; this file only connects it to the page. The sign-in screen's stores are in
 * ./session.ts (a cold start loads those only); these come with the signed-in shell's code.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { api } from '../api';
import type { AccountState } from '../features/account/account-store';
import type { AuditState } from '../features/audit/audit-store';
import type { CallState } from '../features/call/call-store';
import type { LookupState } from '../features/lookup/lookup-store';
import type { PopState } from '../features/screenpop/pop-store';
import type { NavState } from '../features/shell/nav-store';
import type { LockoutsState } from '../features/verify/lockouts-store';
import type { VerifyState } from '../features/verify/verify-store';
import type { DispositionsState } from '../features/wrapup/dispositions-store';
import type { NotesState } from '../features/wrapup/notes-store';
import type { HistoryState } from '../features/history/history-store';
import type { WrapUpState } from '../features/wrapup/wrapup-store';
import { createAppStores } from './app-stores';
import type { CallScope } from './call-scope';
import { hookFor, localeStore, sessionStore } from './session';

export type { CallScope } from './call-scope';

export { localeStore, sessionStore, useLocaleState, useSession } from './session';

const stores = createAppStores({ api, locale: localeStore, session: sessionStore });

export const lookupStore = stores.lookup;
export const popStore = stores.pop;
export const callStore = stores.call;
export const navStore = stores.nav;
export const dispositionsStore = stores.dispositions;
export const lockoutsStore = stores.lockouts;
export const auditStore = stores.audit;
export const inboxStore = stores.inbox;
export const callScopeStore = stores.callScope;
export const openAudit = stores.openAudit;

export const useLookup = hookFor<LookupState>(lookupStore);
export const usePop = hookFor<PopState>(popStore);
export const useCall = hookFor<CallState>(callStore);
export const useDispositions = hookFor<DispositionsState>(dispositionsStore);
export const useLockouts = hookFor<LockoutsState>(lockoutsStore);
export const useAudit = hookFor<AuditState>(auditStore);
export const useNav = hookFor<NavState>(navStore);

/** The container of the call in progress, or null between calls. */
export function useActiveCallScope(): CallScope | null {
  return useStore(callScopeStore, (s) => s.scope);
}

/**
 * The call's container, for the screens of a call: the call workspace provides the one of the
 * call it shows, so a screen always reads the stores of its own call.
 */
export const CallScopeContext = createContext<CallScope | null>(null);

export function useCallScope(): CallScope {
  const scope = useContext(CallScopeContext);
  if (!scope) throw new Error('useCallScope: a screen of a call is shown outside the call workspace');
  return scope;
}
export function useVerify<T>(selector: (s: VerifyState) => T): T {
  return useStore(useCallScope().verify, selector);
}
export function useAccount<T>(selector: (s: AccountState) => T): T {
  return useStore(useCallScope().account, selector);
}
export function useHistory<T>(selector: (s: HistoryState) => T): T {
  return useStore(useCallScope().history, selector);
}
export function useNotes<T>(selector: (s: NotesState) => T): T {
  return useStore(useCallScope().notes, selector);
}
export function useWrapUp<T>(selector: (s: WrapUpState) => T): T {
  return useStore(useCallScope().wrapUp, selector);
}
