import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser, packageManagerPlan, playwrightCacheDir, whatToInstall, type SearchEnv } from '../../../scripts/browser';

/** A machine with exactly these files (and the directory listings they imply). */
function machine(
  platform: NodeJS.Platform,
  files: string[],
  env: Record<string, string> = {},
  home = platform === 'win32' ? 'C:\\Users\\ana' : '/home/ana',
): SearchEnv {
  const sep = platform === 'win32' ? '\\' : '/';
  return {
    env,
    platform,
    home,
    exists: (p) => files.includes(p),
    list: (dir) => [...new Set(files.filter((f) => f.startsWith(dir + sep)).map((f) => f.slice(dir.length + 1).split(sep)[0]!))],
  };
}

describe('findBrowser: where the end-to-end tests find a Chromium-family browser', () => {
  it('CHROMIUM_PATH wins over everything', () => {
    const m = machine('linux', ['/usr/bin/chromium', '/opt/chrome/chrome'], { CHROMIUM_PATH: '/opt/chrome/chrome' });
    expect(findBrowser(m)).toEqual({ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
  });

  it('a CHROMIUM_PATH that names nothing is an error in one sentence, not a silent fallback', () => {
    const m = machine('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/nowhere/chrome' });
    expect(() => findBrowser(m)).toThrow(BrowserNotFoundError);
    expect(() => findBrowser(m)).toThrow(/CHROMIUM_PATH is set to \/nowhere\/chrome, which does not exist/);
  });

  it.each([
    ['linux', '/usr/bin/chromium'],
    ['linux', '/usr/bin/chromium-browser'],
    ['linux', '/usr/bin/google-chrome-stable'],
    ['linux', '/opt/microsoft/msedge/msedge'],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    ['darwin', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
  ] as const)('%s: finds the system browser at %s', (platform, path) => {
    expect(findBrowser(machine(platform, [path]))).toEqual({ path, source: 'system' });
  });

  it('linux: Chromium before Chrome before Edge', () => {
    const m = machine('linux', ['/opt/microsoft/msedge/msedge', '/usr/bin/google-chrome', '/usr/bin/chromium']);
    expect(findBrowser(m)?.path).toBe('/usr/bin/chromium');
  });

  it('windows: per-user and machine-wide installs, from the environment', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    expect(findBrowser(machine('win32', ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], env))?.path).toBe(
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    );
    expect(findBrowser(machine('win32', ['C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'], env))?.path).toBe(
      'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    );
  });

  it("falls back to Playwright's cache, newest build first, full Chromium before the headless shell", () => {
    const m = machine('linux', [
      '/home/ana/.cache/ms-playwright/chromium_headless_shell-1300/chrome-headless-shell-linux64/chrome-headless-shell',
      '/home/ana/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome',
      '/home/ana/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome',
      '/home/ana/.cache/ms-playwright/firefox-1500/firefox/firefox',
    ]);
    expect(findBrowser(m)).toEqual({ path: '/home/ana/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome', source: 'playwright-cache' });
  });

  it("uses the headless shell when it is all Playwright's cache has", () => {
    const shell = '/home/ana/.cache/ms-playwright/chromium_headless_shell-1300/chrome-headless-shell-linux64/chrome-headless-shell';
    expect(findBrowser(machine('linux', [shell]))?.path).toBe(shell);
  });

  it("honours PLAYWRIGHT_BROWSERS_PATH and each OS's default cache", () => {
    expect(playwrightCacheDir('linux', { PLAYWRIGHT_BROWSERS_PATH: '/srv/pw' }, '/home/ana')).toBe('/srv/pw');
    expect(playwrightCacheDir('linux', {}, '/home/ana')).toBe('/home/ana/.cache/ms-playwright');
    expect(playwrightCacheDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Caches/ms-playwright');
    expect(playwrightCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Local\\ms-playwright',
    );
    const mac = machine(
      'darwin',
      ['/Users/ana/Library/Caches/ms-playwright/chromium-1255/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'],
      {},
      '/Users/ana',
    );
    expect(findBrowser(mac)?.source).toBe('playwright-cache');
  });

  it('finds nothing on a machine without a browser', () => {
    expect(findBrowser(machine('linux', ['/usr/bin/firefox']))).toBeNull();
  });
});

describe('installing when none is found', () => {
  it('uses the package manager the machine has, non-interactively', () => {
    expect(packageManagerPlan((p) => p === '/usr/bin/apt-get')?.steps.at(-1)).toEqual([
      'apt-get',
      'install',
      '-y',
      '-qq',
      '--no-install-recommends',
      'chromium',
    ]);
    expect(packageManagerPlan((p) => p === '/usr/bin/dnf')?.steps).toEqual([['dnf', 'install', '-y', '-q', 'chromium']]);
    expect(packageManagerPlan(() => false)).toBeNull();
  });

  it('says in one sentence what to install when nothing can be', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const sentence = whatToInstall(platform);
      expect(sentence).not.toMatch(/\n|[.!?]\s+[A-Z]/);
      expect(sentence).toMatch(/\.$/);
      expect(sentence).toMatch(/CHROMIUM_PATH/);
    }
    expect(whatToInstall('linux')).toMatch(/apt-get install -y chromium/);
  });
});
