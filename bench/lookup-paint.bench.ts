/**
 * The lookup box as the agent feels it, on the 1,000,000-customer set: keystroke → the results
 * for exactly what is now in the box painted, in Chromium against the built loopback host.
 *
 * What is typed, one key at a time with page.keyboard: name prefixes (3–5 letters of a family
 * name, sometimes a given name first; lower case without accents, as agents type them), French
 * numbers as callers say them (national digits) and
 * account numbers, drawn from the data with a fixed stride so every rerun types the same keys.
 * After each key the next one waits until that key's results are painted, as an agent who reads
 * the list does (a key that leaves the trimmed text unchanged, a space, is typed but not timed).
 *
 * Stamped by the page itself: the keydown's event.timeStamp, then, when the results area says it
 * answers exactly the trimmed text (`data-answers`, set only once the answer is applied), a
 * requestAnimationFrame and the task after that frame — the frame that shows it has been painted.
 *
 * Baseline, interleaved input by input (alternating which goes first): the same keys in a plain
 * input of the same page that searches nothing and echoes its text into the page, stamped the
 * same way. The ratio is what the search adds to typing in a box.
 *
 * The host runs on a copy of bench/data/customers-<N>-seed<S>.db (the shared set is never written
 * to), so the first start of the desk does not generate anything. Lookups are rate-limited per
 * agent (120 in a burst, then one per 2 s): the keys are spread over the demo's staff sign-ins.
 *
 * BENCH_CUSTOMERS (default 1,000,000; a smaller set is generated if missing), BENCH_SEED (42),
 * BENCH_SAMPLES (timed keystrokes, default 240). Needs a build first (`npx electron-vite build`).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { findBrowser, thisMachine } from '../scripts/browser';
import { BENCH_TODAY, benchMonths, ensureBenchDatabase } from '../src/main/demo/bench-db';
import { latencyCase, percentile, writeReport } from './lib';

const root = resolve(__dirname, '..');
/** Searches per sign-in before the next one takes over: under the limiter's burst of 120. */
const KEYS_PER_AGENT = 100;
const STAFF: readonly [string, string][] = [
  ['agent', 'ardoise-agent'],
  ['agent2', 'ardoise-agent'],
  ['senior', 'ardoise-senior'],
  ['supervisor', 'ardoise-supervisor'],
];

async function startHost(outDir: string, source: string): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ardoise-bench-paint-'));
  // A copy: the desk writes (sign-ins, the audit of each lookup), the shared set stays as built.
  for (const suffix of ['', '-wal']) {
    if (existsSync(source + suffix)) copyFileSync(source + suffix, join(dataDir, `ardoise.db${suffix}`), constants.COPYFILE_FICLONE);
  }
  const child = spawn(process.execPath, [join(outDir, 'main/web.js')], {
    env: { ...process.env, ARDOISE_DATA_DIR: dataDir, ARDOISE_PORT: '0', ARDOISE_DEMO_TODAY: BENCH_TODAY, ARDOISE_HUB_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`web host did not start:\n${out}`)), 600_000);
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
  return { url, child, dataDir };
}

/**
 * Installed in the page once: keydown stamps, the plain baseline input with its echo, and
 * `__lpArm(selector, text)`, a promise of the milliseconds from the next keydown to the frame
 * after an element matching `selector` with data-answers === text is in the page.
 * (A string: the Node-side tsconfig has no DOM types, and tsx would wrap named functions.)
 */
