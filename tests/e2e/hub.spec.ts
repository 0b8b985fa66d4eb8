/**
 * A hub and two desks, each a browser host with its own store, as a call centre runs them: an
 * agent on desk A asks for an over-limit credit; a supervisor on desk B sees it arrive, lowers
 * and approves it; A's call shows the decision live. Then the hub stops: desk A says it is
 * offline and keeps working — lookup, verification, a credit granted provisionally — and when
 * the hub is back the waiting credit reaches it, A's header counts nothing waiting, and B's
 * inbox holds the request once.
 */
import { test as base, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pickCustomers, signIn, verifiedCall } from './call-steps';
import { DEMO_TODAY, keepScreenshot } from './fixtures';

const root = resolve(__dirname, '../..');
const outDir = process.env.ARDOISE_OUT_DIR ?? join(root, 'out');

/** Starts a process and resolves with the first match of `ready` in its output. */
function started(child: ChildProcess, ready: RegExp, what: string): Promise<string> {
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${what} did not start:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${what} exited with ${code}:\n${out}`)));
  });
}

const hubEnv = (dataDir: string, port: string) => ({
  ...process.env,
  ARDOISE_HUB_DATA: dataDir,
  ARDOISE_HUB_PORT: port,
  ARDOISE_DEMO_TODAY: DEMO_TODAY,
  DATABASE_URL: '',
});
const hubArgs = (...args: string[]) => ['--import', 'tsx', join(root, 'scripts/hub.ts'), ...args];

async function enrolmentCode(dataDir: string, desk: string): Promise<string> {
  const child = spawn(process.execPath, hubArgs('enrol', desk), { cwd: root, env: hubEnv(dataDir, '0'), stdio: ['ignore', 'pipe', 'pipe'] });
  return started(child, /: ([A-Z0-9-]{19})\s/, `hub enrol ${desk}`);
}

async function startHub(dataDir: string, port: string, demo: boolean): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, hubArgs(...(demo ? ['--demo', '400'] : [])), {
    cwd: root,
    env: hubEnv(dataDir, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await started(child, /Ardoise hub on (http:\/\/127\.0\.0\.1:\d+)/, 'hub');
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

interface DeskHost {
  url: string;
  dataDir: string;
  db: Database.Database;
  child: ChildProcess;
}

async function startDesk(name: string, hubUrl: string, code: string): Promise<DeskHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ardoise-e2e-desk-'));
  const child = spawn(process.execPath, [join(outDir, 'main/web.js')], {
    env: {
      ...process.env,
      ARDOISE_DATA_DIR: dataDir,
      ARDOISE_PORT: '0',
      ARDOISE_DEMO_TODAY: DEMO_TODAY,
      ARDOISE_HUB_URL: hubUrl,
      ARDOISE_ENROL_CODE: code,
      ARDOISE_DESK_NAME: name,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await started(child, /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/, name);
  const db = new Database(join(dataDir, 'ardoise.db'), { readonly: true, fileMustExist: true });
  return { url, dataDir, db, child };
}

const test = base.extend<
  Record<never, never>,
  { hubWorld: { hubDir: string; hubPort: string; hub: { child: ChildProcess; url: string }; a: DeskHost; b: DeskHost } }
>({
  hubWorld: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const hubDir = mkdtempSync(join(tmpdir(), 'ardoise-e2e-hub-'));
      const codeA = await enrolmentCode(hubDir, 'Desk A');
      const codeB = await enrolmentCode(hubDir, 'Desk B');
      let hub = await startHub(hubDir, '0', true);
      const hubPort = new URL(hub.url).port;
      const a = await startDesk('Desk A', hub.url, codeA);
      const b = await startDesk('Desk B', hub.url, codeB);
      const world = { hubDir, hubPort, hub, a, b };
      await use(world);
      for (const d of [world.a, world.b]) {
        d.db.close();
        await stop(d.child);
        rmSync(d.dataDir, { recursive: true, force: true });
      }
      hub = world.hub;
      await stop(hub.child);
      rmSync(hubDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

/** The desk's download is done when its store holds the hub's customers. */
async function downloaded(desk: DeskHost): Promise<void> {
  await expect.poll(() => (desk.db.prepare(`SELECT count(*) AS n FROM customers`).get() as { n: number }).n, { timeout: 60_000 }).toBe(400);
}

const syncBadge = (page: Page) => page.getByTestId('sync-status');

test('an over-limit credit asked on desk A is approved on desk B; with the hub down, A works offline and its credit reaches the hub when it is back', async ({
  browser,
  hubWorld,
}) => {
  test.setTimeout(240_000);
  const { a, b } = hubWorld;
  await downloaded(a);
  await downloaded(b);
  // Customers arrive before their accounts and invoices: wait until the whole of two is there.
  await expect.poll(() => pickCustomers(a, 2).length, { timeout: 60_000 }).toBe(2);
  const [first, second] = pickCustomers(a, 2);
  if (!first || !second) throw new Error('no suitable demo customers in the hub’s set');

  const agentPage = await (await browser.newContext({ viewport: { width: 1360, height: 860 } })).newPage();
  await signIn(agentPage, a.url, 'agent', 'ardoise-agent');
  await expect(syncBadge(agentPage)).toHaveAttribute('data-state', 'online');
  const supervisorPage = await (await browser.newContext({ viewport: { width: 1360, height: 860 } })).newPage();
  await signIn(supervisorPage, b.url, 'supervisor', 'ardoise-supervisor');
  await supervisorPage.getByTestId('nav-approvals').click();

  // Desk A: a verified call, a goodwill credit over the agent's limit → waits for approval.
  await verifiedCall(agentPage, first);
  await agentPage.getByTestId('call-tab-credit').click();
  await agentPage.getByTestId('credit-reason-goodwill').click();
  await agentPage.getByTestId('credit-amount').fill('15');
  await expect(agentPage.getByTestId('credit-outcome')).toHaveAttribute('data-outcome', 'needs_approval');
  await agentPage.getByTestId('credit-submit').click();
  await expect(agentPage.getByTestId('call-approval')).toHaveAttribute('data-status', 'pending');

  // Desk B: the request arrives through the hub; the supervisor lowers and approves it.
  const row = supervisorPage.getByTestId('approvals-row').filter({ hasText: first.familyName });
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await row.click();
  await supervisorPage.getByTestId('approvals-amount').fill('12,00');
  await keepScreenshot(supervisorPage, 'hub-desk-b-inbox');
  await supervisorPage.getByTestId('approvals-amount').press('Enter');
  await expect(supervisorPage.getByTestId('approvals-last')).toBeVisible();

  // Desk A's call shows the decision live, lowered.
  await expect(agentPage.getByTestId('call-approval')).toHaveAttribute('data-status', /approved|applied/, { timeout: 15_000 });
  await expect(agentPage.getByTestId('call-approval-lowered')).toContainText(/12,00\s€/);
  await keepScreenshot(agentPage, 'hub-desk-a-approved');
  await agentPage.getByTestId('call-tab-wrapup').click();
  await agentPage.getByTestId('wrapup-disposition').first().click();
  await agentPage.getByTestId('wrapup-submit').click();
  await expect(agentPage.getByTestId('lookup-search')).toBeVisible();

  // The hub stops. Desk A says so and keeps working: lookup, verification, a provisional credit.
  await stop(hubWorld.hub.child);
  await expect(syncBadge(agentPage)).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
  await verifiedCall(agentPage, second);
  await agentPage.getByTestId('call-tab-credit').click();
  await agentPage.getByTestId('credit-reason-goodwill').click();
  await agentPage.getByTestId('credit-amount').fill('5,00');
  await expect(agentPage.getByTestId('credit-outcome')).toHaveAttribute('data-outcome', 'allowed');
  await agentPage.getByTestId('credit-amount').press('Enter');
  await expect(agentPage.getByTestId('credit-granted')).toContainText(/5,00\s€/);
  await expect(syncBadge(agentPage)).not.toHaveAttribute('data-waiting', '0');
  await keepScreenshot(agentPage, 'hub-desk-a-offline');

  // The hub comes back on its own data: the waiting commands reach it, receipts come back.
  hubWorld.hub = await startHub(hubWorld.hubDir, hubWorld.hubPort, false);
  await expect(syncBadge(agentPage)).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect(syncBadge(agentPage)).toHaveAttribute('data-waiting', '0', { timeout: 30_000 });
  await expect
    .poll(() => (a.db.prepare(`SELECT count(*) AS n FROM command_outbox WHERE status IN ('pending', 'sent')`).get() as { n: number }).n, { timeout: 30_000 })
    .toBe(0);
  expect((a.db.prepare(`SELECT count(*) AS n FROM command_outbox WHERE status = 'rejected'`).get() as { n: number }).n).toBe(0);

  // Desk B holds everything once: the approved request, A's offline credit, no duplicate.
  await expect
    .poll(
      () =>
        (
          b.db.prepare(`SELECT count(*) AS n FROM ledger_entries l JOIN accounts c ON c.id = l.account_id WHERE c.customer_id = ?`).get(second.customerId) as {
            n: number;
          }
        ).n,
      { timeout: 30_000 },
    )
    .toBe(1);
  expect(b.db.prepare(`SELECT status, approved_amount AS amount FROM approval_requests WHERE customer_id = ?`).all(first.customerId)).toEqual([
    { status: 'applied', amount: 1200 },
  ]);
  expect(
    (
      b.db.prepare(`SELECT count(*) AS n FROM ledger_entries l JOIN accounts c ON c.id = l.account_id WHERE c.customer_id = ?`).get(first.customerId) as {
        n: number;
      }
    ).n,
  ).toBe(1);
  await supervisorPage.getByTestId('nav-calls').click();
  await supervisorPage.getByTestId('nav-approvals').click();
  await expect(supervisorPage.getByTestId('approvals-row').filter({ hasText: first.familyName })).toHaveCount(0);
});
