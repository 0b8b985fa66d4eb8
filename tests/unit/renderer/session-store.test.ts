import { describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../src/core/api';
import { createLocaleStore } from '../../../src/renderer/src/i18n/locale-store';
import { createSessionStore, missingSignInFields } from '../../../src/renderer/src/store/session-store';
import { fakeApi, flush } from './fake-api';

const agent = (over: Partial<AgentProfile> = {}): AgentProfile => ({
  userId: '0190c3a0-0000-7000-8000-0000000000aa',
  username: 'agent',
  displayName: 'Camille Martin',
  role: 'agent',
  locale: 'fr',
  ...over,
});

function setup(initialLocale: unknown = null) {
  const api = fakeApi();
  const saved: string[] = [];
  const locale = createLocaleStore(initialLocale, (l) => saved.push(l));
  const session = createSessionStore({ api: api.api, locale });
  return { api, locale, session, saved };
}

describe('locale store', () => {
  it('is French until someone chooses', () => {
    expect(createLocaleStore(null).getState().locale).toBe('fr');
    expect(createLocaleStore('de').getState().locale).toBe('fr');
    expect(createLocaleStore('en').getState().locale).toBe('en');
  });
});

describe('session store', () => {
  it('restores the session main holds, once, and takes the profile’s language', async () => {
    const { api, session, locale } = setup('en');
    void session.getState().restore();
    void session.getState().restore(); // StrictMode runs effects twice
    expect(api.callsTo('session.current')).toHaveLength(1);
    api.calls[0]!.resolve(agent({ locale: 'fr' }));
    await flush();
    expect(session.getState().status).toBe('signedIn');
    expect(session.getState().agent?.displayName).toBe('Camille Martin');
    expect(locale.getState().locale).toBe('fr');
  });

  it('goes to sign-in when there is no session, or when main cannot be reached', async () => {
    const a = setup();
    void a.session.getState().restore();
    a.api.calls[0]!.resolve(null);
    await flush();
    expect(a.session.getState()).toMatchObject({ status: 'signedOut', error: null });

    const b = setup();
    void b.session.getState().restore();
    b.api.calls[0]!.reject({ code: 'BAD_TOKEN', messageKey: 'error.badToken' });
    await flush();
    expect(b.session.getState()).toMatchObject({ status: 'signedOut', error: { code: 'BAD_TOKEN' } });
  });

  it('signs in: loading state, then the agent as main describes it (role included)', async () => {
    const { api, session } = setup();
    session.setState({ status: 'signedOut' });
    const done = session.getState().signIn('  supervisor ', 'ardoise-supervisor');
    expect(session.getState().status).toBe('signingIn');
    expect(api.calls[0]).toMatchObject({ method: 'session.signIn', input: { username: 'supervisor', password: 'ardoise-supervisor' } });
    api.calls[0]!.resolve(agent({ username: 'supervisor', role: 'supervisor' }));
    await expect(done).resolves.toBe(true);
    expect(session.getState().agent?.role).toBe('supervisor');
  });

  it('reports BAD_CREDENTIALS and INVALID_INPUT as typed errors', async () => {
    const { api, session } = setup();
    session.setState({ status: 'signedOut' });
    const first = session.getState().signIn('agent', 'wrong');
    api.calls[0]!.reject({ code: 'BAD_CREDENTIALS', messageKey: 'error.badCredentials' });
    await expect(first).resolves.toBe(false);
    expect(session.getState()).toMatchObject({ status: 'signedOut', error: { code: 'BAD_CREDENTIALS', messageKey: 'error.badCredentials' } });

    const second = session.getState().signIn('agent', 'x');
    expect(session.getState().error).toBeNull(); // a new attempt clears the old message
    api.calls[1]!.reject({ code: 'INVALID_INPUT', messageKey: 'error.invalidInput', issues: [{ path: 'username', message: 'too long' }] });
    await second;
    expect(session.getState().error?.code).toBe('INVALID_INPUT');
  });

  it('ignores a second submit while signing in', async () => {
    const { api, session } = setup();
    session.setState({ status: 'signedOut' });
    void session.getState().signIn('agent', 'p');
    await expect(session.getState().signIn('agent', 'p')).resolves.toBe(false);
    expect(api.calls).toHaveLength(1);
  });

  it('keeps a language chosen on the sign-in screen and saves it to the profile', async () => {
    const { api, session, locale } = setup('fr');
    session.setState({ status: 'signedOut' });
    await session.getState().changeLocale('en'); // signed out: local only
    expect(api.calls).toHaveLength(0);
    expect(locale.getState()).toMatchObject({ locale: 'en', chosenBeforeSignIn: true });

    const done = session.getState().signIn('agent', 'p');
    api.calls[0]!.resolve(agent({ locale: 'fr' }));
    await done;
    expect(locale.getState().locale).toBe('en');
    const save = api.callsTo('session.setLocale');
    expect(save[0]?.input).toEqual({ locale: 'en' });
    save[0]!.resolve(agent({ locale: 'en' }));
    await flush();
    expect(session.getState().agent?.locale).toBe('en');
    expect(locale.getState().chosenBeforeSignIn).toBe(false);
  });

  it('changes the language optimistically when signed in, and rolls back if main refuses', async () => {
    const { api, session, locale } = setup('fr');
    session.setState({ status: 'signedIn', agent: agent({ locale: 'fr' }) });
    const change = session.getState().changeLocale('en');
    expect(locale.getState().locale).toBe('en');
    api.calls[0]!.reject({ code: 'INTERNAL', messageKey: 'error.unreachable' });
    await change;
    expect(locale.getState().locale).toBe('fr');
    expect(session.getState().localeError?.messageKey).toBe('error.unreachable');
  });

  it('signs out even if main cannot be reached', async () => {
    const { api, session } = setup();
    session.setState({ status: 'signedIn', agent: agent() });
    const done = session.getState().signOut();
    expect(session.getState().signingOut).toBe(true);
    api.calls[0]!.reject({ code: 'INTERNAL', messageKey: 'error.unreachable' });
    await done;
    expect(session.getState()).toMatchObject({ status: 'signedOut', agent: null, signingOut: false });
  });

  it('returns to sign-in with a notice when main loses the session', () => {
    const { session } = setup();
    session.setState({ status: 'signedIn', agent: agent() });
    session.getState().sessionLost();
    expect(session.getState()).toMatchObject({ status: 'signedOut', agent: null, sessionEnded: true });
  });
});

describe('missingSignInFields', () => {
  it('names the empty fields', () => {
    expect(missingSignInFields('', '')).toEqual(['username', 'password']);
    expect(missingSignInFields('  ', 'x')).toEqual(['username']);
    expect(missingSignInFields('agent', '')).toEqual(['password']);
    expect(missingSignInFields('agent', ' ')).toEqual([]); // a password may be spaces
  });
});