const INSTALL = `(() => {
  if (window.__lpArm) return;
  let keyAt = null;
  window.addEventListener('keydown', (e) => { keyAt = e.timeStamp; }, true);
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;left:8px;bottom:8px;z-index:9999;background:#fff;padding:4px;font:14px sans-serif';
  const input = document.createElement('input');
  input.id = 'lp-baseline';
  input.setAttribute('aria-label', 'baseline');
  const echo = document.createElement('span');
  echo.id = 'lp-echo';
  input.addEventListener('input', () => { echo.textContent = input.value; echo.dataset.answers = input.value.trim(); });
  box.append(input, echo);
  document.body.append(box);
  window.__lpArm = (selector, text) => new Promise((ok) => {
    keyAt = null;
    performance.clearResourceTimings();
    const matches = () => Array.from(document.querySelectorAll(selector)).some((el) => el.getAttribute('data-answers') === text);
    const observer = new MutationObserver(() => {
      if (keyAt === null || !matches()) return;
      observer.disconnect();
      const from = keyAt;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          // When the last search's answer had arrived (resource timing): the rest is the render.
          const api = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api') && e.startTime >= from).at(-1);
          ok({ ms: performance.now() - from, answeredMs: api ? api.responseEnd - from : null });
        };
        channel.port2.postMessage(0);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-answers'] });
  });
})();`;

const OURS = '.ard-results[data-answers]';
const BASE = '#lp-echo';

/** Types `text` into the focused field one key at a time, timing each key that changes the trimmed text. */
interface Timed {
  readonly ms: number;
  /** Keystroke → the search's answer received (null for the baseline, which sends nothing). */
  readonly answeredMs: number | null;
}

async function typeTimed(page: Page, text: string, selector: string): Promise<Timed[]> {
  const times: Timed[] = [];
  let before = '';
  for (let i = 0; i < text.length; i++) {
    const now = text.slice(0, i + 1).trim();
    if (now === before) {
      await page.keyboard.press(text[i]!);
      continue;
    }
    before = now;
    // Armed before the key is sent (awaited: input events and evaluations are not ordered).
    await page.evaluate(
      ([sel, want]) => {
        const g = globalThis as unknown as { __lpArm(s: string, t: string): Promise<Timed>; __lpPending: Promise<Timed> };
        g.__lpPending = g.__lpArm(sel!, want!);
      },
      [selector, now] as const,
    );
    await page.keyboard.press(text[i]!);
    const armed = page.evaluate(() => (globalThis as unknown as { __lpPending: Promise<Timed> }).__lpPending);
    const late = new Promise<'late'>((ok) => setTimeout(() => ok('late'), 10_000));
    const ms = await Promise.race([armed, late]);
    if (ms === 'late') {
      const shown = await page.evaluate(
        (sel) =>
          Array.from(
            (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ outerHTML: string }> } }).document.querySelectorAll(sel),
          ).map((el) => el.outerHTML.slice(0, 300)),
        selector.replace('[data-answers]', ''),
      );
      throw new Error(`no results painted for "${now}"; the page shows: ${shown.join(' | ')}`);
    }
    times.push(ms);
  }
  return times;
}

async function clearField(page: Page, selector: string): Promise<void> {
  await page.locator(selector).fill('');
  await page.locator(selector).focus();
}

async function signIn(browser: Browser, url: string, username: string, password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(url);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('lookup-search').waitFor({ timeout: 60_000 });
  await page.evaluate(INSTALL);
  return page;
}

