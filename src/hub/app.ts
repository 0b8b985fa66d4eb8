/**
 * The hub as an HTTP service (Hono): every route of core/sync/protocol.ts, its input parsed by
 * the route's zod schema, every device route authenticated by the desk's credential. Hub
 * processes are stateless in front of one database: what one process commits, every process
 * hears through LISTEN/NOTIFY and passes on to its desks' event streams, so adding processes is
 * how the hub scales.
 */
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { randomUUID } from 'node:crypto';
import { INSIGHTS } from '../core/api/method';
import { HUB_ROUTES, type HubErrorCode, type RouteInput, type RouteName } from '../core/sync/protocol';
import type { KeyVault } from '../platform/keys';
import type { HubDb } from './db/open';
import { CHANGES_CHANNEL, CommandConflict, handlePush, type CommandHandler } from './commands/push';
import { authenticateDevice, enrolDevice, EnrolmentError, type DeviceRow } from './services/devices';
import { HubInsightsAnswers } from './services/insights-answers';
import { HubStaff, SignInRefused } from './services/staff';
import { issueStaffToken, staffOfToken } from './services/staff-tokens';
import { pullChanges, snapshotCursor, snapshotPage } from './sync/change-log';
import type { ScryptCost } from '../platform/passwords';

export interface HubAppOptions {
  readonly db: HubDb;
  readonly keys: KeyVault;
  readonly handlers: Readonly<Record<string, CommandHandler>>;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
  readonly passwordCost?: ScryptCost;
}

export interface HubApp {
  readonly app: Hono;
  /** Every event stream this process holds (tests look at it). */
  readonly listeners: () => number;
  close(): Promise<void>;
}

const STATUS: Record<HubErrorCode, 400 | 401 | 403 | 409 | 429 | 500> = {
  BAD_REQUEST: 400,
  UNAUTHORISED: 401,
  FORBIDDEN: 403,
  BAD_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  SEQUENCE_GAP: 409,
  CONFLICT: 409,
  EPOCH: 409,
  INTERNAL: 500,
};

