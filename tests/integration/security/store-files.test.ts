/**
 * What is on disk: the data folder is the user's alone, every file in it 0600 (whatever the
 * umask), PINs only as keyed digests, and a store never opens with keys that are not its own.
 */
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppHost, type AppHost } from '../../../src/main/app';
import { DEMO_TODAY, TEST_PASSWORD_COST, testNow } from '../../fixtures/app-host';

const mode = (path: string) => statSync(path).mode & 0o777;
const open = (dataDir: string): AppHost =>
  createAppHost({ dataDir, transport: 'http', demoCustomers: 40, demoSeed: 7, demoToday: DEMO_TODAY, clock: testNow, passwordCost: TEST_PASSWORD_COST });

let parent: string;
let dataDir: string;
let previousUmask: number;
beforeAll(() => {
  // The usual desktop umask would leave new files world-readable: the app must not rely on it.
  previousUmask = process.umask(0o022);
  parent = mkdtempSync(join(tmpdir(), 'ardoise-files-'));
  dataDir = join(parent, 'data');
  open(dataDir).close();
});
afterAll(() => {
  process.umask(previousUmask);
  rmSync(parent, { recursive: true, force: true });
});

describe('files on disk', () => {
  it.skipIf(process.platform === 'win32')('the data folder is 0700 and every file in it 0600: store, WAL, keys, audit anchor', () => {
    const host = open(dataDir); // open again: the -wal and -shm files exist while it runs
    try {
      expect(mode(dataDir)).toBe(0o700);
      const files = readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['ardoise.db', 'ardoise.db-wal', 'ardoise.db-shm', 'keys.json', 'audit-head.json']));
      for (const f of files) expect([f, mode(join(dataDir, f))]).toEqual([f, 0o600]);
    } finally {
      host.close();
    }
  });

  it('PINs are stored only as keyed digests: no plain PIN column holds anything', () => {
    const host = open(dataDir);
    try {
      const c = host.db.$client;
      expect(c.prepare(`SELECT count(*) FROM customer_secrets WHERE account_pin IS NOT NULL`).pluck().get()).toBe(0);
      expect(c.prepare(`SELECT count(*) FROM customer_secrets WHERE account_pin_digest IS NOT NULL`).pluck().get()).toBeGreaterThan(10);
      expect(c.prepare(`SELECT count(*) FROM customer_secrets WHERE account_pin_digest IS NOT NULL AND length(account_pin_digest) <> 64`).pluck().get()).toBe(
        0,
      );
    } finally {
      host.close();
    }
  });

  it('a store whose key file is missing or replaced refuses to start, saying what to restore', () => {
    const keys = join(dataDir, 'keys.json');
    renameSync(keys, `${keys}.bak`);
    try {
      expect(() => open(dataDir)).toThrow(/missing from .*keys\.json: restore the key file that belongs to this data folder/);
      expect(existsSync(keys)).toBe(false); // nothing made up in its place
      // Another folder's keys are not these.
      const other = join(parent, 'other');
      open(other).close();
      renameSync(join(other, 'keys.json'), keys);
      expect(() => open(dataDir)).toThrow(/not the one this store was sealed with/);
    } finally {
      renameSync(`${keys}.bak`, keys);
    }
    open(dataDir).close();
  });
});
