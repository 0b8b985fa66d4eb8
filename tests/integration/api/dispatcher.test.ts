import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../../../src/core/api';
import { SessionRegistry } from '../../../src/main/api/sessions';
import { AgentSessions } from '../../../src/main/services/agent-session';
import { CommandLog } from '../../../src/main/services/command-log';
import { PAUSE_MS, StaffCredentials } from '../../../src/main/services/staff-credentials';
import { aCustomerWithMobile, newClient, signIn, startTestHost, storeFingerprint, TEST_PASSWORD_COST, type TestHost } from '../../fixtures/app-host';

let t: TestHost;
beforeAll(() => {
  t = startTestHost();
});
afterAll(() => t.dispose());

const call = (client: ReturnType<typeof newClient>, method: unknown, input?: unknown) => t.host.dispatcher.dispatch(client, method, input);

describe('the dispatcher refuses bad calls with a typed error and changes nothing', () => {
  it.each([
    ['an unknown method', 'customers.deleteAll', {}, 'UNKNOWN_METHOD'],
    ['a method name that is not a string', 42, {}, 'UNKNOWN_METHOD'],
    ['a prototype key as method', '__proto__', {}, 'UNKNOWN_METHOD'],
    ['a wrong input type', 'lookup.search', { query: 12 }, 'INVALID_INPUT'],
    ['an extra field', 'lookup.search', { query: 'martin', role: 'supervisor' }, 'INVALID_INPUT'],
    ['a limit out of range', 'lookup.search', { query: 'martin', limit: 10_000 }, 'INVALID_INPUT'],
    ['a query too long', 'lookup.search', { query: 'x'.repeat(500) }, 'INVALID_INPUT'],
    ['an input that is not an object', 'lookup.search', 'martin', 'INVALID_INPUT'],
    ['a malformed id', 'lookup.caller', { customerId: "' OR 1=1 --" }, 'INVALID_INPUT'],
  ])('%s', async (_what, method, input, code) => {
    const client = newClient();
    await signIn(t.host, client);
    const before = storeFingerprint(t.host.db.$client);
    const r = await call(client, method, input);
    expect(r).toMatchObject({ ok: false, error: { code } });
    if (!r.ok) {
      expect(r.error.messageKey).toMatch(/^error\./);
      expect(JSON.stringify(r)).not.toMatch(/at .*\.ts|Error:|stack/);
    }
    expect(storeFingerprint(t.host.db.$client)).toEqual(before);
  });

  it('refuses every signed-in method before sign-in', async () => {
    const client = newClient();
    for (const [method, input] of [
      ['lookup.search', { query: 'martin' }],
      ['lookup.caller', { customerId: '01900000-0000-7000-8000-000000000000' }],
      ['calls.incoming', { from: '0612345678' }],
      ['session.setLocale', { locale: 'en' }],
    ] as const) {
      expect(await call(client, method, input)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('says the same thing for an unknown user and a wrong password', async () => {
    const a = await call(newClient(), 'session.signIn', { username: 'agent', password: 'wrong-password' });
    const b = await call(newClient(), 'session.signIn', { username: 'nobody', password: 'wrong-password' });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });

  it('error codes are the closed list of the contract', () => {
    expect(API_ERROR_CODES).toContain('INVALID_INPUT');
  });
});

describe('sign-in and the session held in main', () => {
  it('signs in offline from the local store and keeps the role in main', async () => {
    const client = newClient();
    const r = await call(client, 'session.signIn', { username: 'supervisor', password: 'ardoise-supervisor' });
    expect(r).toMatchObject({ ok: true, value: { username: 'supervisor', role: 'supervisor' } });
    expect(await call(client, 'session.current', {})).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    // Another client is not signed in by this.
    expect(await call(newClient(), 'session.current', {})).toEqual({ ok: true, value: null });
    expect(await call(client, 'session.signOut', {})).toEqual({ ok: true, value: { signedOut: true } });
    expect(await call(client, 'session.current', {})).toEqual({ ok: true, value: null });
  });

  it("keeps the agent's language on their user", async () => {
    const client = newClient();
    await signIn(t.host, client, 'agent2', 'ardoise-agent');
    expect(await call(client, 'session.setLocale', { locale: 'fr' })).toMatchObject({ ok: true, value: { locale: 'fr' } });
    const again = newClient();
    expect(await call(again, 'session.signIn', { username: 'agent2', password: 'ardoise-agent' })).toMatchObject({ ok: true, value: { locale: 'fr' } });
    await call(client, 'session.setLocale', { locale: 'en' });
  });
});

describe('caller lookup through the API', () => {
  it('finds a caller by a phone number typed in another format than stored, masked', async () => {
    const client = newClient();
    await signIn(t.host, client);
    const known = aCustomerWithMobile(t.host.db.$client);
    const national = known.e164.replace('+33', '0').replace(/(\d{2})(?=\d)/g, '$1 ');
    for (const typed of [national, known.e164, known.e164.replace('+33', '0033 '), national.replace(/ /g, '.')]) {
      const r = await call(client, 'lookup.search', { query: typed });
      expect(r.ok, typed).toBe(true);
      if (!r.ok) continue;
      const value = r.value as { kind: string; results: Record<string, unknown>[] };
      expect(value.kind).toBe('phone');
      expect(value.results.map((x) => x.customerId)).toContain(known.customerId);
      const hit = value.results.find((x) => x.customerId === known.customerId)!;
      expect(Object.keys(hit).sort()).toEqual([
        'accountId',
        'accountNumberMasked',
        'customerId',
        'displayName',
        'emailMasked',
        'matchedOn',
        'phoneMasked',
        'town',
      ]);
      expect(hit.phoneMasked).toMatch(/•/);
      expect(JSON.stringify(r)).not.toContain(known.e164.slice(4));
      expect(JSON.stringify(r)).not.toContain(known.line1);
    }
  });

  it('finds "Hélène" when the agent types "helene", and ranks whole names first', async () => {
    const client = newClient();
    await signIn(t.host, client);
    const c = t.host.db.$client;
    const someone = c
      .prepare(`SELECT given_name AS g, family_name AS f FROM customers WHERE given_name <> lower(given_name) AND given_name GLOB '*[éèëêïîôöüç]*' LIMIT 1`)
      .get() as { g: string; f: string };
    expect(someone, 'the demo set has accented names').toBeTruthy();
    const folded = someone.g
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    const r = await call(client, 'lookup.search', { query: `${folded} ${someone.f.slice(0, 3)}` });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const names = (r.value as { results: { displayName: string }[] }).results.map((x) => x.displayName);
    expect(names).toContain(`${someone.g} ${someone.f}`);
  });

  it('finds by account number and email prefix', async () => {
    const client = newClient();
    await signIn(t.host, client);
    const c = t.host.db.$client;
    const row = c
      .prepare(`SELECT a.customer_id AS id, a.number, e.email FROM accounts a JOIN customer_emails e ON e.customer_id = a.customer_id LIMIT 1`)
      .get() as { id: string; number: string; email: string };
    const byAccount = await call(client, 'lookup.search', { query: row.number.toLowerCase().replace('-', ' ') });
    expect(byAccount).toMatchObject({ ok: true, value: { kind: 'account', results: [{ customerId: row.id, matchedOn: 'account' }] } });
    const byEmail = await call(client, 'lookup.search', { query: row.email.toUpperCase() });
    expect(byEmail.ok && (byEmail.value as { results: { customerId: string }[] }).results.some((x) => x.customerId === row.id)).toBe(true);
  });

  it('pops the caller on an incoming call and pushes the event to the agent', async () => {
    const client = newClient();
    await signIn(t.host, client);
    const known = aCustomerWithMobile(t.host.db.$client);
    const events: unknown[] = [];
    const stop = t.host.sessions.subscribe(client.clientId, (e) => events.push(e));
    const r = await call(client, 'calls.incoming', { from: known.e164.replace('+33', '0') });
    stop();
    expect(r).toMatchObject({ ok: true, value: { e164: known.e164, matches: [{ customerId: known.customerId }] } });
    expect(events).toEqual([{ name: 'call.incoming', payload: (r as { value: unknown }).value }]);
  });

  it('an unknown caller gives an empty screen pop, not an error', async () => {
    const client = newClient();
    await signIn(t.host, client);
    expect(await call(client, 'calls.incoming', { from: 'anonymous' })).toEqual({ ok: true, value: { from: 'anonymous', e164: null, matches: [] } });
  });
});

describe('a call that rings before anyone is signed in', () => {
  it('waits for the first agent, once', async () => {
    const fresh = startTestHost(50);
    try {
      const known = aCustomerWithMobile(fresh.host.db.$client);
      await fresh.host.screenPop(known.e164);
      const client = newClient();
      await signIn(fresh.host, client);
      const first = await fresh.host.dispatcher.dispatch(client, 'calls.pending', {});
      expect(first).toMatchObject({ ok: true, value: { e164: known.e164, matches: [{ customerId: known.customerId }] } });
      expect(await fresh.host.dispatcher.dispatch(client, 'calls.pending', {})).toEqual({ ok: true, value: null });
    } finally {
      fresh.dispose();
    }
  });

  it('goes straight to signed-in agents when there are some', async () => {
    const client = newClient();
    await signIn(t.host, client);
    const known = aCustomerWithMobile(t.host.db.$client);
    const events: unknown[] = [];
    const stop = t.host.sessions.subscribe(client.clientId, (e) => events.push(e));
    await t.host.screenPop(known.e164);
    stop();
    expect(events).toMatchObject([{ name: 'call.incoming', payload: { e164: known.e164 } }]);
    expect(await call(client, 'calls.pending', {})).toEqual({ ok: true, value: null });
  });
});

describe('password guessing at a desk', () => {
  it('pauses a username after five failures in a row, known or not, and lets the others in', async () => {
    for (const username of ['senior', 'nobody-here']) {
      for (let i = 0; i < 5; i++) {
        expect(await call(newClient(), 'session.signIn', { username, password: `guess-${i}` })).toMatchObject({
          ok: false,
          error: { code: 'BAD_CREDENTIALS' },
        });
      }
      // Even the right password waits: the pause does not depend on what is typed.
      expect(await call(newClient(), 'session.signIn', { username, password: 'ardoise-senior' })).toMatchObject({
        ok: false,
        error: { code: 'TOO_MANY_ATTEMPTS', messageKey: 'error.tooManyAttempts' },
      });
    }
    expect(await call(newClient(), 'session.signIn', { username: 'supervisor', password: 'ardoise-supervisor' })).toMatchObject({ ok: true });
  });

  it('ends the pause after a minute, and a success clears the count', async () => {
    let now = Date.parse('2026-11-15T09:00:00.000Z');
    const sessions = new SessionRegistry();
    const clock = () => new Date(now);
    const commands = new CommandLog(t.host.db.$client, t.host.audit, clock);
    const agentSessions = new AgentSessions(t.host.db, sessions, commands, new StaffCredentials(t.host.db.$client, commands, clock, TEST_PASSWORD_COST), clock);
    const client = newClient();
    for (let i = 0; i < 4; i++) await expect(agentSessions.signIn(client, 'agent', 'wrong')).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await agentSessions.signIn(client, 'agent', 'ardoise-agent');
    for (let i = 0; i < 5; i++) await expect(agentSessions.signIn(client, 'agent', 'wrong')).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(agentSessions.signIn(client, 'agent', 'ardoise-agent')).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    now += PAUSE_MS + 1;
    await expect(agentSessions.signIn(client, 'agent', 'ardoise-agent')).resolves.toMatchObject({ username: 'agent' });
  });
});
