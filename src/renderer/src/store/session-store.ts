/**
 * The signed-in agent, as main reports it. The renderer never decides who the agent is or what
 * role they have: it shows the AgentProfile returned by 'session.signIn' / 'session.current' /
 * 'session.setLocale', and drops it when main says the session is gone.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentProfile, ApiErrorBody } from '../../../core/api';
import type { Locale } from '../../../core/i18n';
import { errorBodyOf, type ApiClient } from '../api/client';
import type { LocaleStore } from '../i18n/locale-store';

export type SessionStatus = 'restoring' | 'signedOut' | 'signingIn' | 'signedIn';

export interface SessionState {
  readonly status: SessionStatus;
  readonly agent: AgentProfile | null;
  /** Why the last sign-in (or session restore) failed. */
  readonly error: ApiErrorBody | null;
  /** Main ended the session while the agent was working (shown on the sign-in screen). */
  readonly sessionEnded: boolean;
  readonly signingOut: boolean;
  /** The language change could not be saved to the profile (the UI went back). */
  readonly localeError: ApiErrorBody | null;

  restore(): Promise<void>;
  signIn(username: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  changeLocale(locale: Locale): Promise<void>;
  sessionLost(): void;
  clearError(): void;
}

export type SessionStore = StoreApi<SessionState>;

export type SignInField = 'username' | 'password';

/** Instant, local check before anything is sent: which fields are empty. */
export function missingSignInFields(username: string, password: string): SignInField[] {
  const missing: SignInField[] = [];
  if (username.trim() === '') missing.push('username');
  if (password === '') missing.push('password');
  return missing;
}

export function createSessionStore(deps: { api: ApiClient; locale: LocaleStore }): SessionStore {
  const { api, locale } = deps;
  let restoreStarted = false;
  let localeSeq = 0;

  return createStore<SessionState>()((set, get) => {
    function adopt(agent: AgentProfile): void {
      set({ status: 'signedIn', agent, error: null, sessionEnded: false, localeError: null });
    }

    return {
      status: 'restoring',
      agent: null,
      error: null,
      sessionEnded: false,
      signingOut: false,
      localeError: null,

      async restore() {
        if (restoreStarted) return;
        restoreStarted = true;
        try {
          const agent = await api.call('session.current', {});
          if (get().status !== 'restoring') return;
          if (agent) {
            adopt(agent);
            locale.getState().setLocale(agent.locale);
          } else {
            set({ status: 'signedOut' });
          }
        } catch (err) {
          if (get().status === 'restoring') set({ status: 'signedOut', error: errorBodyOf(err) });
        }
      },

      async signIn(username, password) {
        if (get().status === 'signingIn' || get().status === 'signedIn') return false;
        set({ status: 'signingIn', error: null, sessionEnded: false });
        let agent: AgentProfile;
        try {
          agent = await api.call('session.signIn', { username: username.trim(), password });
        } catch (err) {
          set({ status: 'signedOut', error: errorBodyOf(err) });
          return false;
        }
        adopt(agent);
        const { locale: shown, chosenBeforeSignIn } = locale.getState();
        if (chosenBeforeSignIn && shown !== agent.locale) {
          // The agent picked a language on the sign-in screen: keep it and save it to the profile.
          locale.getState().setLocale(shown, { chosen: false });
          void get().changeLocale(shown);
        } else {
          locale.getState().setLocale(agent.locale, { chosen: false });
        }
        return true;
      },

      async signOut() {
        if (get().status !== 'signedIn' || get().signingOut) return;
        set({ signingOut: true });
        try {
          await api.call('session.signOut', {});
        } catch {
          // Signing out locally is still right: the agent asked to leave.
        }
        set({ status: 'signedOut', agent: null, signingOut: false, error: null, localeError: null, sessionEnded: false });
      },

      async changeLocale(next) {
        const seq = ++localeSeq;
        if (get().status !== 'signedIn') {
          locale.getState().setLocale(next, { chosen: true });
          return;
        }
        const previous = get().agent?.locale ?? locale.getState().locale;
        locale.getState().setLocale(next); // optimistic: the switch feels instant
        set({ localeError: null });
        try {
          const agent = await api.call('session.setLocale', { locale: next });
          if (seq !== localeSeq || get().status !== 'signedIn') return;
          set({ agent });
          locale.getState().setLocale(agent.locale);
        } catch (err) {
          if (seq !== localeSeq || get().status !== 'signedIn') return;
          locale.getState().setLocale(previous);
          set({ localeError: errorBodyOf(err) });
        }
      },

      sessionLost() {
        if (get().status !== 'signedIn') return;
        set({ status: 'signedOut', agent: null, sessionEnded: true, signingOut: false, localeError: null });
      },

      clearError() {
        if (get().error || get().sessionEnded) set({ error: null, sessionEnded: false });
      },
    };
  });
}
