/**
 * The hub's routes over HTTP, as desks use them: enrolment with a one-time code, device
 * credentials on every call, staff sign-in with one failure count for every desk, commands
 * with receipts (a known id answers its receipt, another payload under it is refused, a gap
 * stops the batch), and two hub processes on one database hearing each other's changes.
 */
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandEnvelope, Receipt } from '../../../src/core/sync/protocol';
import { createHubApp, hubEpoch, type HubApp } from '../../../src/hub/app';
import { HUB_HANDLERS } from '../../../src/hub/commands/handlers';
import type { HubDb } from '../../../src/hub/db/open';
import { issueEnrolmentCode } from '../../../src/hub/services/devices';
import { createHubClient, HubRefused, type HubClient } from '../../../src/main/sync/hub-client';
import { memoryKeyVault } from '../../../src/platform/keys';
import { hashPasswordSync } from '../../../src/platform/passwords';
import { uuidv7 } from '../../../src/platform/ids';
import { openTestHubDb, postgresReachable, type TestHubDb } from '../../fixtures/hub-db';
import { TEST_PASSWORD_COST } from '../../fixtures/app-host';

let hub: TestHubDb;
const servers: ServerType[] = [];
const apps: HubApp[] = [];

async function startHub(db: HubDb): Promise<string> {
  const app = await createHubApp({
    db,
    keys: memoryKeyVault(),
    handlers: HUB_HANDLERS,
    passwordCost: TEST_PASSWORD_COST,
    log: (m) => {
      if (process.env.HUB_DEBUG) console.log(m);
    },
  });
  apps.push(app);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    servers.push(server);
  });
}

const AGENT = uuidv7();
const CUSTOMER = uuidv7();
let url: string;

beforeAll(async () => {
  hub = await openTestHubDb();
  await hub.db.query(
    `INSERT INTO roles (name, rank, description) VALUES ('agent', 0, 'Agent'), ('senior_agent', 1, 'Senior'), ('supervisor', 2, 'Supervisor')`,
  );
  await hub.db.query(
    `INSERT INTO users (id, username, display_name, role, password_hash, locale, active, created_at) VALUES ($1, 'agent', 'Camille Martin', 'agent', $2, 'fr', 1, '2026-01-01T00:00:00.000Z')`,
    [AGENT, hashPasswordSync('ardoise-agent', { cost: TEST_PASSWORD_COST, salt: Buffer.alloc(16, 3) })],
  );
  await hub.db.query(
    `INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, created_at) VALUES ($1, 'Ana', 'Lima', '1980-01-01', 'residential', 'FR', 'fr', '2026-01-01T00:00:00.000Z')`,
    [CUSTOMER],
  );
  url = await startHub(hub.db);
}, 120_000);
afterAll(async () => {
  for (const s of servers) s.close();
  for (const a of apps) await a.close();
  await hub?.dispose();
});

async function enrolledDesk(name: string, at = url): Promise<{ client: HubClient; deviceId: string; epoch: string }> {
  const { code } = await issueEnrolmentCode(hub.db, name, new Date());
  let credential: { deviceId: string; deviceSecret: string } | null = null;
  const client = createHubClient({ url: at, credential: () => credential });
  const enrolled = await client.call('enrol', { code, deskName: name });
  credential = { deviceId: enrolled.deviceId, deviceSecret: enrolled.deviceSecret };
  return { client, deviceId: enrolled.deviceId, epoch: enrolled.epoch };
}

function started(seq: number, interactionId = uuidv7()): CommandEnvelope {
  const at = new Date().toISOString();
  return {
    commandId: uuidv7(),
    deviceSeq: seq,
    type: 'interaction.start',
    actorId: AGENT,
    interactionId,
    createdAt: at,
    payload: { interactionId, customerId: CUSTOMER, callerNumber: null, source: 'search' },
  };
}

