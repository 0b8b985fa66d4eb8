/**
 * Cold start of the browser desk: how much JavaScript the sign-in screen needs (gzip bytes) and
 * how long a cold first load takes until the sign-in form is usable, in Chromium against the
 * built loopback host (`npm run web`'s out/main/web.js; ARDOISE_OUT_DIR for another build).
 *
 * "Cold": every load is a new browser context (empty HTTP cache, no code cache). "Usable": the
 * username field is in the page and enabled — stamped by the page itself (performance.now(),
 * from navigation start) through a MutationObserver, so Playwright's polling is not timed.
 *
 * Baseline, in the same run and interleaved: a static page served from this process whose one
 * script has the same size as all the JavaScript the sign-in screen loaded (raw bytes), made of
 * small functions, that puts one input in the page when it has run. What the app costs above
 * it is React, Mantine and the session check rather than the bytes themselves.
 *
 * The JavaScript counted is what the page had fetched when the form became usable (resource
 * timing): code prefetched after the sign-in screen is painted does not delay it.
 *
 * Needs a build first (`npx electron-vite build`). BENCH_SAMPLES (default 15 loads each).
 * Gzip figures are zlib's default level (6), as a web server would send them.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findBrowser, thisMachine } from '../scripts/browser';
import { evaluate, latencyCase, writeReport, type CaseResult } from './lib';

const root = resolve(__dirname, '..');
const USABLE = '[data-testid="signin-username"]';

/**
 * Runs in the page before any of its scripts: stamps the moment the sign-in form is usable.
 * (A string: the Node-side tsconfig has no DOM types.)
 */