export async function run(): Promise<void> {
  const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
  const seed = Number(process.env.BENCH_SEED ?? 42);
  const samples = Number(process.env.BENCH_SAMPLES ?? 240);
  const outDir = resolve(root, process.env.ARDOISE_OUT_DIR ?? 'out');
  if (!existsSync(join(outDir, 'main/web.js'))) throw new Error(`no build in ${outDir}: run \`npx electron-vite build\` first`);
  const found = findBrowser(thisMachine());
  if (!found) throw new Error('no Chromium-family browser found (CHROMIUM_PATH)');
  if (samples > KEYS_PER_AGENT * STAFF.length) throw new Error(`BENCH_SAMPLES at most ${KEYS_PER_AGENT * STAFF.length} (the lookup rate limit per sign-in)`);

  const { path } = ensureBenchDatabase(customers, seed, benchMonths());
  const host = await startHost(outDir, path);
  const db = new Database(join(host.dataDir, 'ardoise.db'), { readonly: true, fileMustExist: true });
  const browser = await chromium.launch({
    executablePath: found.path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // What agents type, from the data with a fixed stride: a third names, a third phones, a third accounts.
    const total = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    const picks = db
      .prepare(
        `SELECT c.given_name AS given, c.family_name AS family, a.number AS account,
                (SELECT e164 FROM customer_phones p WHERE p.customer_id = c.id AND p.e164 LIKE '+33%' LIMIT 1) AS phone
         FROM customers c JOIN accounts a ON a.customer_id = c.id
         WHERE c.rowid % ? = 0 LIMIT 200`,
      )
      .all(Math.max(1, Math.floor(total / 200))) as { given: string; family: string; account: string; phone: string | null }[];
    const inputs: string[] = [];
    let keys = 0;
    for (let i = 0; keys < samples && i < picks.length * 3; i++) {
      const p = picks[Math.floor(i / 3) % picks.length]!;
      let text: string;
      if (i % 3 === 0) text = i % 2 === 0 ? `${p.given.slice(0, 3)} ${p.family.slice(0, 4)}` : p.family.slice(0, 3 + (i % 3));
      else if (i % 3 === 1 && p.phone) text = parsePhoneNumberFromString(p.phone)!.formatNational().replace(/\s/g, '');
      else text = p.account.replace('-', '').toLowerCase();
      // As agents type names: lower case, accents left out (the search ignores both).
      text = text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9 '-]/g, '');
      text = text.slice(0, Math.min(text.length, samples - keys + (text.match(/ /g)?.length ?? 0)));
      inputs.push(text);
      keys += text.replace(/ /g, '').length;
    }

    const ours: Timed[] = [];
    const base: Timed[] = [];
    let agent = 0;
    let usedByAgent = 0;
    let page = await signIn(browser, host.url, ...STAFF[agent]!);
    // Warm-up: the first searches of a store read cold pages; a desk that takes calls is warm.
    await clearField(page, '[data-testid="lookup-search"]');
    await typeTimed(page, 'mar', OURS);
    usedByAgent += 3;
    for (let i = 0; i < inputs.length; i++) {
      const text = inputs[i]!;
      const cost = text.replace(/ /g, '').length;
      if (usedByAgent + cost > KEYS_PER_AGENT) {
        await page.close();
        agent += 1;
        usedByAgent = 0;
        page = await signIn(browser, host.url, ...STAFF[agent]!);
      }
      usedByAgent += cost;
      const runOurs = async () => {
        await clearField(page, '[data-testid="lookup-search"]');
        ours.push(...(await typeTimed(page, text, OURS)));
      };
      const runBase = async () => {
        await clearField(page, '#lp-baseline');
        base.push(...(await typeTimed(page, text, BASE)));
      };
      if (i % 2 === 0) {
        await runOurs();
        await runBase();
      } else {
        await runBase();
        await runOurs();
      }
    }
    await page.close();
    const oursMs = ours.map((x) => x.ms).sort((a, b) => a - b);
    const baseMs = base.map((x) => x.ms).sort((a, b) => a - b);
    const answered = ours
      .map((x) => x.answeredMs)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    const round1 = (x: number) => Math.round(x * 10) / 10;

    writeReport({
      name: 'lookup-paint',
      dataset: `browser desk built in ${process.env.ARDOISE_OUT_DIR ?? 'out'} on a copy of customers-${customers}-seed${seed}.db (day ${BENCH_TODAY}); ${ours.length} timed keystrokes in ${inputs.length} inputs (names, national phone digits, account numbers), ${found.path}`,
      cases: [
        latencyCase(
          'keystroke → results for exactly that text painted (lookup box)',
          { ours: oursMs, baseline: baseMs },
          'the same keystrokes in a plain input of the same page that searches nothing (echoed, painted)',
          'p95 <= 100 ms',
          'p95',
        ),
      ].map((c) => ({
        ...c,
        // Where the time goes: keystroke → the search's answer received (the rest is the render).
        answered_p50: round1(percentile(answered, 50)),
        answered_p95: round1(percentile(answered, 95)),
        inputs: inputs.length,
      })),
    });
  } finally {
    await browser.close();
    db.close();
    host.child.kill('SIGTERM');
    await new Promise((r) => host.child.once('exit', r));
    rmSync(host.dataDir, { recursive: true, force: true });
  }
}
