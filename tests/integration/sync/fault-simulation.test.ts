/**
 * Seeded fault simulation of desks and hub: real desks (the whole app host) and two hub
 * processes (two apps, two connection pools, one database), the network between them replaced
 * by one that, at random but from a seed, cuts a desk off, loses the answer after the hub
 * committed, sends a request twice or an older batch again after newer ones; one desk's clock runs a day ahead, another's a day
 * behind; desks are killed (closed
 * without a goodbye) and started again on the same folder; a hub process is replaced mid-run.
 * Agents grant, reverse and ask for approvals; a supervisor approves (sometimes lowered) or
 * refuses. After each run, with everyone back online and synced:
 *   - every command of every desk has exactly one receipt, the same on the desk and the hub;
 *   - no money action is applied twice or lost: an accepted grant's entries are on the hub once,
 *     a rejected one's nowhere; an entry is reversed at most once; an approval is applied once;
 *   - no customer's goodwill cap is exceeded on the hub;
 *   - every desk's synced tables hold exactly the hub's rows (money rows field by field).
 * FAULT_RUNS sets the number of runs (default 500; on PGlite FAULT_RUNS_PGLITE, default 60),
 * FAULT_SEED the first seed. Runs follow one
 * another on the same desks and hub (state carries over, as on a real shift), so a failure names
 * its seed and the command that replays every run up to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLES, PRIMARY_KEYS } from '../../../src/core/sync/tables';
import { createHubApp, type HubApp } from '../../../src/hub/app';
import { HUB_HANDLERS } from '../../../src/hub/commands/handlers';
import type { HubDb } from '../../../src/hub/db/open';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { issueEnrolmentCode } from '../../../src/hub/services/devices';
import { createAppHost, type AppHost } from '../../../src/main/app';
import type { ClientContext } from '../../../src/main/api/sessions';
import { demoPinFor } from '../../../src/main/demo/pins';
import { Rng } from '../../../src/main/demo/random';
import { memoryKeyVault, type KeyVault } from '../../../src/platform/keys';
import { DEMO_TODAY, newClient, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { call, PASSWORDS } from '../discounts/helpers';

const RUNS = Number(process.env['FAULT_RUNS'] ?? 500);
const PGLITE_RUNS = Number(process.env['FAULT_RUNS_PGLITE'] ?? 60);
const FIRST_SEED = Number(process.env['FAULT_SEED'] ?? 1);

interface Faults {
  offline: boolean;
  /** Chance that a push's answer is lost after the hub committed it. */
  loseAnswer: number;
  /** Chance that a request is sent twice (the second answer is the one the desk reads), or an older push again first. */
  duplicate: number;
  lastPush?: string;
}

let hub: TestHubDb;
let keys: KeyVault;
let secondPool: HubDb;
const apps: HubApp[] = [];
let random: () => number = Math.random;

async function hubApp(db: HubDb): Promise<HubApp> {
  return createHubApp({ db, keys, handlers: HUB_HANDLERS, now: testNow, passwordCost: TEST_PASSWORD_COST });
}

/** Requests go to one of the two hub processes at random; faults as the desk's own settings say. */
function network(faults: Faults) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    if (faults.offline) throw new TypeError('fetch failed: network cut');
    const app = apps[Math.floor(random() * apps.length)]!;
    const send = () => app.app.fetch(new Request(url, { method: init.method, headers: init.headers, body: init.body }));
    const isPush = url.endsWith('/v1/push');
    if (isPush && faults.lastPush && random() < faults.duplicate) {
      // An older batch arrives again, after newer ones (a retry that took the long way round).
      count('older batch replayed');
      await (await app.app.fetch(new Request(url, { method: 'POST', headers: init.headers, body: faults.lastPush }))).text();
    }
    if (isPush) faults.lastPush = String(init.body);
    if (random() < faults.duplicate) {
      count('request sent twice');
      await (await send()).text();
    }
    const response = await send();
    if (isPush && random() < faults.loseAnswer) {
      count('answer lost after commit');
      await response.text();
      throw new TypeError('fetch failed: connection reset after the hub answered');
    }
    return response;
  };
}

