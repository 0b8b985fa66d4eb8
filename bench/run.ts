/**
 * `npm run bench` runs every benchmark; `npm run bench -- lookup` runs one. `--full` sets
 * BENCH_FULL=1: benchmarks with a quick default size run at their full size.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--full')) process.env.BENCH_FULL = '1';
  const wanted = args.filter((a) => !a.startsWith('--'));
  const all = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''))
    .sort();
  const chosen = wanted.length > 0 ? wanted : all;
  for (const name of chosen) {
    if (!all.includes(name)) throw new Error(`no benchmark named ${name}; have: ${all.join(', ')}`);
    const mod = (await import(join(__dirname, `${name}.bench.ts`))) as { run: () => Promise<void> | void };
    await mod.run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
