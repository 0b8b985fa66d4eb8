/**
 * `npm run hub`: the hub's command line (src/hub/main.ts), given the desk's demo generator for
 * `--demo` — wired here because the hub's code does not import the desk's (eslint-rules/layers.mjs).
 */
import { runHub } from '../src/hub/main';
import { generateDeskDemoStore } from '../src/main/hub-demo-store';

runHub(process.argv.slice(2), { generateDemo: generateDeskDemoStore }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