class Desk {
  host!: AppHost;
  readonly faults: Faults = { offline: false, loseAnswer: 0, duplicate: 0 };
  readonly dir = mkdtempSync(join(tmpdir(), 'ardoise-fault-'));
  private clients = new Map<string, ClientContext>();
  /** Open verified calls of this desk's agent, by customer. */
  readonly calls = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly agent: string,
    /** This desk's clock against the hub's (a desk whose clock is a day off). */
    private readonly skewMs = 0,
  ) {}

  async open(enrolCode?: string): Promise<void> {
    this.host = createAppHost({
      dataDir: this.dir,
      transport: 'http',
      clock: () => new Date(testNow().getTime() + this.skewMs),
      passwordCost: TEST_PASSWORD_COST,
      hub: { url: 'http://hub.test', ...(enrolCode ? { enrolCode } : {}), deskName: this.name, fetch: network(this.faults), pollMs: 3_600_000 },
    });
    this.clients.clear();
    this.calls.clear();
  }

  /** Killed: no goodbye, no last sync; whatever was committed is on disk. */
  async restart(): Promise<void> {
    this.host.close();
    await this.open();
  }

  async settle(): Promise<void> {
    await this.host.link!.engine.settle();
  }

  async as(username: string): Promise<ClientContext> {
    let client = this.clients.get(username);
    if (client && this.host.sessions.get(client.clientId)) return client;
    client = newClient();
    const r = await this.host.dispatcher.dispatch(client, 'session.signIn', { username, password: PASSWORDS[username] });
    if (!r.ok) throw new Error(`${this.name}: sign-in of ${username} failed: ${JSON.stringify(r.error)}`);
    this.clients.set(username, client);
    return client;
  }

  /** A verified call of this desk's agent with the customer (one per customer, kept open). */
  async callWith(customerId: string): Promise<string | null> {
    const held = this.calls.get(customerId);
    if (held) return held;
    const client = await this.as(this.agent);
    const started = await call(this.host, client, 'interaction.start', { customerId, source: 'lookup' });
    if (!started.ok) return null;
    const interactionId = (started.value as { interactionId: string }).interactionId;
    const dob = (this.host.db.$client.prepare(`SELECT date_of_birth AS dob FROM customers WHERE id = ?`).get(customerId) as { dob: string }).dob;
    const v = await call(this.host, client, 'verification.attempt', { interactionId, answers: { date_of_birth: dob, account_pin: demoPinFor(customerId) } });
    if (!v.ok || (v.value as { status: string }).status !== 'passed') return null;
    this.calls.set(customerId, interactionId);
    return interactionId;
  }
}

let desks: Desk[] = [];
/** What the runs did, printed at the end: a run that exercised nothing is visible. */
const tally: Record<string, number> = {};
const count = (what: string) => void (tally[what] = (tally[what] ?? 0) + 1);
const outcome = (what: string, r: { ok: boolean; value?: unknown; error?: unknown }) =>
  count(`${what}: ${r.ok ? String((r.value as { status?: string }).status ?? 'ok') : (r.error as { code: string }).code}`);
/** The customers of the current run: few, so desks collide on them. */
let runCustomers: string[] = [];
let customers: string[] = [];

/** A hub on `backend` with the demo set, two hub processes on it, three enrolled desks that downloaded it. */
async function setUp(pglite: boolean): Promise<void> {
  hub = await openTestHubDb({ pglite });
  keys = memoryKeyVault();
  await loadDemoSet(hub.db, keys, { generate: generateDeskDemoStore, customers: 60, seed: 9, today: DEMO_TODAY, passwordCost: TEST_PASSWORD_COST });
  // PGlite is one process: its second hub app shares the one connection (apps keep no state).
  secondPool = pglite ? hub.db : await hub.another();
  apps.length = 0;
  apps.push(await hubApp(hub.db), await hubApp(secondPool));
  desks = [new Desk('Desk 1', 'agent'), new Desk('Desk 2', 'agent2', 86_400_000), new Desk('Desk 3', 'senior', -86_400_000)];
  for (const d of desks) {
    const { code } = await issueEnrolmentCode(hub.db, d.name, testNow());
    await d.open(code);
    await d.settle();
    // The shift starts online: each desk's staff sign in through the hub once, so they may sign
    // in offline later (a desk killed while cut off).
    await d.as(d.agent);
    if (d.name === 'Desk 3') await d.as('supervisor');
  }
  customers = (
    desks[0]!.host.db.$client.prepare(`SELECT customer_id AS id FROM customer_secrets WHERE account_pin_digest IS NOT NULL ORDER BY customer_id`).all() as {
      id: string;
    }[]
  ).map((r) => r.id);
  for (const k of Object.keys(tally)) delete tally[k];
}

