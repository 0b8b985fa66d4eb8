/**
 * The saved data sets benchmarks run on: bench/data/customers-<N>-seed<S>.db (gitignored; or in
 * BENCH_DATA_DIR; a set with other than the default months of history is
 * customers-<N>-seed<S>-<M>m.db, so the insights benchmark's 24-month set never replaces the one
 * the billing benchmarks share), generated once by the project's own generator and reused while its marker (size, seed,
 * months, end date, generator and schema version) still matches.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditTrail } from '../services/audit-trail';
import { openStore } from '../store/db';
import { ensureCatalogRules } from './catalog';
import { GENERATOR_VERSION, loadDemoData, readDemoMarker, type DemoMarker } from './load';

/** Months of history in benchmark sets: enough for plan changes and bills, small enough for 1M. */
export const DEFAULT_BENCH_MONTHS = 2;
/** Benchmark sets end on a fixed day, so every rerun builds the same rows. */
export const BENCH_TODAY = '2026-11-30';

/** BENCH_DATA_DIR when set (a scratch folder, so a run leaves the shared sets alone), else bench/data. */
export function benchDataDir(): string {
  return process.env.BENCH_DATA_DIR ? resolve(process.env.BENCH_DATA_DIR) : resolve(__dirname, '../../../bench/data');
}

export function benchDatabasePath(customers: number, seed: number, months: number = DEFAULT_BENCH_MONTHS): string {
  const span = months === DEFAULT_BENCH_MONTHS ? '' : `-${months}m`;
  return join(benchDataDir(), `customers-${customers}-seed${seed}${span}.db`);
}

/** BENCH_MONTHS from the environment, else the default. */
export function benchMonths(): number {
  const env = process.env.BENCH_MONTHS;
  return env ? Number(env) : DEFAULT_BENCH_MONTHS;
}

export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/** True when the file at `path` holds exactly this data set, completely generated. */
export function isBenchDatabase(path: string, customers: number, seed: number, months: number): boolean {
  if (!existsSync(path)) return false;
  let marker: DemoMarker | null = null;
  const db = openStore({ file: path, readonly: true });
  try {
    marker = readDemoMarker(db);
    const migrations = (db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    return (
      marker !== null &&
      marker.generator === GENERATOR_VERSION &&
      // Migrations only ever add (DESIGN.md), so a set generated under fewer still holds.
      marker.migrations <= migrations &&
      marker.customers === customers &&
      marker.seed === seed &&
      marker.months === months &&
      marker.today === BENCH_TODAY
    );
  } catch {
    return false;
  } finally {
    db.$client.close();
  }
}

/**
 * The path of the saved set of `customers` customers, generating it first if it is missing or
 * stale. Generating 1,000,000 customers takes minutes; progress goes to stderr.
 */
export function ensureBenchDatabase(customers: number, seed: number, months: number = benchMonths()): { path: string; months: number; generated: boolean } {
  const path = benchDatabasePath(customers, seed, months);
  if (isBenchDatabase(path, customers, seed, months)) {
    // A set built before the catalog's VAT rules were stored with it gets them now.
    const db = openStore({ file: path });
    try {
      ensureCatalogRules(db.$client, `${BENCH_TODAY}T08:00:00.000Z`);
    } finally {
      db.$client.close();
    }
    return { path, months, generated: false };
  }
  removeDatabase(path);
  const db = openStore({ file: path });
  try {
    // The past calls' audit entries are sealed with a throwaway key: benchmarks read, never verify.
    const audit = new AuditTrail(db.$client, { key: randomBytes(32), anchorFile: null });
    const step = Math.max(1, Math.round(customers / 20));
    let shown = 0;
    const result = loadDemoData(db, {
      customers,
      seed,
      months,
      today: BENCH_TODAY,
      audit: (entry) => void audit.append(entry),
      onProgress: (done) => {
        if (done - shown >= step || done === customers) {
          shown = done;
          process.stderr.write(`bench data: ${done.toLocaleString('en')} / ${customers.toLocaleString('en')} customers\n`);
        }
      },
    });
    process.stderr.write(`bench data: ${path} — ${result.rows.toLocaleString('en')} rows in ${(result.ms / 1000).toFixed(1)} s\n`);
  } finally {
    db.$client.close();
  }
  return { path, months, generated: true };
}
