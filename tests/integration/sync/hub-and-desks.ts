/**
 * Real desks (the whole app host) and a real hub over HTTP, with the network between them in the
 * test's hands: `cut` takes a desk offline, `loseNextPushReply` lets a desk's next push reach the
 * hub and commit, then loses the answer. Shared by the sync tests of provisional work.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ApiEvent, DisputesView } from '../../../src/core/api';
import { createHubApp, type HubApp } from '../../../src/hub/app';
import { HUB_HANDLERS } from '../../../src/hub/commands/handlers';
import { loadDemoSet } from '../../../src/hub/demo-set';
import { issueEnrolmentCode } from '../../../src/hub/services/devices';
import { createAppHost, type AppHost } from '../../../src/main/app';
import type { ClientContext } from '../../../src/main/api/sessions';
import { demoPinFor } from '../../../src/main/demo/pins';
import { generateDeskDemoStore } from '../../../src/main/hub-demo-store';
import { memoryKeyVault } from '../../../src/platform/keys';
import { DEMO_TODAY, newClient, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';
import { openTestHubDb, type TestHubDb } from '../../fixtures/hub-db';
import { ok, PASSWORDS } from '../discounts/helpers';

export class HubAndDesks {
  hub!: TestHubDb;
  private hubApp: HubApp | undefined;
  private server: ServerType | undefined;
  private url = '';
  /** The network between desks and hub: cut it to take a desk offline. */
  readonly cut = new Set<string>();
  /** Desks whose next push reaches the hub, commits, and whose answer is then lost. */
  readonly loseNextPushReply = new Set<string>();
  private readonly desks: { host: AppHost; dir: string }[] = [];

  /** The hub with the demo set (40 customers, seed 5); `prepare` edits it before it serves, so before any desk downloads. */
  async start(prepare?: (hub: TestHubDb) => Promise<void>): Promise<void> {
    this.hub = await openTestHubDb();
    const keys = memoryKeyVault();
    await loadDemoSet(this.hub.db, keys, { generate: generateDeskDemoStore, customers: 40, seed: 5, today: DEMO_TODAY, passwordCost: TEST_PASSWORD_COST });
    await prepare?.(this.hub);
    const app = await createHubApp({ db: this.hub.db, keys, handlers: HUB_HANDLERS, now: testNow, passwordCost: TEST_PASSWORD_COST, log: () => undefined });
    this.hubApp = app;
    this.url = await new Promise<string>((resolve) => {
      this.server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    });
  }

  /** A desk enrolled with the hub, whose every request goes through the test's network. */
  async desk(name: string): Promise<AppHost> {
    const { code } = await issueEnrolmentCode(this.hub.db, name, new Date());
    const dir = mkdtempSync(join(tmpdir(), 'ardoise-desk-'));
    const host = createAppHost({
      dataDir: dir,
      transport: 'http',
      clock: testNow,
      passwordCost: TEST_PASSWORD_COST,
      log: () => undefined,
      hub: {
        url: this.url,
        enrolCode: code,
        deskName: name,
        timeoutMs: 3000,
        pollMs: 60_000,
        fetch: async (u, init) => {
          if (this.cut.has(name)) throw new TypeError('fetch failed: network cut');
          const answer = await fetch(u, init);
          if (String(u).endsWith('/v1/push') && this.loseNextPushReply.delete(name)) {
            await answer.arrayBuffer();
            throw new TypeError('fetch failed: the answer was lost after the hub committed');
          }
          return answer;
        },
      },
    });
    this.desks.push({ host, dir });
    return host;
  }

  async stop(): Promise<void> {
    for (const d of this.desks) {
      await d.host.link?.stop();
      d.host.close();
      rmSync(d.dir, { recursive: true, force: true });
    }
    this.server?.close();
    await this.hubApp?.close();
    await this.hub?.dispose();
  }

  /** `count(*) AS n` of a query on the hub. */
  async hubCount(sql: string, params: unknown[] = []): Promise<number> {
    return Number((await this.hub.db.query<{ n: string }>(sql, params))[0]!.n);
  }
}

