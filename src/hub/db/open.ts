/**
 * The hub's database: PGlite in a data folder by default (nothing to install), or a real
 * PostgreSQL when DATABASE_URL is given — several hub processes then share it, which is how the
 * hub scales. Both are reached through the same small interface: parameterised queries,
 * transactions (retried on a deadlock or serialisation failure), LISTEN/NOTIFY.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface HubDb extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; a deadlock or serialisation failure is retried from the start. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** Calls `onMessage` for every NOTIFY on `channel`, from any process on the same database. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenHubDbOptions {
  /** postgres://… — a real PostgreSQL; else PGlite. */
  readonly url?: string;
  /** PGlite's data folder; omitted: in memory (tests). */
  readonly dataDir?: string;
  readonly migrationsFolder?: string;
  /** Pool size for PostgreSQL. */
  readonly maxConnections?: number;
  /** PostgreSQL: a schema of its own (created if missing) — tests and side-by-side hubs. */
  readonly schema?: string;
}

const RETRYABLE = new Set(['40001', '40P01']);

export async function openHubDb(opts: OpenHubDbOptions = {}): Promise<HubDb> {
  const migrationsFolder = opts.migrationsFolder ?? findHubMigrations();
  return opts.url ? openPostgres(opts.url, migrationsFolder, opts.maxConnections ?? 20, opts.schema ?? 'public') : openPglite(opts.dataDir, migrationsFolder);
}

async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

async function openPostgres(url: string, migrationsFolder: string, max: number, schema: string): Promise<HubDb> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  // Money and the record: a committed command survives a crash of the database server.
  const options = `-c synchronous_commit=on -c search_path=${schema}`;
  if (schema !== 'public') {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).finally(() => admin.end());
  }
  // application_name names this hub's connections (an operator, or a test restarting the
  // database's sessions, can find them in pg_stat_activity).
  const applicationName = `ardoise-hub:${schema}`;
  const pool = new pg.Pool({ connectionString: url, max, options, application_name: applicationName });
  // A connection the server closed (a restart, an administrator) is dropped from the pool and
  // replaced on next use; without a listener its 'error' would end the process.
  pool.on('error', () => {});
  await migratePg(drizzlePg(pool), { migrationsFolder, migrationsSchema: schema });
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let closed = false;
  let listener: pg.Client;
  /**
   * The LISTEN connection, reconnected with a growing pause when the server drops it. What was
   * notified while it was down is lost, so every channel's handlers hear an empty payload after
   * a reconnection: desks are told to pull, and the change log's cursor finds what they missed.
   */
  const connectListener = async (): Promise<void> => {
    for (let attempt = 0; !closed; attempt++) {
      const client = new pg.Client({ connectionString: url, options, application_name: applicationName });
      client.on('notification', (n) => {
        for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
      client.on('error', () => {});
      try {
        await client.connect();
        for (const channel of handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch {
        await client.end().catch(() => {});
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 5_000)));
        continue;
      }
      listener = client;
      client.once('end', () => {
        if (closed) return;
        void connectListener().then(() => {
          for (const set of handlers.values()) for (const h of set) h('');
        });
      });
      return;
    }
  };
  await connectListener();
  const run = (client: pg.PoolClient | pg.Pool): Sql => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await client.query(text, params as unknown[])).rows as T[];
    },
  });
  return {
    kind: 'postgres',
    ...run(pool),
    tx<T>(fn: (sql: Sql) => Promise<T>) {
      return withRetry(async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn(run(client));
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        } finally {
          client.release();
        }
      });
    },
    async listen(channel, onMessage) {
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onMessage);
      return async () => {
        set.delete(onMessage);
      };
    },
    async close() {
      closed = true;
      await listener.end().catch(() => {});
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | undefined, migrationsFolder: string): Promise<HubDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lite = new PGlite(dataDir);
  await lite.waitReady;
  await migratePglite(drizzlePglite(lite), { migrationsFolder, migrationsSchema: 'public' });
  // PGlite is one connection: transactions take turns (a queue), as they would for a row lock.
  let queue: Promise<unknown> = Promise.resolve();
  const sql: Sql = {
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await lite.query(text, params as unknown[])).rows as T[];
    },
  };
  return {
    kind: 'pglite',
    async query<T>(text: string, params: readonly unknown[] = []) {
      await queue.catch(() => {});
      return sql.query<T>(text, params);
    },
    tx<T>(fn: (sql: Sql) => Promise<T>) {
      const next = queue
        .catch(() => {})
        .then(() =>
          withRetry(() =>
            lite.transaction(async (t) =>
              fn({
                async query<R>(text: string, params: readonly unknown[] = []) {
                  return (await t.query(text, params as unknown[])).rows as R[];
                },
              }),
            ),
          ),
        );
      queue = next;
      return next;
    },
    async listen(channel, onMessage) {
      const unsubscribe = await lite.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    async close() {
      await queue.catch(() => {});
      await lite.close();
    },
  };
}

export function findHubMigrations(): string {
  const candidates = [
    process.env.ARDOISE_HUB_MIGRATIONS,
    resolve(__dirname, '../../../drizzle/hub'),
    resolve(__dirname, '../../drizzle/hub'),
    resolve(__dirname, '../drizzle/hub'),
    resolve(process.cwd(), 'drizzle/hub'),
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'meta/_journal.json'))) return c;
  throw new Error('drizzle/hub migrations not found');
}
