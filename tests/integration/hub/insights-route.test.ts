/**
 * The insights across every desk over HTTP (POST /v1/insights): a device, and on it a staff
 * member signed in through the hub whose role (the hub's) may see insights — supervisor or
 * manager. The answer is the hub's services' own figures (experiments; practices with waiting);
 * an agent, a token that is not this desk's, a revoked or unknown device, a disabled account or
 * bad input gets a typed error and no figures. Commands pushed by two desks count together.
 */
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../src/core/sync/protocol';
import { createHubApp, type HubApp } from '../../../src/hub/app';
import { HUB_HANDLERS } from '../../../src/hub/commands/handlers';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { issueEnrolmentCode } from '../../../src/hub/services/devices';
import { hubInsights } from '../../../src/hub/services/insights';
import { hubPracticesOverview, hubWaitRows } from '../../../src/hub/services/practices';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { createHubClient, type HubClient } from '../../../src/main/sync/hub-client';
import { uuidv7 } from '../../../src/platform/ids';
import { memoryKeyVault } from '../../../src/platform/keys';
import { DEMO_TODAY, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';

const PASSWORDS: Record<string, string> = {
  agent: 'ardoise-agent',
  supervisor: 'ardoise-supervisor',
  manager: 'ardoise-manager',
};
const FROM = '2025-11-16';

let hub: TestHubDb;
let app: HubApp;
let server: ServerType;
let url: string;

beforeAll(async () => {
  hub = await openTestHubDb();
  const keys = memoryKeyVault();
  await loadDemoSet(hub.db, keys, { generate: generateDeskDemoStore, customers: 300, seed: 5, today: DEMO_TODAY, passwordCost: TEST_PASSWORD_COST });
  app = await createHubApp({ db: hub.db, keys, handlers: HUB_HANDLERS, now: testNow, passwordCost: TEST_PASSWORD_COST });
  url = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
}, 240_000);
afterAll(async () => {
  server?.close();
  await app?.close();
  await hub?.dispose();
});

interface Desk {
  client: HubClient;
  deviceId: string;
  signIn(username: string): Promise<string>;
}

async function desk(name: string): Promise<Desk> {
  const { code } = await issueEnrolmentCode(hub.db, name, new Date());
  let credential: { deviceId: string; deviceSecret: string } | null = null;
  const client = createHubClient({ url, credential: () => credential });
  const enrolled = await client.call('enrol', { code, deskName: name });
  credential = { deviceId: enrolled.deviceId, deviceSecret: enrolled.deviceSecret };
  return {
    client,
    deviceId: enrolled.deviceId,
    async signIn(username) {
      const answer = await client.call('signIn', { username, password: PASSWORDS[username]! });
      expect(Date.parse(answer.staffTokenExpiresAt)).toBeGreaterThan(testNow().getTime());
      return answer.staffToken;
    },
  };
}

const ask = (d: Desk, staffToken: string, extra: Partial<RouteInput<'insights'>> = {}) =>
  d.client.call('insights', { staffToken, from: FROM, to: DEMO_TODAY, agentId: null, locale: 'fr', ...extra });

/** The POST as raw HTTP, with this authorization header or none. */
async function raw(body: unknown, authorization?: string): Promise<{ status: number; error: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
  const r = await fetch(`${url}/v1/insights`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: r.status, error: ((await r.json()) as Record<string, unknown>)['error'] };
}

describe('POST /v1/insights', () => {
  it('a manager and a supervisor get the hub’s own figures — experiments, practices and waiting — for the period and for one agent', async () => {
    const a = await desk('Desk I1');
    for (const [username, locale] of [
      ['manager', 'fr'],
      ['supervisor', 'en'],
    ] as const) {
      const token = await a.signIn(username);
      const answer = await ask(a, token, { locale });
      const filter = { from: FROM, to: DEMO_TODAY, agentId: null };
      expect(answer).toEqual({
        experiments: await hubInsights(hub.db, DEMO_TODAY, locale),
        practices: await hubPracticesOverview(hub.db, DEMO_TODAY, filter, locale),
      });
      expect(answer.practices.customers).toBeGreaterThan(0);
      expect(answer.practices.waiting.all.requests).toBe((await hubWaitRows(hub.db, filter)).length);
      expect(answer.practices.waiting.all.requests).toBeGreaterThan(0);
      const agentId = answer.practices.agents[0]!.id;
      const one = await ask(a, token, { locale, agentId });
      expect(one.practices).toEqual(await hubPracticesOverview(hub.db, DEMO_TODAY, { ...filter, agentId }, locale));
      expect(one.practices.customers).toBeLessThan(answer.practices.customers);
    }
  });

  it('an agent is refused (FORBIDDEN); no token, a forged one, another desk’s, a disabled account or a revoked desk is UNAUTHORISED', async () => {
    const a = await desk('Desk I2');
    const b = await desk('Desk I3');
    await expect(ask(a, await a.signIn('agent'))).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const token = await a.signIn('manager');
    await expect(ask(b, token)).rejects.toMatchObject({ status: 401, code: 'UNAUTHORISED' });
    const [head, body, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, string>;
    const forged = Buffer.from(JSON.stringify({ ...claims, d: b.deviceId })).toString('base64url');
    await expect(ask(b, `${head}.${forged}.${mac}`)).rejects.toMatchObject({ code: 'UNAUTHORISED' });
    await expect(ask(a, 'v1.e30.' + 'A'.repeat(43))).rejects.toMatchObject({ code: 'UNAUTHORISED' });
    // The token is good on its desk…
    await expect(ask(a, token)).resolves.toMatchObject({ practices: { filter: { from: FROM } } });
    // …until the hub disables the account, or revokes the desk.
    await hub.db.query(`UPDATE users SET active = 0 WHERE username = 'manager'`);
    await expect(ask(a, token)).rejects.toMatchObject({ code: 'UNAUTHORISED' });
    await hub.db.query(`UPDATE users SET active = 1 WHERE username = 'manager'`);
    await expect(ask(a, token)).resolves.toBeDefined();
    await hub.db.query(`UPDATE devices SET revoked_at = $2 WHERE id = $1`, [a.deviceId, new Date().toISOString()]);
    await expect(ask(a, token)).rejects.toMatchObject({ code: 'UNAUTHORISED' });
    // An unknown device, or none at all.
    const input = { staffToken: token, from: FROM, to: DEMO_TODAY, agentId: null, locale: 'fr' };
    expect(await raw(input, `Device ${uuidv7()}.${'A'.repeat(43)}`)).toEqual({ status: 401, error: 'UNAUTHORISED' });
    expect(await raw(input)).toEqual({ status: 401, error: 'UNAUTHORISED' });
  });

  it('bad input is BAD_REQUEST with what was wrong, and no figures', async () => {
    const a = await desk('Desk I4');
    const token = await a.signIn('manager');
    for (const bad of [
      { from: DEMO_TODAY, to: FROM },
      { from: '2026-02-30' },
      { to: '15/11/2026' },
      { agentId: 'agent' },
      { deskId: 'desk-12' },
      { deskId: '019a0000-0000-7000-8000-00000000000а' },
      { reason: 'billing_error' },
      { experimentId: 'Bad Id!' },
      { enrolledFrom: DEMO_TODAY, enrolledTo: FROM },
      { enrolledFrom: '2026-13-01' },
      { locale: 'de' },
      { staffToken: '' },
      { extra: 1 },
    ]) {
      const err = await ask(a, token, bad as never).then(
        () => null,
        (e: unknown) => e as { code: string; body: Record<string, unknown> },
      );
      expect(err?.code, JSON.stringify(bad)).toBe('BAD_REQUEST');
      expect(err!.body['issues']).toBeDefined();
      expect(err!.body['practices']).toBeUndefined();
    }
  });
});
