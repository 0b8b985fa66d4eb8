/**
 * The language the UI is shown in. Before sign-in it is the desk's last choice (or French);
 * once signed in it follows the agent's profile held by main (`session.setLocale`).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../core/i18n';

export const LOCALE_STORAGE_KEY = 'ardoise.locale';

export interface LocaleState {
  readonly locale: Locale;
  /** The agent picked this language on the sign-in screen (so it should win over the profile). */
  readonly chosenBeforeSignIn: boolean;
  setLocale(locale: Locale, opts?: { chosen?: boolean }): void;
}

export type LocaleStore = StoreApi<LocaleState>;

export function createLocaleStore(initial: unknown, persist: (locale: Locale) => void = () => {}): LocaleStore {
  return createStore<LocaleState>()((set) => ({
    locale: isLocale(initial) ? initial : DEFAULT_LOCALE,
    chosenBeforeSignIn: false,
    setLocale(locale, opts) {
      set((s) => ({ locale, chosenBeforeSignIn: opts?.chosen ?? s.chosenBeforeSignIn }));
      persist(locale);
    },
  }));
}
