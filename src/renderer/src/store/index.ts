/**
 * The app's store instances, wired to the real `api`, and the React hooks to read them.
 * Store logic lives in the factories (unit-tested with a fake api); this file only connects them.
 */
import { useStore } from 'zustand';
import { api } from '../api';
import { createLookupStore, type LookupState } from '../features/lookup/lookup-store';
import { createPopStore, type PopState } from '../features/screenpop/pop-store';
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
export const popStore = createPopStore({ lookup: lookupStore });

// Main ended the session (restart, expiry): back to sign-in, with a notice.
api.onSessionLost(() => sessionStore.getState().sessionLost());

// Whoever signs in next starts from a clean screen; a call that rang before anyone signed in
// (the deep link that launched the app) is shown to the first agent.
sessionStore.subscribe((state, previous) => {
  if (previous.status !== 'signedIn' && state.status === 'signedIn') {
    api.call('calls.pending', {}).then(
      (pop) => pop && popStore.getState().receive(pop),
      () => undefined,
    );
  }
  if (previous.status === 'signedIn' && state.status !== 'signedIn') {
    lookupStore.getState().reset();
    popStore.getState().reset();
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
export function useLocaleState<T>(selector: (s: LocaleState) => T): T {
  return useStore(localeStore, selector);
}
