import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ensurePrivateFile, tightenIfPresent } from '../security/files';
import * as schema from './schema';

export type Store = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Pragmas per DESIGN.md: WAL so lookups never wait on a sync write; synchronous=FULL because
 * this is money and a committed credit must survive a power cut; foreign keys enforced;
 * a busy timeout so a second connection waits instead of failing.
 */
export const PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL
  foreign_keys: 1,
  busy_timeout: 5000,
  // 64 MiB of page cache per connection (SQLite's default is 2 MiB): the insights' per-call
  // seeks into invoices, customers and outcomes missed it on every call of a 20,000-customer
  // store (risk sets 73 → 53 ms of CPU; the bills' share 33 → 13 ms).
  cache_size: -65536,
} as const;

export interface OpenStoreOptions {
  /** Path of the SQLite file, or ':memory:'. */
  readonly file: string;
  readonly migrationsFolder?: string;
  /** better-sqlite3 built for another runtime (Electron's ABI), see scripts/electron-native.mjs. */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
}

export function openStore(opts: OpenStoreOptions): Store {
  const onDisk = opts.file !== ':memory:';
  // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the same mode.
  if (onDisk && !opts.readonly) ensurePrivateFile(opts.file);
  else if (onDisk) mkdirSync(dirname(opts.file), { recursive: true });
  const client = new Database(opts.file, {
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.readonly ? { readonly: true } : {}),
  });
  applyPragmas(client);
  if (onDisk && !opts.readonly) tightenIfPresent(`${opts.file}-wal`, `${opts.file}-shm`);
  const db = drizzle(client, { schema }) as Store;
  if (!opts.readonly) migrate(db, { migrationsFolder: opts.migrationsFolder ?? findMigrationsFolder() });
  return db;
}

export function applyPragmas(client: Database.Database): void {
  client.pragma(`journal_mode = ${PRAGMAS.journal_mode}`);
  client.pragma(`synchronous = ${PRAGMAS.synchronous}`);
  client.pragma(`foreign_keys = ${PRAGMAS.foreign_keys}`);
  client.pragma(`busy_timeout = ${PRAGMAS.busy_timeout}`);
  client.pragma(`cache_size = ${PRAGMAS.cache_size}`);
  // REPLACE then fires DELETE triggers in this connection too (the append-only tables also
  // refuse colliding inserts by trigger, for connections without this pragma).
  client.pragma('recursive_triggers = ON');
}

/**
 * drizzle/desktop travels next to the code: beside the sources in a checkout, beside out/ once
 * built, and in resources/ when packaged (electron-builder extraResources).
 */
export function findMigrationsFolder(): string {
  const candidates = [
    process.env.ARDOISE_MIGRATIONS,
    resolve(__dirname, '../../drizzle/desktop'),
    resolve(__dirname, '../../../drizzle/desktop'),
    resolve(process.cwd(), 'drizzle/desktop'),
    (process as { resourcesPath?: string }).resourcesPath ? join((process as { resourcesPath?: string }).resourcesPath!, 'drizzle/desktop') : undefined,
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'meta/_journal.json'))) return c;
  throw new Error('drizzle/desktop migrations not found');
}
