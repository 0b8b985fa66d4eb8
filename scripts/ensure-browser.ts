/**
 * First step of `npm run test:e2e`: make sure a Chromium-family browser exists (scripts/browser.ts
 * finds one or installs one), so the end-to-end tests either run or stop with one clear
 * sentence — never a stack trace per test.
 */
import { BrowserNotFoundError, ensureBrowser } from './browser';

ensureBrowser().then(
  (found) => console.log(`browser: ${found.path} (${found.source})`),
  (err: unknown) => {
    if (!(err instanceof BrowserNotFoundError)) throw err;
    console.error(`\n${err.message}\n`);
    process.exit(1);
  },
);