describe('enrolment', () => {
  it('a one-time code gives a desk its credential once; without it, nothing answers', async () => {
    const { code } = await issueEnrolmentCode(hub.db, 'Desk 1', new Date());
    const anonymous = createHubClient({ url, credential: () => null });
    const first = await anonymous.call('enrol', { code, deskName: 'Desk 1' });
    expect(first.deviceSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.pinPepper, 'base64')).toHaveLength(32);
    await expect(anonymous.call('enrol', { code, deskName: 'Desk 1' })).rejects.toMatchObject({ code: 'UNAUTHORISED' });
    await expect(anonymous.call('pull', { epoch: null, cursor: null, limit: 10 })).rejects.toMatchObject({ code: 'UNAUTHORISED' });
    const forged = createHubClient({ url, credential: () => ({ deviceId: first.deviceId, deviceSecret: 'x'.repeat(43) }) });
    await expect(forged.call('pull', { epoch: null, cursor: null, limit: 10 })).rejects.toMatchObject({ code: 'UNAUTHORISED' });
    // Only hashes are kept.
    const stored = JSON.stringify(
      await hub.db
        .query(`SELECT * FROM devices UNION ALL SELECT NULL, NULL, code_hash, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM enrolment_codes`)
        .catch(() => []),
    );
    expect(stored).not.toContain(first.deviceSecret);
    expect(stored).not.toContain(code);
  });
});