const STAMP_USABLE = `(() => {
  const check = () => {
    const el = document.querySelector(${JSON.stringify(USABLE)});
    if (window.__usableAt === undefined && el instanceof HTMLInputElement && !el.disabled) {
      window.__usableAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function startHost(outDir: string): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ardoise-bench-cold-'));
  const child = spawn(process.execPath, [join(outDir, 'main/web.js')], {
    // Standalone (no hub), a small demo set: the store's size does not change the sign-in screen.
    env: { ...process.env, ARDOISE_DATA_DIR: dataDir, ARDOISE_PORT: '0', ARDOISE_DEMO_CUSTOMERS: '200', ARDOISE_DEMO_TODAY: '2026-11-15', ARDOISE_HUB_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`web host did not start:\n${out}`)), 120_000);
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

/** A page of the same JavaScript size: small functions, then one input put in the page. */
function baselineScript(bytes: number): string {
  const tail = `;document.body.appendChild(Object.assign(document.createElement('input'),{type:'text'})).setAttribute('data-testid','signin-username');`;
  const parts: string[] = [];
  let size = tail.length;
  for (let i = 0; size < bytes; i++) {
    const fn = `function f${i}(a,b){var c=a*${i % 97}+b;return c>${i}?'${i.toString(36)}':c}f${i}(${i},1);\n`;
    parts.push(fn);
    size += fn.length;
  }
  return parts.join('') + tail;
}

async function startBaseline(script: string): Promise<{ url: string; server: Server }> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title><script type="module" src="/app.js"></script></head><body></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('baseline server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

interface Load {
  ms: number;
  scripts: { url: string; raw: number; gzip: number }[];
}

/** One cold load: a new context, the page opened, the moment the sign-in form was usable. */
async function coldLoad(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  try {
    const page: Page = await context.newPage();
    await page.addInitScript({ content: STAMP_USABLE });
    const bodies: Promise<{ url: string; raw: number; gzip: number } | null>[] = [];
    page.on('response', (response) => {
      const u = new URL(response.url());
      if (!u.pathname.endsWith('.js')) return;
      bodies.push(
        response.body().then(
          (b) => ({ url: u.pathname, raw: b.length, gzip: gzipSync(b).length }),
          () => null,
        ),
      );
    });
    await page.goto(url);
    // Functions, not strings: the app's CSP forbids eval, and Playwright runs functions without it.
    const stamped = () => (globalThis as unknown as { __usableAt?: number }).__usableAt;
    await page.waitForFunction(stamped, undefined, { timeout: 60_000 });
    const ms = (await page.evaluate(stamped))!;
    // The scripts fetched by the time the form was usable: what the page prefetches afterwards
    // (the signed-in shell, while the agent types) is not what the sign-in screen needs.
    const fetched = new Set(
      await page.evaluate(
        (at) =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.startTime + e.duration <= at)
            .map((e) => new URL(e.name).pathname),
        ms,
      ),
    );
    const scripts = (await Promise.all(bodies)).filter((s): s is NonNullable<typeof s> => s !== null && fetched.has(s.url));
    return { ms, scripts };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<void> {
  const samples = Number(process.env.BENCH_SAMPLES ?? 15);
  const outDir = resolve(root, process.env.ARDOISE_OUT_DIR ?? 'out');
  if (!existsSync(join(outDir, 'main/web.js'))) throw new Error(`no build in ${outDir}: run \`npx electron-vite build\` first`);
  const found = findBrowser(thisMachine());
  if (!found) throw new Error('no Chromium-family browser found (CHROMIUM_PATH)');

  const host = await startHost(outDir);
  const browser = await chromium.launch({
    executablePath: found.path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let baseline: { url: string; server: Server } | null = null;
  try {
    // What the sign-in screen loads, measured on a first cold load (also a warm-up of the host).
    const first = await coldLoad(browser, host.url);
    const rawBytes = first.scripts.reduce((a, s) => a + s.raw, 0);
    const gzipBytes = first.scripts.reduce((a, s) => a + s.gzip, 0);
    baseline = await startBaseline(baselineScript(rawBytes));
    const baselineFirst = await coldLoad(browser, baseline.url);
    const baselineGzip = baselineFirst.scripts.reduce((a, s) => a + s.gzip, 0);

    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < samples; i++) {
      // Interleaved, alternating which goes first.
      if (i % 2 === 0) {
        ours.push((await coldLoad(browser, host.url)).ms);
        base.push((await coldLoad(browser, baseline.url)).ms);
      } else {
        base.push((await coldLoad(browser, baseline.url)).ms);
        ours.push((await coldLoad(browser, host.url)).ms);
      }
    }
    ours.sort((a, b) => a - b);
    base.sort((a, b) => a - b);

    const kb = (n: number) => Math.round(n / 10.24) / 100;
    const sizeTarget = 'p99 <= 300 KB';
    const sizeCase: CaseResult = {
      case: 'JavaScript loaded for the sign-in screen (gzip)',
      unit: 'KB',
      p50: kb(gzipBytes),
      p99: kb(gzipBytes),
      baseline: 'static page, one script of the same raw size (small functions)',
      baseline_p50: kb(baselineGzip),
      baseline_p99: kb(baselineGzip),
      ratio: Number((gzipBytes / baselineGzip).toFixed(3)),
      target: sizeTarget,
      met: evaluate(sizeTarget, gzipBytes / baselineGzip, { p50: kb(gzipBytes), p99: kb(gzipBytes) }),
      raw_kb: kb(rawBytes),
      scripts: first.scripts.map((s) => ({ path: s.url.replace(/^.*\/assets\//, 'assets/'), raw_kb: kb(s.raw), gzip_kb: kb(s.gzip) })),
    };
    const loadCase = latencyCase(
      'cold load → sign-in usable (Chromium, new context each load)',
      { ours, baseline: base },
      'static page of the same JavaScript size, input shown when its script ran',
      'p99 <= 1000 ms',
    );

    writeReport({
      name: 'cold-start',
      dataset: `browser desk built in ${process.env.ARDOISE_OUT_DIR ?? 'out'}, ${samples} cold loads each, ${found.path}`,
      cases: [sizeCase, loadCase],
    });
  } finally {
    await browser.close();
    baseline?.server.close();
    host.child.kill('SIGTERM');
    await new Promise((r) => host.child.once('exit', r));
    rmSync(host.dataDir, { recursive: true, force: true });
  }
}
