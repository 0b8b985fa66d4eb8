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
import { StoreWorker } from '../store/store-worker';
import type { SnapshotStep } from './apply';

const WRITE = `
const PROGRESS = 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
const write = db.transaction((steps, progress) => {
  for (const step of steps) {
    const st = prepared(step.sql);
    for (const p of step.params) st.run(p);
  }
  prepared(PROGRESS).run(progress.key, progress.value);
});
function handle(m) {
  write(m.steps, m.progress);
  return null;
}
`;

export class SnapshotWriter {
  private readonly worker: StoreWorker;

  constructor(file: string, nativeBinding?: string) {
    this.worker = new StoreWorker({
      file,
      nativeBinding,
      pragmas: ['busy_timeout = 10000', 'synchronous = FULL', 'foreign_keys = OFF', 'recursive_triggers = ON'],
      handler: WRITE,
      name: 'download writer',
    });
  }

  /** Runs the steps and stores the progress, in one transaction on the writer's connection. */
  async write(steps: readonly SnapshotStep[], progress: { key: string; value: string }): Promise<void> {
    await this.worker.request({ steps, progress });
  }

  /** Closes the writer's connection (a new write opens it again). */
  close(): Promise<void> {
    return this.worker.close();
  }
}
