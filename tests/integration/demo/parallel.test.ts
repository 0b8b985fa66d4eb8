import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../src/main/demo/load';
import { loadDemoDataParallel } from '../../../src/main/demo/load-parallel';
import { dump, tempStore, TODAY } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the big-set loader (generator threads)', () => {
  it('writes the same database as the in-thread loader', async () => {
    const inThread = tempStore();
    const threads = tempStore();
    cleanups.push(inThread.cleanup, threads.cleanup);
    const opts = { customers: 90, seed: 5, months: 13, today: TODAY, batchSize: 20 };
    const a = loadDemoData(inThread.db, opts);
    const progress: number[] = [];
    const b = await loadDemoDataParallel(threads.db, { ...opts, workers: 2, onProgress: (n) => progress.push(n) });
    expect(b.rows).toBe(a.rows);
    expect(progress).toEqual([20, 40, 60, 80, 90]);
    expect(dump(threads.db)).toEqual(dump(inThread.db));
  });
});
