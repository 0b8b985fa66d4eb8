/**
 * Generating the demo set (issue: "Generation of the 1M set in rows/s vs a raw insert loop of
 * the same rows").
 *
 * Ours: the big-set loader as `npm run seed` runs it — customers generated (identity, history,
 * invoices through core/billing) on a worker thread, written on this thread with prepared
 * statements, one transaction per 5,000 customers. Its time is what this thread spends waiting
 * for rows plus writing them — and never less than the worker's own generation time, so the
 * baseline's turns cannot hide generation that would otherwise be waited for.
 *
 * Baseline: the very same rows, already in arrays (the worker's output for the chunk), inserted
 * by a plain loop of prepared statements in same-size transactions into a fresh database with
 * the same schema, triggers and pragmas.
 * Writes alternate ours-then-baseline and baseline-then-ours, chunk by chunk.
 *
 * BENCH_CUSTOMERS (default 1,000,000), BENCH_MONTHS (default in src/main/demo/bench-db.ts),
 * BENCH_WORKERS (generator threads; default cores − 1).
 * Ours is kept as bench/data/customers-<N>-seed42.db for the lookup benchmark.
 */
import { join } from 'node:path';
import { BENCH_TODAY, benchDataDir, benchDatabasePath, benchMonths, removeDatabase } from '../src/main/demo/bench-db';
import { DEFAULT_BATCH, DemoLoader } from '../src/main/demo/load';
import { ChunkPipeline, chunkRequests, defaultWorkers } from '../src/main/demo/load-parallel';
import { INSERT_SQL, ROW_KINDS } from '../src/main/demo/rows';
import { insertFlat, type FlatRows } from '../src/main/demo/rows-buffer';
import { openStore } from '../src/main/store/db';
import { throughputCase, writeReport } from './lib';

const SEED = 42;

export async function run(): Promise<void> {
  const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
  const months = benchMonths();
  const workers = Number(process.env.BENCH_WORKERS ?? defaultWorkers());
  const oursPath = benchDatabasePath(customers, SEED, months);
  const basePath = join(benchDataDir(), `baseline-${customers}-seed${SEED}.tmp.db`);
  removeDatabase(oursPath);
  removeDatabase(basePath);
  const ours = openStore({ file: oursPath });
  const base = openStore({ file: basePath });

  const opts = { customers, seed: SEED, months, today: BENCH_TODAY };
  const loader = new DemoLoader(ours, opts);
  // The same catalog and staff rows in the baseline database (untimed): only customers compete.
  new DemoLoader(base, { ...opts, customers: 0 });
  const statements = ROW_KINDS.map((k) => base.$client.prepare(INSERT_SQL[k]));
  const rawInsert = base.$client.transaction((rows: FlatRows) => insertFlat(statements, rows));

  const requests = chunkRequests(customers, DEFAULT_BATCH);
  const started = performance.now();
  const pipeline = new ChunkPipeline({ seed: SEED, months, today: BENCH_TODAY, staffIds: loader.ctx.staffIds }, requests, workers);
  let oursMs = 0;
  let oursRows = 0;
  let baseMs = 0;
  let baseRows = 0;
  let shown = 0;
  try {
    for (const req of requests) {
      let t0 = performance.now();
      const chunk = await pipeline.take();
      oursMs += performance.now() - t0;
      const a = () => {
        t0 = performance.now();
        oursRows += loader.writeRows(chunk);
        oursMs += performance.now() - t0;
      };
      const b = () => {
        t0 = performance.now();
        rawInsert(chunk);
        baseMs += performance.now() - t0;
        baseRows += chunk.kinds.length;
      };
      if (req.chunk % 2 === 0) {
        a();
        b();
      } else {
        b();
        a();
      }
      if (req.to - shown >= customers / 20 || req.to === customers) {
        shown = req.to;
        process.stderr.write(
          `generate: ${req.to.toLocaleString('en')} / ${customers.toLocaleString('en')} customers, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
        );
      }
    }
  } finally {
    await pipeline.close();
  }
  loader.finish();
  if (oursRows !== baseRows) throw new Error(`ours wrote ${oursRows} rows, the baseline ${baseRows}: not the same rows`);
  ours.$client.close();
  base.$client.close();
  removeDatabase(basePath);

  const oursTime = Math.max(oursMs, pipeline.generationMs);
  const result = throughputCase(
    `generate and write the demo set (${workers} generator thread${workers > 1 ? 's' : ''})`,
    'rows/s',
    (oursRows / oursTime) * 1000,
    (baseRows / baseMs) * 1000,
    'raw insert loop of the same rows',
    '>= 0.8',
  );
  writeReport({
    name: 'generate',
    dataset: `${customers.toLocaleString('en')} customers, ${months} billed months each ending ${BENCH_TODAY}, seed ${SEED}: ${oursRows.toLocaleString('en')} rows (customers, phones, e-mails, addresses, accounts, subscriptions and changes, usage, invoices through core/billing and their lines, payments, credits)`,
    cases: [
      {
        ...result,
        rows: oursRows,
        seconds: Number((oursTime / 1000).toFixed(1)),
        main_thread_seconds: Number((oursMs / 1000).toFixed(1)),
        generation_seconds: Number((pipeline.generationMs / 1000).toFixed(1)),
        baseline_seconds: Number((baseMs / 1000).toFixed(1)),
      },
    ],
  });
}