async function tearDown(): Promise<void> {
  for (const d of desks) {
    d.host?.close();
    rmSync(d.dir, { recursive: true, force: true });
  }
  for (const a of apps) await a.close();
  await hub?.dispose();
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

async function step(): Promise<void> {
  const desk = pick(desks);
  const customers = runCustomers;
  const r = random();
  if (r < 0.12) {
    desk.faults.offline = !desk.faults.offline;
    count(desk.faults.offline ? 'desk cut off' : 'desk back online');
  } else if (r < 0.17) {
    desk.faults.loseAnswer = random() < 0.5 ? 0 : 0.5;
    desk.faults.duplicate = random() < 0.5 ? 0 : 0.5;
  } else if (r < 0.2) {
    await desk.restart();
    count('desk killed and restarted');
  } else if (r < 0.23) {
    // A hub process is replaced (a restart between batches): stateless, same database.
    const i = Math.floor(random() * apps.length);
    const old = apps[i]!;
    apps[i] = await hubApp(i === 0 ? hub.db : secondPool);
    await old.close();
    count('hub process replaced');
  } else if (r < 0.5) {
    const customerId = pick(customers);
    const interactionId = await desk.callWith(customerId);
    if (interactionId)
      outcome(
        'grant',
        await call(desk.host, await desk.as(desk.agent), 'discounts.grant', {
          interactionId,
          request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 50 + Math.floor(random() * 200) },
        }),
      );
  } else if (r < 0.62) {
    const customerId = pick(customers);
    const interactionId = await desk.callWith(customerId);
    if (interactionId)
      outcome(
        'large grant',
        await call(desk.host, await desk.as(desk.agent), 'discounts.grant', {
          interactionId,
          request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 600 + Math.floor(random() * 1_400) },
        }),
      );
  } else if (r < 0.74) {
    // The supervisor at Desk 3 decides a waiting request: approve (perhaps lowered) or refuse.
    const sup = desks[2]!;
    const client = await sup.as('supervisor');
    const inbox = await call(sup.host, client, 'approvals.inbox');
    const waiting = inbox.ok ? (inbox.value as { approvalId: string; status: string; amount: number }[]).filter((a) => a.status === 'pending') : [];
    if (waiting.length > 0) {
      const a = pick(waiting);
      const input =
        random() < 0.3
          ? { approvalId: a.approvalId, decision: 'refuse', comment: 'not this time' }
          : { approvalId: a.approvalId, decision: 'approve', ...(random() < 0.5 ? { amount: Math.max(1, Math.floor(a.amount / 2)) } : {}) };
      outcome('decision', await call(sup.host, client, 'approvals.decide', input));
    }
  } else if (r < 0.82) {
    // The senior agent reverses a goodwill credit of a customer they are on a call with.
    const senior = desks[2]!;
    const customerId = pick(customers);
    const interactionId = await senior.callWith(customerId);
    if (interactionId) {
      const ledger = await call(senior.host, await senior.as('senior'), 'discounts.ledger', { interactionId });
      const entries = ledger.ok
        ? (ledger.value as { entries: { id: string; kind: string; reversedBy?: unknown; reversal?: unknown; reversible?: boolean }[] }).entries.filter(
            (e) => e.kind !== 'reversal',
          )
        : [];
      if (entries.length > 0)
        outcome(
          'reversal',
          await call(senior.host, await senior.as('senior'), 'discounts.reverse', {
            interactionId,
            ledgerEntryId: pick(entries).id,
            reason: 'granted by mistake',
          }),
        );
    }
  } else {
    await desk.settle();
  }
}

async function quiesce(): Promise<void> {
  for (const d of desks) {
    d.faults.offline = false;
    d.faults.loseAnswer = 0;
    d.faults.duplicate = 0;
  }
  for (let round = 0; round < 3; round++) for (const d of desks) await d.settle();
}

const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => hub.db.query<T>(sql, params);

