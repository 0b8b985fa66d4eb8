/**
 * Which Chromium-family browser the end-to-end tests drive, and how one gets installed when
 * a machine has none. The tests only need a Chromium engine; they never ask for Playwright's
 * own download when the machine already has a browser.
 *
 * Order of the search (first that exists wins):
 *   1. CHROMIUM_PATH, when set (an explicit choice: if it names nothing, that is an error);
 *   2. the usual system locations of Chromium, Chrome and Edge on Linux, macOS and Windows;
 *   3. Playwright's own browser cache (PLAYWRIGHT_BROWSERS_PATH or its per-OS default).
 *
 * When none is found, `ensureBrowser` installs one: Playwright's download when its CDN answers,
 * otherwise the OS package manager when running as root (non-interactively), saying what it
 * does. When neither can, it says in one sentence what to install.
 *
 * The search is a pure function of its inputs (environment, platform, which files exist), so
 * it is tested on every platform from any machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:https';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

export interface BrowserFound {
  readonly path: string;
  /** Where it was found, for the message: 'CHROMIUM_PATH', 'system', 'playwright-cache'. */
  readonly source: 'CHROMIUM_PATH' | 'system' | 'playwright-cache';
}

export interface SearchEnv {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly exists: (path: string) => boolean;
  /** Entries of a directory, or [] when it does not exist. */
  readonly list: (dir: string) => readonly string[];
}

export class BrowserNotFoundError extends Error {}

/** System locations, most specific first. Windows paths are built from the environment. */
export function systemCandidates(platform: NodeJS.Platform, env: SearchEnv['env']): string[] {
  switch (platform) {
    case 'linux':
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/lib/chromium/chromium',
        '/snap/bin/chromium',
        '/usr/bin/google-chrome-stable',
        '/usr/bin/google-chrome',
        '/opt/google/chrome/chrome',
        '/usr/bin/microsoft-edge-stable',
        '/usr/bin/microsoft-edge',
        '/opt/microsoft/msedge/msedge',
      ];
    case 'darwin':
      return [
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ];
    case 'win32': {
      const roots = [env['LOCALAPPDATA'], env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['ProgramFiles'], env['ProgramFiles(x86)']].filter(
        (r): r is string => typeof r === 'string' && r !== '',
      );
      const apps = ['Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
      return [...new Set(apps.flatMap((app) => roots.map((root) => win32.join(root, app))))];
    }
    default:
      return [];
  }
}

/** Playwright's browser cache folder on this platform (PLAYWRIGHT_BROWSERS_PATH wins). */
export function playwrightCacheDir(platform: NodeJS.Platform, env: SearchEnv['env'], home: string): string {
  const set = env['PLAYWRIGHT_BROWSERS_PATH'];
  if (set && set !== '0') return set;
  if (platform === 'win32') return win32.join(env['LOCALAPPDATA'] ?? win32.join(home, 'AppData', 'Local'), 'ms-playwright');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'ms-playwright');
  return posix.join(env['XDG_CACHE_HOME'] ?? posix.join(home, '.cache'), 'ms-playwright');
}