describe('staff sign in against the hub', () => {
  it('the right password gives the profile and the hash for offline sign-in at that desk; five failures pause the name for every desk', async () => {
    const a = await enrolledDesk('Desk A');
    const b = await enrolledDesk('Desk B');
    const ok = await a.client.call('signIn', { username: 'agent', password: 'ardoise-agent' });
    expect(ok.profile).toMatchObject({ userId: AGENT, role: 'agent', displayName: 'Camille Martin' });
    expect(ok.passwordHash).toMatch(/^scrypt\$/);
    for (let i = 0; i < 5; i++)
      await expect(a.client.call('signIn', { username: 'agent', password: `guess-${i}` })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    // Desk B is paused too: one count for every desk.
    await expect(b.client.call('signIn', { username: 'agent', password: 'ardoise-agent' })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    await hub.db.query(`DELETE FROM credential_failures`);
  });
});

describe('commands up', () => {
  it('receipts: accepted, the same command again answers the same receipt, another payload under its id is refused, a gap says what is expected', async () => {
    const desk = await enrolledDesk('Desk C');
    const one = started(1);
    const first = await desk.client.call('push', { epoch: desk.epoch, commands: [one], auditHead: null });
    expect(first.receipts.map((r: Receipt) => r.status)).toEqual(['accepted']);
    // The reply was lost: the desk sends it again.
    const again = await desk.client.call('push', { epoch: desk.epoch, commands: [one], auditHead: null });
    expect(again.receipts).toEqual(first.receipts);
    expect(await hub.db.query(`SELECT count(*)::int AS n FROM interactions WHERE id = $1`, [one.interactionId])).toEqual([{ n: 1 }]);
    // The same id with another payload.
    await expect(
      desk.client.call('push', { epoch: desk.epoch, commands: [{ ...one, createdAt: new Date(Date.now() + 1000).toISOString() }], auditHead: null }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // A gap: command 3 before 2.
    const gap = await desk.client.call('push', { epoch: desk.epoch, commands: [started(3)], auditHead: null });
    expect(gap).toMatchObject({ receipts: [], expectedSeq: 2 });
  });

  it('a rejection is a receipt, never an error: the queue goes on', async () => {
    const desk = await enrolledDesk('Desk D');
    const stranger = { ...started(1), actorId: uuidv7() };
    const fine = started(2);
    const r = await desk.client.call('push', { epoch: desk.epoch, commands: [stranger, fine], auditHead: null });
    expect(r.receipts.map((x: Receipt) => [x.status, x.reasons[0]?.code ?? null])).toEqual([
      ['rejected', 'unknown_actor'],
      ['accepted', null],
    ]);
  });

  it('an old epoch is refused with the current one (the desk downloads everything again)', async () => {
    const desk = await enrolledDesk('Desk E');
    const refused = await desk.client
      .call('push', { epoch: '00000000-0000-4000-8000-000000000000', commands: [started(1)], auditHead: null })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HubRefused);
    expect((refused as HubRefused).body['epoch']).toBe(await hubEpoch(hub.db));
  });

  it('the desk’s audit head is acknowledged when it moves forward, never backwards', async () => {
    const desk = await enrolledDesk('Desk F');
    const h1 = await desk.client.call('push', { epoch: desk.epoch, commands: [], auditHead: { seq: 10, hash: 'a'.repeat(64), mac: 'm' } });
    expect(h1.auditHeadAcknowledged).toEqual({ seq: 10, hash: 'a'.repeat(64), mac: 'm' });
    const back = await desk.client.call('push', { epoch: desk.epoch, commands: [], auditHead: { seq: 4, hash: 'b'.repeat(64), mac: 'n' } });
    expect(back.auditHeadAcknowledged).toEqual({ seq: 10, hash: 'a'.repeat(64), mac: 'm' });
  });
});

describe('two hub processes on one database', () => {
  it('a change pushed through one process reaches the event stream of a desk on the other, and its pull', async () => {
    if (!(await postgresReachable())) return; // PGlite is one process
    const other = await hub.another();
    const url2 = await startHub(other);
    const writer = await enrolledDesk('Desk G', url);
    const reader = await enrolledDesk('Desk H', url2);
    const nudges: string[] = [];
    const abort = new AbortController();
    const stream = reader.client.events((event, data) => nudges.push(`${event}:${data}`), abort.signal).catch(() => {});
    await expect.poll(() => nudges.some((n) => n.startsWith('hello')), { timeout: 5000 }).toBe(true);
    const start = (await reader.client.call('pull', { epoch: reader.epoch, cursor: null, limit: 5000 })).cursor;
    const cmd = started(1);
    await writer.client.call('push', { epoch: writer.epoch, commands: [cmd], auditHead: null });
    await expect.poll(() => nudges.some((n) => n.startsWith('changes')), { timeout: 5000 }).toBe(true);
    const page = await reader.client.call('pull', { epoch: reader.epoch, cursor: start, limit: 100 });
    expect(page.changes.map((c) => [c.table, c.pk])).toContainEqual(['interactions', cmd.interactionId]);
    abort.abort();
    await stream;
  });
});

describe('the database restarts under the hub', () => {
  it('every connection of the hub is cut: it answers the next push, and its event stream still nudges desks', async () => {
    if (!(await postgresReachable())) return; // PGlite lives in the hub's process
    const desk = await enrolledDesk('Desk R');
    const nudges: string[] = [];
    const abort = new AbortController();
    const stream = desk.client.events((event, data) => nudges.push(`${event}:${data}`), abort.signal).catch(() => {});
    await expect.poll(() => nudges.some((n) => n.startsWith('hello')), { timeout: 5000 }).toBe(true);
    const first = started(1);
    await desk.client.call('push', { epoch: desk.epoch, commands: [first], auditHead: null });

    // What a restart of PostgreSQL does to this hub: every session of it ends at once.
    const admin = new (await import('pg')).default.Client({ connectionString: hub.url! });
    await admin.connect();
    const cut = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`ardoise-hub:${hub.schema}`]);
    await admin.end();
    expect(cut.rowCount).toBeGreaterThan(0);

    // The listener comes back and says so (desks pull what they may have missed) …
    await expect.poll(() => nudges.filter((n) => n === 'changes:').length, { timeout: 10_000 }).toBeGreaterThan(0);
    // … and the next command is handled, its change heard through the new LISTEN connection.
    nudges.length = 0;
    let receipts: readonly Receipt[] = [];
    await expect
      .poll(
        async () => {
          try {
            receipts = (await desk.client.call('push', { epoch: desk.epoch, commands: [started(2)], auditHead: null })).receipts;
          } catch {
            receipts = [];
          }
          return receipts.map((r) => r.status);
        },
        { timeout: 10_000 },
      )
      .toEqual(['accepted']);
    await expect.poll(() => nudges.some((n) => n.startsWith('changes:') && n.length > 'changes:'.length), { timeout: 5000 }).toBe(true);
    abort.abort();
    await stream;
  });
});