async function checkInvariants(seed: number): Promise<void> {
  const where = `seed ${seed}`;
  // Every command: exactly one receipt, the same on the desk and on the hub.
  const hubReceipts = new Map(
    (await q<{ command_id: string; status: string }>(`SELECT command_id, status FROM receipts`)).map((r) => [r.command_id, r.status]),
  );
  let commands = 0;
  for (const d of desks) {
    for (const c of d.host.db.$client.prepare(`SELECT id, status FROM command_outbox`).all() as { id: string; status: string }[]) {
      commands++;
      expect(['accepted', 'rejected', 'pending_approval'], `${where}: ${d.name} command ${c.id} is still ${c.status}`).toContain(c.status);
      expect(hubReceipts.get(c.id), `${where}: ${d.name} command ${c.id}`).toBe(c.status);
    }
  }
  expect(hubReceipts.size, `${where}: receipts on the hub for commands no desk holds`).toBe(commands);
  // No money action twice: an entry reversed at most once, an approval applied by one command.
  expect(
    await q(`SELECT reverses_id FROM ledger_entries WHERE kind = 'reversal' GROUP BY reverses_id HAVING count(*) > 1`),
    `${where}: reversed twice`,
  ).toEqual([]);
  expect(
    await q(
      `SELECT id FROM approval_requests WHERE status = 'applied' AND (SELECT count(DISTINCT command_id) FROM ledger_entries WHERE command_id = applied_command_id) <> 1`,
    ),
    `${where}: approval applied not once`,
  ).toEqual([]);
  // Accepted grants are on the hub; rejected ones nowhere.
  for (const d of desks) {
    for (const c of d.host.db.$client.prepare(`SELECT id, status, payload FROM command_outbox WHERE type = 'credit.grant'`).all() as {
      id: string;
      status: string;
      payload: string;
    }[]) {
      const ids = (JSON.parse(c.payload) as { entries: { id: string }[] }).entries.map((e) => e.id);
      const onHub = Number((await q<{ n: string }>(`SELECT count(*) AS n FROM ledger_entries WHERE id = ANY($1)`, [ids]))[0]!.n);
      expect(onHub, `${where}: ${c.status} grant ${c.id}`).toBe(c.status === 'accepted' ? ids.length : 0);
    }
  }
  // The goodwill cap (two a year per customer) holds on the hub for what agents granted alone.
  const over = await q<{ account_id: string; n: string }>(
    `SELECT l.account_id, count(*) AS n FROM ledger_entries l
      WHERE l.kind = 'credit' AND l.reason_code = 'goodwill' AND l.created_at >= $1
        AND NOT EXISTS (SELECT 1 FROM approval_requests a WHERE a.applied_command_id = l.command_id)
        AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.kind = 'reversal' AND r.reverses_id = l.id)
      GROUP BY l.account_id HAVING count(*) > 2`,
    [`${DEMO_TODAY.slice(0, 4)}-01-01`],
  );
  const detail = over.length
    ? await q(
        `SELECT id, amount, created_at, actor_id, command_id FROM ledger_entries WHERE account_id = $1 AND reason_code = 'goodwill' ORDER BY created_at`,
        [over[0]!.account_id],
      )
    : [];
  expect(over, `${where}: goodwill cap exceeded ${JSON.stringify(detail)}`).toEqual([]);
  // After quiescence every desk holds exactly the hub's rows.
  for (const table of SYNCED_TABLES) {
    const pk = PRIMARY_KEYS[table];
    const hubKeys = (await q<{ k: string }>(`SELECT ${pk}::text AS k FROM ${table} ORDER BY 1`)).map((r) => r.k);
    for (const d of desks) {
      const deskKeys = (d.host.db.$client.prepare(`SELECT CAST(${pk} AS TEXT) AS k FROM ${table}`).all() as { k: string }[]).map((r) => r.k).sort();
      if (deskKeys.length !== hubKeys.length) {
        const held = new Set(deskKeys);
        const onHub = new Set(hubKeys);
        const missing = hubKeys.filter((k) => !held.has(k));
        const extra = deskKeys.filter((k) => !onHub.has(k));
        const missingRows = missing.length ? await q(`SELECT * FROM ${table} WHERE ${pk}::text = ANY($1)`, [missing.slice(0, 3)]) : [];
        const log = missing.length ? await q(`SELECT * FROM change_log WHERE tbl = $1 AND pk = ANY($2)`, [table, missing.slice(0, 3)]) : [];
        const extraRows = extra.slice(0, 3).map((k) => d.host.db.$client.prepare(`SELECT * FROM ${table} WHERE CAST(${pk} AS TEXT) = ?`).get(k));
        throw new Error(
          `${where}: ${d.name} ${table}: missing ${JSON.stringify(missingRows)} (log ${JSON.stringify(log)}), extra ${JSON.stringify(extraRows)}; cursor ${JSON.stringify(d.host.db.$client.prepare(`SELECT key, value FROM sync_state WHERE key LIKE 'sync:%'`).all())}`,
        );
      }
      expect(deskKeys, `${where}: ${d.name} ${table}`).toEqual([...hubKeys].sort());
    }
  }
  const money = (rows: { id: string; amount: number | string; kind: string }[]) => rows.map((r) => `${r.id}:${r.kind}:${Number(r.amount)}`).sort();
  const hubLedger = money(await q(`SELECT id, amount, kind FROM ledger_entries`));
  const hubApprovals = (await q<{ id: string; status: string }>(`SELECT id, status FROM approval_requests`)).map((r) => `${r.id}:${r.status}`).sort();
  for (const d of desks) {
    expect(
      money(d.host.db.$client.prepare(`SELECT id, amount, kind FROM ledger_entries`).all() as { id: string; amount: number; kind: string }[]),
      `${where}: ${d.name} ledger`,
    ).toEqual(hubLedger);
    expect(
      (d.host.db.$client.prepare(`SELECT id, status FROM approval_requests`).all() as { id: string; status: string }[])
        .map((r) => `${r.id}:${r.status}`)
        .sort(),
      `${where}: ${d.name} approvals`,
    ).toEqual(hubApprovals);
  }
}

