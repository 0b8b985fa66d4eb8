/**
 * The signed-in agent, as main reports it. The renderer never decides who the agent is or what
 * role they have: it shows the AgentProfile returned by 'session.signIn' / 'session.current' /
 * 'session.setLocale', and drops it when main says the session is gone.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentProfile, ApiErrorBody } from '../../../core/api';
import type { Locale } from '../../../core/i18n';
import type { ApiClient } from '../api/client';
import type { LocaleStore } from '../i18n/locale-store';
import { latest, settle } from '../lib/loadable';

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
  const localeSave = latest();

  const store = createStore<SessionState>()((set, get) => {
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
        const answer = await settle(api.call('session.current', {}));
        if (get().status !== 'restoring') return;
        if (!answer.ok) set({ status: 'signedOut', error: answer.error });
        else if (answer.value) {
          adopt(answer.value);
          locale.getState().setLocale(answer.value.locale);
        } else set({ status: 'signedOut' });
      },

      async signIn(username, password) {
        if (get().status === 'signingIn' || get().status === 'signedIn') return false;
        set({ status: 'signingIn', error: null, sessionEnded: false });
        const answer = await settle(api.call('session.signIn', { username: username.trim(), password }));
        if (!answer.ok) {
          set({ status: 'signedOut', error: answer.error });
          return false;
        }
        const agent = answer.value;
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
        if (get().status !== 'signedIn') {
          localeSave.invalidate();
          locale.getState().setLocale(next, { chosen: true });
          return;
        }
        const previous = get().agent?.locale ?? locale.getState().locale;
        locale.getState().setLocale(next); // optimistic: the switch feels instant
        set({ localeError: null });
        // Only the latest choice is applied (a quick fr → en → fr ends on fr).
        const answer = await localeSave.run(() => api.call('session.setLocale', { locale: next }));
        if (!answer || get().status !== 'signedIn') return;
        if (answer.ok) {
          set({ agent: answer.value });
          locale.getState().setLocale(answer.value.locale);
        } else {
          locale.getState().setLocale(previous);
          set({ localeError: answer.error });
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

  // Main ended the session (restart, expiry): back to sign-in, with a notice.
  api.onSessionLost(() => store.getState().sessionLost());
  return store;
}