export const settle = async (...hosts: AppHost[]): Promise<void> => {
  for (const h of hosts) await h.link!.engine.settle();
};

export interface Agent {
  client: ClientContext;
  events: ApiEvent[];
}

export async function signedIn(host: AppHost, username: string): Promise<Agent> {
  const client = newClient();
  const r = await host.dispatcher.dispatch(client, 'session.signIn', { username, password: PASSWORDS[username] });
  if (!r.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(r.error)}`);
  const events: ApiEvent[] = [];
  host.sessions.subscribe(client.clientId, (e) => events.push(e));
  return { client, events };
}

export async function verifiedCall(host: AppHost, agent: Agent, customerId: string): Promise<string> {
  const interactionId = await tryVerifiedCall(host, agent, customerId);
  expect(interactionId).not.toBeNull();
  return interactionId!;
}

/** A call verified with the answers the demo set gave the customer; null (the call wrapped up) when those do not pass. */
export async function tryVerifiedCall(host: AppHost, agent: Agent, customerId: string): Promise<string | null> {
  const { interactionId } = await ok<{ interactionId: string }>(host, agent.client, 'interaction.start', { customerId, source: 'lookup' });
  const facts = host.db.$client
    .prepare(
      `SELECT c.date_of_birth AS dob, (SELECT postcode FROM addresses WHERE customer_id = c.id ORDER BY is_billing DESC LIMIT 1) AS postcode,
              (SELECT account_pin_digest IS NOT NULL FROM customer_secrets WHERE customer_id = c.id) AS hasPin FROM customers c WHERE c.id = ?`,
    )
    .get(customerId) as { dob: string; postcode: string | null; hasPin: number | null };
  const answers = {
    date_of_birth: facts.dob,
    ...(facts.postcode ? { postcode: facts.postcode } : {}),
    ...(facts.hasPin ? { account_pin: demoPinFor(customerId) } : {}),
  };
  const v = await ok<{ status: string }>(host, agent.client, 'verification.attempt', { interactionId, answers });
  if (v.status === 'passed') return interactionId;
  await wrapUp(host, agent, interactionId);
  return null;
}

export const wrapUp = (host: AppHost, agent: Agent, interactionId: string) =>
  ok(host, agent.client, 'interaction.wrapUp', { interactionId, disposition: 'other' });
export const deskCount = (host: AppHost, sql: string, ...params: unknown[]): number => (host.db.$client.prepare(sql).get(...params) as { n: number }).n;

/** What a desk's 'provisional_withdrawn' audit entry says it took back (sync/provisional.ts). */
export interface Withdrawal {
  readonly commandId: string;
  readonly type: string;
  readonly ledgerEntryIds: string[];
  readonly approvalIds: string[];
  readonly subscriptionChangeIds: string[];
  readonly disputeIds: string[];
  readonly paymentPlanIds: string[];
  readonly instalmentIds: string[];
  readonly outcomeIds: string[];
  readonly reasons: string[];
}

/** The desk's audit entries saying it withdrew a command's rows. */
export function withdrawals(host: AppHost, commandId: string): Withdrawal[] {
  const rows = host.db.$client.prepare(`SELECT after FROM audit_log WHERE action = 'provisional_withdrawn' AND subject = ?`).all(`command:${commandId}`) as {
    after: string;
  }[];
  return rows.map((r) => JSON.parse(r.after) as Withdrawal);
}

/** What the agent was told of a command the hub rejected. */
export function rejectionsOf(agent: Agent, commandId: string) {
  return agent.events.flatMap((e) => (e.name === 'sync.rejected' && e.payload.commandId === commandId ? [e.payload] : []));
}

/** The customer's first line on their latest bills with more than `over` still disputable, as desk `host` lists it. */
export async function disputableLine(over: number, host: AppHost, agent: Agent, interactionId: string) {
  const view = await ok<DisputesView>(host, agent.client, 'disputes.list', { interactionId });
  const line = view.accounts[0]!.lines.find((l) => l.disputable > over);
  return line ? { ...line, held: view.accounts[0]!.held } : null;
}
