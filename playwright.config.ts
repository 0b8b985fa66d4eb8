import { defineConfig } from '@playwright/test';
import { BrowserNotFoundError, findBrowser, thisMachine, whatToInstall } from './scripts/browser';

/**
 * End-to-end tests drive the real renderer in a Chromium-family browser against the loopback
 * host (out/main/web.js), each test file with its own data folder. `npm run test:e2e` first
 * runs scripts/ensure-browser.ts, which finds a browser or installs one; here it is only found.
 */
function browserPath(): string {
  try {
    const found = findBrowser(thisMachine());
    if (found) return found.path;
    throw new BrowserNotFoundError(whatToInstall(process.platform));
  } catch (err) {
    // One sentence instead of a launch failure per test.
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: browserPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1360, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  outputDir: 'test-results/e2e',
});
