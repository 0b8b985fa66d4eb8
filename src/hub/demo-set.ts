/**
 * `npm run hub -- --demo 3000`: the demo data set, generated in the hub. It is the desk's own
 * generator (the same customers, bills, staff and policy a standalone desk makes), run into a
 * scratch store with the hub's PIN pepper, then copied into the hub's synced tables in one
 * transaction that skips the change log (ardoise.bulk_load): a new epoch then tells every desk
 * to download a snapshot. The hub does not import the desk's code: whoever starts the hub hands
 * it the desk's generator (scripts/hub.ts; tests pass the same one).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNCED_TABLES } from '../core/sync/tables';
import type { KeyVault } from '../platform/keys';
import type { ScryptCost } from '../platform/passwords';
import type { HubDb } from './db/open';

/** The desk's whole first start into `dataDir` (its store is `ardoise.db` there), PINs digested under `pinPepper`. */
export type DeskDemoGenerator = (
  dataDir: string,
  opts: { pinPepper: Buffer; customers: number; seed?: number; today?: string; passwordCost?: ScryptCost; log: (message: string) => void },
) => void;

export interface DemoSetOptions {
  readonly customers: number;
  /** The desk's own generator (the same customers, bills, staff and policy a standalone desk makes). */
  readonly generate: DeskDemoGenerator;
  readonly seed?: number;
  /** The day the demo history ends (default: today, UTC). */
  readonly today?: string;
  readonly passwordCost?: ScryptCost;
  readonly log?: (message: string) => void;
}

export class DemoSetRefused extends Error {
  override readonly name = 'DemoSetRefused';
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const PARAMETERS_PER_INSERT = 30_000;

export async function loadDemoSet(db: HubDb, keys: KeyVault, opts: DemoSetOptions): Promise<{ rows: number; ms: number; epoch: string }> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const [held] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM customers`);
  if (Number(held?.n ?? 0) > 0) throw new DemoSetRefused('the hub already holds customers: the demo set only goes into an empty hub');

  const scratch = mkdtempSync(join(tmpdir(), 'ardoise-hub-demo-'));
  try {
    // The desk's whole first start, PINs digested under the hub's pepper (desks receive it when they enrol).
    opts.generate(scratch, {
      pinPepper: keys.key('pin-pepper'),
      customers: opts.customers,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.today !== undefined ? { today: opts.today } : {}),
      ...(opts.passwordCost ? { passwordCost: opts.passwordCost } : {}),
      log,
    });

    const source = new Database(join(scratch, 'ardoise.db'), { readonly: true });
    let rows = 0;
    try {
      await db.tx(async (sql) => {
        await sql.query(`SELECT set_config('ardoise.bulk_load', 'on', true)`);
        for (const table of SYNCED_TABLES) {
          const hubColumns = new Set(
            (
              await sql.query<{ column_name: string }>(
                `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()`,
                [table],
              )
            ).map((c) => c.column_name),
          );
          const columns = (source.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => hubColumns.has(c));
          if (columns.length === 0) continue;
          const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns.length));
          const list = columns.map((c) => `"${c}"`).join(', ');
          let batch: unknown[][] = [];
          const flush = async () => {
            if (batch.length === 0) return;
            const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
            await sql.query(`INSERT INTO "${table}" (${list}) VALUES ${values}`, batch.flat());
            rows += batch.length;
            batch = [];
          };
          for (const row of source.prepare(`SELECT ${list} FROM "${table}" ORDER BY rowid`).raw().iterate() as IterableIterator<unknown[]>) {
            batch.push(row);
            if (batch.length >= perInsert) await flush();
          }
          await flush();
        }
      });
    } finally {
      source.close();
    }
    // Desks that synced before must take a snapshot: the rows above never went through the log.
    const epoch = randomUUID();
    await db.query(`INSERT INTO hub_state (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [epoch]);
    const ms = Date.now() - started;
    log(`demo: ${opts.customers} customers (${rows} rows) loaded into the hub in ${ms} ms`);
    return { rows, ms, epoch };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