export async function hubEpoch(db: HubDb): Promise<string> {
  const [row] = await db.query<{ value: string }>(`SELECT value FROM hub_state WHERE key = 'epoch'`);
  if (row) return row.value;
  await db.query(`INSERT INTO hub_state (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
  return (await db.query<{ value: string }>(`SELECT value FROM hub_state WHERE key = 'epoch'`))[0]!.value;
}

/** This hub's lasting identity (desks keep it with their credential); made on first use. */
export async function hubIdentity(db: HubDb): Promise<string> {
  await db.query(`INSERT INTO hub_state (key, value) VALUES ('hub_id', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
  return (await db.query<{ value: string }>(`SELECT value FROM hub_state WHERE key = 'hub_id'`))[0]!.value;
}

export async function createHubApp(opts: HubAppOptions): Promise<HubApp> {
  const { db } = opts;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const staff = new HubStaff(db, now, opts.passwordCost);
  const insights = new HubInsightsAnswers(db, now);
  await hubEpoch(db);

  // Event streams of this process, fed by NOTIFY from every process.
  const streams = new Set<(event: string, data: string) => void>();
  const unlisten = await db.listen(CHANGES_CHANNEL, (payload) => {
    for (const send of streams) send('changes', payload);
  });

  const app = new Hono();
  const fail = (c: Context, code: HubErrorCode, extra: Record<string, unknown> = {}) => c.json({ error: code, ...extra }, STATUS[code]);

  async function parse<R extends RouteName>(c: Context, route: R): Promise<{ ok: true; input: unknown } | { ok: false; response: Response }> {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return { ok: false, response: fail(c, 'BAD_REQUEST', { issues: [{ path: '(body)', message: 'not JSON' }] }) };
    }
    const parsed = HUB_ROUTES[route].input.safeParse(body);
    if (!parsed.success)
      return {
        ok: false,
        response: fail(c, 'BAD_REQUEST', { issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })) }),
      };
    return { ok: true, input: parsed.data };
  }

  async function device(c: Context): Promise<DeviceRow | null> {
    return authenticateDevice(db, c.req.header('authorization'));
  }

  /** A route a desk calls with its credential: refused without it, then the body parsed by the route's schema. */
  function deviceRoute(route: RouteName, answer: (c: Context, dev: DeviceRow, input: unknown) => Promise<Response>): void {
    app.post(`/v1/${route}`, async (c) => {
      const dev = await device(c);
      if (!dev) return fail(c, 'UNAUTHORISED');
      const p = await parse(c, route);
      if (!p.ok) return p.response;
      return answer(c, dev, p.input);
    });
  }

  app.onError((err, c) => {
    log(`hub error: ${err instanceof Error ? err.stack : String(err)}`);
    return fail(c, 'INTERNAL');
  });

  app.get('/v1/health', async (c) => c.json({ ok: true, epoch: await hubEpoch(db), database: db.kind }));

  app.post('/v1/enrol', async (c) => {
    const p = await parse(c, 'enrol');
    if (!p.ok) return p.response;
    const input = p.input as { code: string; deskName: string };
    try {
      // Everything the answer needs is read before the code is spent.
      const hubId = await hubIdentity(db);
      const epoch = await hubEpoch(db);
      const pinPepper = opts.keys.key('pin-pepper').toString('base64');
      const credential = await db.tx((sql) => enrolDevice(sql, input.code, input.deskName, now()));
      log(`hub: enrolled desk "${input.deskName}" as ${credential.deviceId}`);
      return c.json({ ...credential, hubId, epoch, pinPepper });
    } catch (err) {
      if (err instanceof EnrolmentError) return fail(c, 'UNAUTHORISED', { message: err.message });
      throw err;
    }
  });

  deviceRoute('signIn', async (c, dev, body) => {
    const input = body as { username: string; password: string };
    try {
      const answer = await staff.signIn(input.username, input.password);
      const token = issueStaffToken(opts.keys.key('staff-session'), dev.id, answer.profile.userId, now());
      return c.json({ ...answer, staffToken: token.token, staffTokenExpiresAt: token.expiresAt });
    } catch (err) {
      if (err instanceof SignInRefused) return fail(c, err.code);
      throw err;
    }
  });

  deviceRoute('push', async (c, dev, body) => {
    const input = body as { epoch: string; commands: Parameters<typeof handlePush>[2]; auditHead: { seq: number; hash: string; mac: string | null } | null };
    const epoch = await hubEpoch(db);
    if (input.epoch !== epoch) return fail(c, 'EPOCH', { epoch });
    try {
      const { receipts, expectedSeq } = await handlePush(db, dev, input.commands, opts.handlers, now);
      const acknowledged = input.auditHead ? await acknowledgeAuditHead(db, dev.id, input.auditHead, now()) : null;
      return c.json({ receipts, expectedSeq, auditHeadAcknowledged: acknowledged });
    } catch (err) {
      if (err instanceof CommandConflict) return fail(c, 'CONFLICT', { commandId: err.commandId, message: err.message });
      throw err;
    }
  });

  deviceRoute('pull', async (c, _dev, body) => {
    const input = body as { epoch: string | null; cursor: { xid: string; seq: string } | null; limit: number };
    const epoch = await hubEpoch(db);
    if (input.epoch !== null && input.epoch !== epoch) return c.json({ epoch, changes: [], cursor: null, more: false, resync: true, waiting: false });
    const page = await pullChanges(db, input.cursor, input.limit);
    return c.json({ epoch, ...page, resync: false });
  });

  deviceRoute('snapshot', async (c, _dev, body) => {
    const input = body as { table: string; after: string | null; limit: number };
    try {
      const cursor = await snapshotCursor(db);
      const page = await snapshotPage(db, input.table, input.after, input.limit);
      return c.json({ epoch: await hubEpoch(db), ...page, cursor });
    } catch (err) {
      if (err instanceof Error && /not a synced table/.test(err.message)) return fail(c, 'BAD_REQUEST', { message: err.message });
      throw err;
    }
  });

  /** The insights across every desk: a device, and on it a signed-in staff member whose role (the hub's) may see them. */
  deviceRoute('insights', async (c, dev, body) => {
    const input = body as RouteInput<'insights'>;
    const who = await staffOfToken(db, opts.keys.key('staff-session'), dev.id, input.staffToken, now());
    if (!who) return fail(c, 'UNAUTHORISED', { message: 'no signed-in staff member on this desk' });
    if (!(INSIGHTS.roles as readonly string[]).includes(who.role)) return fail(c, 'FORBIDDEN');
    const agentId = input.agentId ?? null;
    const deskId = input.deskId ?? null;
    return c.json(
      await insights.answer({ from: input.from, to: input.to, agentId, deskId }, input.locale, {
        from: input.enrolledFrom ?? null,
        to: input.enrolledTo ?? null,
        reason: input.reason ?? null,
        experimentId: input.experimentId ?? null,
        agentId,
        deskId,
      }),
    );
  });

  /** The push channel: a nudge to pull whenever anything changed, from any hub process. */
  app.get('/v1/events', async (c) => {
    if (!(await device(c))) return fail(c, 'UNAUTHORISED');
    return streamSSE(c, async (stream) => {
      const send = (event: string, data: string) => void stream.writeSSE({ event, data }).catch(() => {});
      streams.add(send);
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ epoch: await hubEpoch(db) }) });
      const keepAlive = setInterval(() => void stream.writeSSE({ event: 'ping', data: '' }).catch(() => {}), 15_000);
      await new Promise<void>((resolve) => stream.onAbort(() => resolve()));
      clearInterval(keepAlive);
      streams.delete(send);
    });
  });

  return {
    app,
    listeners: () => streams.size,
    async close() {
      await unlisten();
      streams.clear();
    },
  };
}

/**
 * The desk's audit head, acknowledged: kept when it moves forward. A head that goes backwards
 * (a desk whose log was cut short or rewritten) is not taken — the acknowledged head stays the
 * last good one, and the desk's own audit.verify compares with it.
 */
async function acknowledgeAuditHead(
  db: HubDb,
  deviceId: string,
  head: { seq: number; hash: string; mac: string | null },
  at: Date,
): Promise<{ seq: number; hash: string; mac: string | null }> {
  const [row] = await db.query<{ seq: number; hash: string; mac: string | null }>(
    `UPDATE devices SET audit_head_seq = $2, audit_head_hash = $3, audit_head_mac = $4, audit_head_at = $5
      WHERE id = $1 AND (audit_head_seq IS NULL OR audit_head_seq < $2 OR (audit_head_seq = $2 AND audit_head_hash = $3))
      RETURNING audit_head_seq AS seq, audit_head_hash AS hash, audit_head_mac AS mac`,
    [deviceId, head.seq, head.hash, head.mac, at.toISOString()],
  );
  if (row) return row;
  const [kept] = await db.query<{ seq: number; hash: string; mac: string | null }>(
    `SELECT audit_head_seq AS seq, audit_head_hash AS hash, audit_head_mac AS mac FROM devices WHERE id = $1`,
    [deviceId],
  );
  return kept!;
}