async function simulate(runs: number): Promise<void> {
  {
    let seed = FIRST_SEED;
    try {
      for (; seed < FIRST_SEED + runs; seed++) {
        const stream = Rng.stream(seed, 0);
        random = () => stream.float();
        runCustomers = [pick(customers), pick(customers), pick(customers)];
        for (const d of desks) {
          d.faults.offline = random() < 0.3;
          d.faults.loseAnswer = random() < 0.4 ? 0.4 : 0;
          d.faults.duplicate = random() < 0.3 ? 0.4 : 0;
        }
        const steps = 5 + Math.floor(random() * 8);
        for (let i = 0; i < steps; i++) await step();
        await quiesce();
        await checkInvariants(seed);
      }
    } catch (err) {
      throw new Error(
        `fault simulation failed at seed ${seed} (replay: FAULT_SEED=${FIRST_SEED} FAULT_RUNS=${seed - FIRST_SEED + 1}): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const outcomes = new Map<string, number>();
    for (const d of desks)
      for (const r of d.host.db.$client.prepare(`SELECT type || ' ' || status AS k, count(*) AS n FROM command_outbox GROUP BY 1`).all() as {
        k: string;
        n: number;
      }[])
        outcomes.set(r.k, (outcomes.get(r.k) ?? 0) + r.n);
    console.log(
      `fault simulation: ${runs} runs from seed ${FIRST_SEED}, all invariants held\n  faults: ${JSON.stringify(tally)}\n  commands: ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    // A long enough series must have exercised what it claims to test.
    if (runs >= 50) {
      expect(outcomes.get('credit.grant rejected') ?? 0, 'no run made the hub reject a grant').toBeGreaterThan(0);
      expect(tally['answer lost after commit'] ?? 0, 'no answer was lost').toBeGreaterThan(0);
      expect(tally['desk killed and restarted'] ?? 0, 'no desk was killed').toBeGreaterThan(0);
    }
  }
}

// On real PostgreSQL (this machine's, or DATABASE_URL) when it answers, else PGlite; then a
// shorter series on PGlite, which a desk-side user's hub runs on by default.
describe('desks and two hub processes under seeded faults', () => {
  beforeAll(() => setUp(false), 240_000);
  afterAll(tearDown);
  it(`${RUNS} runs: one receipt per command, no money twice or lost, caps hold, desks equal the hub`, () => simulate(RUNS), 1_500_000);
});

describe('the same on PGlite', () => {
  beforeAll(() => setUp(true), 240_000);
  afterAll(tearDown);
  it(`${PGLITE_RUNS} runs on PGlite`, () => simulate(PGLITE_RUNS), 1_500_000);
});
