/**
 * A connection to the store in a worker thread, for work that would hold main's event loop (and
 * so every agent's lookup) for long: a first download's writes (sync/snapshot-writer.ts), the
 * insights' counts (services/insights/risk-set-source.ts). SQLite's WAL lets this connection read
 * or write beside main's.
 *
 * The worker runs the JavaScript it is built with: a function `handle(payload)` given `db` (the
 * connection) and `prepared(sql)` (statements prepared once), whose return value is the answer.
 * It holds no rule of its own: what it runs, it is sent. The worker is referenced while it works
 * (a script awaiting an answer does not end first) and not while idle (an idle worker does not
 * keep a process alive).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface StoreWorkerOptions {
  /** The store's file. */
  readonly file: string;
  /** better-sqlite3 built for Electron's ABI, as main's connection uses. */
  readonly nativeBinding?: string | undefined;
  /** Open read-only (the file must exist). */
  readonly readonly?: boolean;
  /** Pragmas run on opening, e.g. 'busy_timeout = 5000'. */
  readonly pragmas: readonly string[];
  /** JavaScript that defines `function handle(payload)` (it may use `db` and `prepared`). */
  readonly handler: string;
  /** Names the worker in its errors ("download writer: …"). */
  readonly name: string;
}

const prelude = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, {
  ...(workerData.readonly ? { readonly: true, fileMustExist: true } : {}),
  ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
});
for (const pragma of workerData.pragmas) db.pragma(pragma);
const statements = new Map();
const prepared = (sql) => {
  let st = statements.get(sql);
  if (!st) statements.set(sql, (st = db.prepare(sql)));
  return st;
};
`;

const loop = `
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: m.id, answer: handle(m.payload) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
});
`;

export class StoreWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { ok: (answer: unknown) => void; fail: (err: Error) => void }>();

  constructor(private readonly options: StoreWorkerOptions) {}

  /** Sends the payload to `handle`; resolves with its answer, rejects with its error. */
  request<T>(payload: unknown): Promise<T> {
    const worker = this.start();
    const id = this.next++;
    worker.ref();
    return new Promise<T>((ok, fail) => {
      this.waiting.set(id, { ok: ok as (answer: unknown) => void, fail });
      worker.postMessage({ id, payload });
    });
  }

  /** Closes the worker's connection (the next request opens it again). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise((r) => worker.once('exit', r));
    // Referenced until it has gone: an idle worker is unreferenced, and a script awaiting close()
    // with nothing else to do would otherwise end there, silently, before its next line.
    worker.ref();
    worker.postMessage({ close: true });
    await exited;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const { file, nativeBinding, readonly, pragmas, handler, name } = this.options;
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(prelude + handler + loop, {
      eval: true,
      workerData: { file, module, nativeBinding: nativeBinding ?? null, readonly: readonly ?? false, pragmas },
    });
    worker.unref();
    worker.on('message', (m: { id: number; answer?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) worker.unref();
      if (m.error !== undefined) w?.fail(new Error(`${name}: ${m.error}`));
      else w?.ok(m.answer);
    });
    const failAll = (err: Error) => {
      for (const w of this.waiting.values()) w.fail(err);
      this.waiting.clear();
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error(`${name} stopped`)));
    this.worker = worker;
    return worker;
  }
}
