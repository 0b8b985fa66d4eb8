/**
 * What the sign-in screen needs of the stores, wired to the real `api`: the UI language and who
 * is signed in. A cold start loads only this; the signed-in screens' stores (./index.ts, with
 * the call's rules, the phone formatter and the API's schemas) come with the signed-in shell.
 */
import { useStore, type StoreApi } from 'zustand';
import { api } from '../api';
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

/** A React hook that reads one store through a selector (and re-renders when that part changes). */
export function hookFor<S>(store: StoreApi<S>): <T>(selector: (state: S) => T) => T {
  return function useBound<T>(selector: (state: S) => T): T {
    return useStore(store, selector);
  };
}

export const useSession = hookFor<SessionState>(sessionStore);
export const useLocaleState = hookFor<LocaleState>(localeStore);
