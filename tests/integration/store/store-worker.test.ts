/**
 * A store worker's close() resolves, and a script that awaits it goes on to its next line: the
 * idle worker is unreferenced, so without holding it while it exits Node would end the script
 * there, silently and with status 0 (a benchmark run stopped after its first close that way).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ardoise-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a store worker', () => {
  it('closes, and the script that awaited close() carries on', () => {
    const file = join(dir, 'store.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (41)');
    db.close();
    const script = join(dir, 'close.ts');
    writeFileSync(
      script,
      `import { StoreWorker } from ${JSON.stringify(resolve(__dirname, '../../../src/main/store/store-worker'))};
async function main(): Promise<void> {
  const w = new StoreWorker({ file: ${JSON.stringify(file)}, readonly: true, pragmas: [], handler: 'function handle(m) { return prepared(m.sql).get(); }', name: 'test worker' });
  const row = await w.request<{ x: number }>({ sql: 'SELECT x + 1 AS x FROM t' });
  await w.close();
  console.log('after close', row.x);
  await w.close();
  console.log('closed twice');
}
void main();
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', cwd: resolve(__dirname, '../../..'), timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('after close 42\nclosed twice\n');
    expect(run.status).toBe(0);
  });
});
