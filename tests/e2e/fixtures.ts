/**
 * The end-to-end tests share one Ardoise per worker (one worker: one for the run): the built
 * loopback host (out/main/web.js) on a free port with a fresh data folder, seeded with the
 * default demo set on first start — loading it per file would cost more than the tests. A test
 * leaves no call open behind it (an agent's open call greets their next sign-in), and picks
 * customers no earlier test has touched. Tests wait for what the app shows, never for a time.
 */
import { test as base, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Ardoise {
  url: string;
  dataDir: string;
  /** Read-only look into the store, to pick real demo customers. */
  db: Database.Database;
}

const root = resolve(__dirname, '../..');

/**
 * The day the e2e host lives on (ARDOISE_DEMO_TODAY: the demo history ends then and main's clock
 * runs from it), so no test depends on the machine's date or time zone.
 */
export const DEMO_TODAY = '2026-11-15';

async function startArdoise(): Promise<{ app: Ardoise; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ardoise-e2e-'));
  // ARDOISE_OUT_DIR lets parallel work build into its own folder (electron-vite build --outDir).
  const outDir = process.env.ARDOISE_OUT_DIR ?? join(root, 'out');
  const child = spawn(process.execPath, [join(outDir, 'main/web.js')], {
    env: { ...process.env, ARDOISE_DATA_DIR: dataDir, ARDOISE_PORT: '0', ARDOISE_DEMO_TODAY: DEMO_TODAY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`web host did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`web host exited with ${code}:\n${out}`)));
  });
  const db = new Database(join(dataDir, 'ardoise.db'), { readonly: true, fileMustExist: true });
  return { app: { url, dataDir, db }, child };
}

export const test = base.extend<{ signedIn: Page }, { ardoise: Ardoise }>({
  ardoise: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { app, child } = await startArdoise();
      await use(app);
      app.db.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(app.dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  signedIn: async ({ page, ardoise }, use) => {
    await page.goto(ardoise.url);
    await page.getByTestId('signin-username').fill('agent2');
    await page.getByTestId('signin-password').fill('ardoise-agent');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('agent-name').waitFor();
    await use(page);
    // The host is shared: a call this test left open would greet agent2's next sign-in.
    await endOpenCalls(page).catch(() => undefined);
  },
});

export const expect = test.expect;

/**
 * A screenshot worth keeping: attached to the test's report (test-results/), named for the
 * step it shows. Never written to a fixed path, so runs and machines do not overwrite each other.
 */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await test.info().attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/**
 * Wraps up every call the signed-in agent still has open (through the API) and goes back to
 * the agent's home: the e2e host is shared, and an open call greets that agent's next sign-in.
 */
export async function endOpenCalls(page: Page): Promise<void> {
  const closed = await page.evaluate(async () => {
    const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
    const call = async (method: string, input: unknown) => {
      const response = await fetch('/api', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${storage.getItem('ardoise.token')}`,
          'x-ardoise-client': storage.getItem('ardoise.client')!,
        },
        body: JSON.stringify({ method, input }),
      });
      return (await response.json()) as { ok: boolean; value?: unknown };
    };
    const open = ((await call('interaction.listOpen', {})).value ?? []) as { interactionId: string }[];
    for (const c of open) await call('interaction.wrapUp', { interactionId: c.interactionId, disposition: 'other' });
    return open.length;
  });
  if (closed > 0) await page.reload();
}
