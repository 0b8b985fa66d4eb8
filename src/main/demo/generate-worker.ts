/**
 * A generator thread: makes the rows of the customer ranges it is asked for and sends them to
 * the writer (load-parallel.ts). Same context, same streams, same rows as in-thread generation.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CustomerGenerator, demoContext } from './generate';
import { RowBuffer, type FlatRows } from './rows-buffer';

export interface WorkerSetup {
  readonly seed: number;
  readonly months: number;
  readonly today: string;
  readonly staffIds: readonly string[];
}

export interface ChunkRequest {
  readonly chunk: number;
  readonly from: number;
  readonly to: number;
}

export interface ChunkRows extends ChunkRequest, FlatRows {
  /** Time spent generating, for the benchmark's accounting. */
  readonly ms: number;
}

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const buffer = new RowBuffer();
  const generator = new CustomerGenerator(demoContext(setup), buffer.sink);
  port.on('message', (req: ChunkRequest) => {
    const t0 = performance.now();
    for (let i = req.from; i < req.to; i++) generator.write(i);
    const { kinds, values } = buffer.take();
    const reply: ChunkRows = { ...req, kinds, values, ms: performance.now() - t0 };
    port.postMessage(reply, [kinds.buffer as ArrayBuffer]);
  });
}
