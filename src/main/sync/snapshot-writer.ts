/**
 * A first download written on its own connection, in a worker thread. The desk's lookups share
 * main's connection and event loop: a download written there makes a lookup that arrives during
 * a write transaction wait for the rest of it (tens of milliseconds at a commit's fsync). Written
 * here, the transactions run beside main; SQLite's WAL lets main read while this connection
 * writes, so lookups go on as if nothing were downloading.
 *
 * The worker only runs statements it is sent (the applier builds them, snapshotSteps) with the
 * download's progress, in one transaction per page; it holds no rule of its own.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SnapshotStep } from './apply';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 10000');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = OFF');
db.pragma('recursive_triggers = ON');
const statements = new Map();
const prepared = (sql) => {
  let st = statements.get(sql);
  if (!st) statements.set(sql, (st = db.prepare(sql)));
  return st;
};
const PROGRESS = 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
const write = db.transaction((steps, progress) => {
  for (const step of steps) {
    const st = prepared(step.sql);
    for (const p of step.params) st.run(p);
  }
  prepared(PROGRESS).run(progress.key, progress.value);
});
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    write(m.steps, m.progress);
    parentPort.postMessage({ id: m.id });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
});
`;

export class SnapshotWriter {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { ok: () => void; fail: (err: Error) => void }>();

  constructor(
    private readonly file: string,
    private readonly nativeBinding?: string,
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER, { eval: true, workerData: { file: this.file, module, nativeBinding: this.nativeBinding ?? null } });
    worker.on('message', (m: { id: number; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error) w?.fail(new Error(`download writer: ${m.error}`));
      else w?.ok();
    });
    const failAll = (err: Error) => {
      for (const w of this.waiting.values()) w.fail(err);
      this.waiting.clear();
      this.worker = null;
    };
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error('download writer stopped')));
    this.worker = worker;
    return worker;
  }

  /** Runs the steps and stores the progress, in one transaction on the writer's connection. */
  write(steps: readonly SnapshotStep[], progress: { key: string; value: string }): Promise<void> {
    const worker = this.start();
    const id = this.next++;
    return new Promise<void>((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      worker.postMessage({ id, steps, progress });
    });
  }

  /** Closes the writer's connection (a new write opens it again). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise((r) => worker.once('exit', r));
    worker.postMessage({ close: true });
    await exited;
  }
}
