/**
 * The big-set loader (`npm run seed`, benchmarks): customers are generated on worker threads
 * while this thread writes, so generation — the billing engine above all — overlaps the
 * inserts instead of adding to them. Chunks are written in order, one transaction each, so the
 * database is byte-identical to loadDemoData's. Writes stay on this thread (one SQLite writer),
 * and nothing async happens inside a transaction: each chunk is written synchronously once its
 * rows have arrived.
 *
 * The app's first-start set stays in-thread (load.ts): it is small, and the packaged app then
 * needs no worker bundle.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store/db';
import type { ChunkRequest, ChunkRows, WorkerSetup } from './generate-worker';
import { DEFAULT_BATCH, DemoLoader, type DemoLoadOptions, type DemoLoadResult } from './load';

export interface ParallelLoadOptions extends DemoLoadOptions {
  /** Generator threads (default: cores − 1, at least 1, at most 4). */
  readonly workers?: number;
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** Generator threads fed chunk requests; chunks come back in request order. */
export class ChunkPipeline {
  private readonly workers: Worker[];
  private readonly ready = new Map<number, ChunkRows>();
  private readonly waiting = new Map<number, { resolve: (rows: ChunkRows) => void; reject: (err: Error) => void }>();
  private failure: Error | null = null;
  private next = 0;
  private requested = 0;
  private readonly busy = new Map<Worker, number>();

  constructor(
    setup: WorkerSetup,
    private readonly chunks: readonly ChunkRequest[],
    workers: number,
    private readonly depth = 2,
  ) {
    this.workers = Array.from({ length: Math.max(1, workers) }, () => {
      const w = startWorker(setup);
      w.on('message', (rows: ChunkRows) => this.arrived(w, rows));
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`demo generator thread stopped with code ${code}`));
      });
      return w;
    });
    for (const w of this.workers) for (let d = 0; d < this.depth; d++) this.request(w);
  }

  /** The rows of the next chunk, in order. */
  take(): Promise<ChunkRows> {
    if (this.failure) return Promise.reject(this.failure);
    const index = this.next++;
    const rows = this.ready.get(index);
    if (rows) {
      this.ready.delete(index);
      return Promise.resolve(rows);
    }
    return new Promise((resolve, reject) => this.waiting.set(index, { resolve, reject }));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private request(w: Worker): void {
    const chunk = this.chunks[this.requested];
    if (!chunk) return;
    this.requested++;
    w.postMessage(chunk);
  }

  /** Generation time of the busiest thread: the pipeline cannot deliver faster than that. */
  get generationMs(): number {
    return Math.max(0, ...this.busy.values());
  }

  private arrived(w: Worker, rows: ChunkRows): void {
    this.busy.set(w, (this.busy.get(w) ?? 0) + rows.ms);
    this.request(w);
    const waiter = this.waiting.get(rows.chunk);
    if (waiter) {
      this.waiting.delete(rows.chunk);
      waiter.resolve(rows);
    } else this.ready.set(rows.chunk, rows);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.waiting.values()) waiter.reject(err);
    this.waiting.clear();
  }
}

/**
 * From sources (tsx: seed script, benchmarks, tests) the worker loads TypeScript through tsx's
 * require hook; from a build it is the compiled generate-worker.js beside this file.
 */
function startWorker(setup: WorkerSetup): Worker {
  if (__filename.endsWith('.ts')) {
    const file = join(__dirname, 'generate-worker.ts');
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, workerData: setup });
  }
  return new Worker(join(__dirname, 'generate-worker.js'), { workerData: setup });
}

export function chunkRequests(customers: number, batch: number): ChunkRequest[] {
  const out: ChunkRequest[] = [];
  for (let from = 0, chunk = 0; from < customers; from += batch, chunk++) out.push({ chunk, from, to: Math.min(customers, from + batch) });
  return out;
}

export async function loadDemoDataParallel(db: Store, opts: ParallelLoadOptions): Promise<DemoLoadResult> {
  const t0 = performance.now();
  const loader = new DemoLoader(db, opts);
  const requests = chunkRequests(opts.customers, opts.batchSize ?? DEFAULT_BATCH);
  const setup: WorkerSetup = { seed: opts.seed, months: loader.ctx.months, today: opts.today, staffIds: loader.ctx.staffIds };
  const pipeline = new ChunkPipeline(setup, requests, opts.workers ?? defaultWorkers());
  try {
    for (const req of requests) {
      const chunk = await pipeline.take();
      loader.writeRows(chunk);
      opts.onProgress?.(req.to);
    }
  } finally {
    await pipeline.close();
  }
  loader.finish();
  return { rows: loader.rows, customers: opts.customers, ms: performance.now() - t0 };
}