/** Executables inside one Playwright browser folder (full Chromium first, then the headless shell). */
function playwrightExecutables(platform: NodeJS.Platform, folder: string): string[] {
  const j = platform === 'win32' ? win32.join : posix.join;
  if (folder.includes('headless_shell')) {
    if (platform === 'win32') return [j(folder, 'chrome-headless-shell-win64', 'chrome-headless-shell.exe')];
    if (platform === 'darwin') return ['arm64', 'x64'].map((a) => j(folder, `chrome-headless-shell-mac-${a}`, 'chrome-headless-shell'));
    return [j(folder, 'chrome-headless-shell-linux64', 'chrome-headless-shell'), j(folder, 'chrome-linux', 'headless_shell')];
  }
  if (platform === 'win32') return [j(folder, 'chrome-win64', 'chrome.exe'), j(folder, 'chrome-win', 'chrome.exe')];
  if (platform === 'darwin') {
    return ['chrome-mac-arm64', 'chrome-mac-x64', 'chrome-mac'].flatMap((d) => [
      j(folder, d, 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'),
      j(folder, d, 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
    ]);
  }
  return [j(folder, 'chrome-linux64', 'chrome'), j(folder, 'chrome-linux', 'chrome')];
}

/** Newest Playwright build first: folders are named chromium-<build>. */
function byBuildDescending(a: string, b: string): number {
  const n = (s: string) => Number(/(\d+)$/.exec(s)?.[1] ?? 0);
  return n(b) - n(a);
}

/**
 * The browser to drive, or null. Throws BrowserNotFoundError when CHROMIUM_PATH names a file
 * that does not exist: an explicit choice that is wrong must not silently fall back.
 */
export function findBrowser(s: SearchEnv): BrowserFound | null {
  const chosen = s.env['CHROMIUM_PATH'];
  if (chosen) {
    if (s.exists(chosen)) return { path: chosen, source: 'CHROMIUM_PATH' };
    throw new BrowserNotFoundError(`CHROMIUM_PATH is set to ${chosen}, which does not exist: point it at a Chromium, Chrome or Edge executable, or unset it.`);
  }
  for (const path of systemCandidates(s.platform, s.env)) if (s.exists(path)) return { path, source: 'system' };

  const cache = playwrightCacheDir(s.platform, s.env, s.home);
  const folders = s.list(cache).filter((f) => /^chromium(_headless_shell)?-\d+$/.test(f));
  const full = folders.filter((f) => !f.includes('headless_shell')).sort(byBuildDescending);
  const shells = folders.filter((f) => f.includes('headless_shell')).sort(byBuildDescending);
  const j = s.platform === 'win32' ? win32.join : posix.join;
  for (const folder of [...full, ...shells]) {
    for (const path of playwrightExecutables(s.platform, j(cache, folder))) if (s.exists(path)) return { path, source: 'playwright-cache' };
  }
  return null;
}

/** This machine, for findBrowser. */
export function thisMachine(): SearchEnv {
  return {
    env: process.env,
    platform: process.platform,
    home: homedir(),
    exists: (p) => existsSync(p),
    list: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
  };
}

/** The one sentence a person reads when no browser can be had. */
export function whatToInstall(platform: NodeJS.Platform): string {
  const how =
    platform === 'linux'
      ? 'install Chromium (Debian/Ubuntu: sudo apt-get install -y chromium; Fedora: sudo dnf install -y chromium)'
      : platform === 'darwin'
        ? 'install Google Chrome or Chromium (e.g. brew install --cask chromium)'
        : 'install Google Chrome, Chromium or Microsoft Edge';
  return `No Chromium-family browser was found for the end-to-end tests and none could be installed: ${how}, or set CHROMIUM_PATH to one, then run npm test again.`;
}

// ---------------------------------------------------------------------------------------------
// Installing (side effects; not unit-tested beyond the plan).

/** Whether Playwright's download host answers within a few seconds (closed networks refuse it). */
export function playwrightCdnReachable(timeoutMs = 4000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: 'cdn.playwright.dev', method: 'HEAD', path: '/', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

export interface PackageManagerPlan {
  readonly name: string;
  readonly steps: readonly (readonly string[])[];
}

/** How this Linux machine's package manager installs Chromium, non-interactively. */
export function packageManagerPlan(exists: (path: string) => boolean): PackageManagerPlan | null {
  const has = (bin: string) => ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'].some((d) => exists(join(d, bin)));
  if (has('apt-get'))
    return {
      name: 'apt-get',
      steps: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'],
      ],
    };
  if (has('dnf')) return { name: 'dnf', steps: [['dnf', 'install', '-y', '-q', 'chromium']] };
  if (has('zypper')) return { name: 'zypper', steps: [['zypper', '--non-interactive', 'install', 'chromium']] };
  if (has('pacman')) return { name: 'pacman', steps: [['pacman', '-S', '--noconfirm', '--needed', 'chromium']] };
  if (has('apk')) return { name: 'apk', steps: [['apk', 'add', '--no-cache', 'chromium']] };
  return null;
}

function run(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd!, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  return r.status === 0;
}

/**
 * Finds a browser or installs one. Resolves to the browser; rejects with BrowserNotFoundError
 * carrying the one sentence to show when none can be had.
 */
export async function ensureBrowser(log: (line: string) => void = (l) => console.log(l)): Promise<BrowserFound> {
  const machine = thisMachine();
  const found = findBrowser(machine);
  if (found) return found;

  log('browser: no Chromium, Chrome or Edge found for the end-to-end tests; installing one.');
  if (await playwrightCdnReachable()) {
    log("browser: Playwright's download host answers: npx playwright install chromium");
    const cli = join(process.cwd(), 'node_modules', '@playwright', 'test', 'cli.js');
    if (run([process.execPath, cli, 'install', 'chromium'])) {
      const after = findBrowser(thisMachine());
      if (after) return after;
    }
  } else {
    log("browser: Playwright's download host (cdn.playwright.dev) cannot be reached from here.");
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const plan = process.platform === 'linux' ? packageManagerPlan(existsSync) : null;
  if (plan && isRoot) {
    log(`browser: installing the package "chromium" with ${plan.name} (running as root, non-interactive)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (plan.steps.every((step) => run(step, env))) {
      const after = findBrowser(thisMachine());
      if (after) return after;
    }
  } else if (plan) {
    log(`browser: not running as root, so ${plan.name} is not used.`);
  }
  throw new BrowserNotFoundError(whatToInstall(process.platform));
}
