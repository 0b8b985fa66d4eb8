/**
 * Generates a demo customer base into a SQLite file:
 *
 *   npm run seed -- --customers 3000 --seed 42 --out path.db [--months 14] [--today 2026-11-30] [--workers 1] [--force]
 *
 * The file must not exist (or --force replaces it). --today defaults to today's UTC date: pass
 * it to make the same database twice. --workers 0 generates on this thread; by default one
 * generator thread per spare core runs alongside the writer.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { removeDatabase } from '../src/main/demo/bench-db';
import { DEFAULT_DEMO, loadDemoData, type DemoLoadResult } from '../src/main/demo/load';
import { defaultWorkers, loadDemoDataParallel } from '../src/main/demo/load-parallel';
import { openStore } from '../src/main/store/db';

const USAGE = 'usage: npm run seed -- --customers N --seed S --out file.db [--months M] [--today YYYY-MM-DD] [--workers W] [--force]';

function integer(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${text}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      months: { type: 'string' },
      today: { type: 'string' },
      workers: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);
  const out = resolve(values.out);
  const customers = integer('customers', values.customers, DEFAULT_DEMO.customers, 0);
  const seed = integer('seed', values.seed, DEFAULT_DEMO.seed, 0);
  const months = integer('months', values.months, DEFAULT_DEMO.months, 1);
  const workers = integer('workers', values.workers, defaultWorkers(), 0);
  const today = values.today ?? new Date().toISOString().slice(0, 10);

  if (existsSync(out)) {
    if (!values.force) throw new Error(`${out} exists; pass --force to replace it`);
    removeDatabase(out);
  }
  const db = openStore({ file: out });
  const step = Math.max(1, Math.round(customers / 20));
  let shown = 0;
  const onProgress = (done: number) => {
    if (done - shown >= step || done === customers) {
      shown = done;
      process.stderr.write(`  ${done.toLocaleString('en')} / ${customers.toLocaleString('en')} customers\n`);
    }
  };
  console.log(`seeding ${out}: ${customers.toLocaleString('en')} customers, seed ${seed}, ${months} months ending ${today}, ${workers} generator thread(s)`);
  let result: DemoLoadResult;
  try {
    const opts = { customers, seed, months, today, onProgress };
    result = workers > 0 ? await loadDemoDataParallel(db, { ...opts, workers }) : loadDemoData(db, opts);
  } finally {
    db.$client.close();
  }

  const check = openStore({ file: out, readonly: true });
  const counts = [
    'customers',
    'customer_phones',
    'customer_emails',
    'addresses',
    'accounts',
    'subscriptions',
    'subscription_changes',
    'usage_records',
    'invoices',
    'invoice_lines',
    'payments',
    'ledger_entries',
    'plans',
    'catalog_prices',
    'promotions',
    'users',
  ].map((table) => [table, check.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number] as const);
  check.$client.close();
  const width = Math.max(...counts.map(([t]) => t.length));
  for (const [table, n] of counts) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en').padStart(12)}`);
  const seconds = result.ms / 1000;
  console.log(`${result.rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s — ${Math.round(result.rows / seconds).toLocaleString('en')} rows/s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
