#!/usr/bin/env node
/**
 * Lint step (npm run lint): scans the sources with Doyensec's Electronegativity and FAILS on
 * any HIGH or MEDIUM finding, printing each one. LOW/INFORMATIONAL findings are listed but do
 * not fail. A file the scanner cannot parse also fails: an unread file is an unchecked file.
 *
 *   node scripts/electronegativity.mjs [input-dir-or-file]      (default: src)
 *
 * Waivers live in the code, on the flagged line, as `// eng-disable CHECK_ID` with the reason
 * in a comment just above — so a reviewer sees the exception where it applies. Current ones:
 * PRELOAD_JS_CHECK (window.ts) and PROTOCOL_HANDLER_JS_CHECK (main.ts).
 *
 * Runs offline and in a couple of seconds. Electronegativity itself would go online twice;
 * both are switched off here, deliberately:
 *  - its i18n loader fetches translations from S3 on every run → replaced with the bundled
 *    English catalogue;
 *  - AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub → excluded
 *    (keeping Electron patched is dependency hygiene — npm outdated/audit, Dependabot — not a
 *    property of our source).
 * The Electron version is passed explicitly (from node_modules/electron) so checks use the
 * defaults of the Electron we ship rather than assuming the worst of Electron 0.1.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repoRoot, 'package.json'));

const FAILING = new Set(['HIGH', 'MEDIUM']);
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

function useOfflineTranslations() {
  const engRequire = createRequire(require.resolve('@doyensec/electronegativity/package.json'));
  const i18nModule = engRequire.resolve('./dist/locales/i18n.js');
  const i18n = engRequire('i18n');
  const offline = async () => {
    // Same configuration as Electronegativity's loader, minus the download.
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nModule),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  engRequire.cache[i18nModule] = { id: i18nModule, filename: i18nModule, loaded: true, exports: Object.assign(offline, { default: offline }) };
}

async function main() {
  const input = resolve(process.argv[2] ?? join(repoRoot, 'src'));
  if (!existsSync(input)) {
    console.error(`electronegativity: input not found: ${input}`);
    return 2;
  }
  useOfflineTranslations();
  const run = require('@doyensec/electronegativity');
  const electronVersion = require('electron/package.json').version;

  const started = Date.now();
  const result = await run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: false,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );

  const where = (file) => (file === 'N/A' ? '(global)' : relative(repoRoot, file) || file);
  const failing = result.issues.filter((i) => FAILING.has(i.severity.name));
  const other = result.issues.filter((i) => !FAILING.has(i.severity.name));
  const unreadable = result.errors.filter((e) => !e.tolerable);

  const line = (i) =>
    `  ${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(9)} ${i.id}  ${where(i.file)}:${i.location.line}:${i.location.column}${i.manualReview ? '  (review)' : ''}\n      ${i.description}`;
  for (const i of other) console.log(line(i));
  for (const e of unreadable) console.error(`  PARSE ERROR  ${where(e.file)}: ${e.message}`);
  for (const i of failing) console.error(line(i));

  const summary = `electronegativity ${relative(repoRoot, input) || '.'} (Electron ${electronVersion}, ${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${Date.now() - started} ms): ${failing.length} HIGH/MEDIUM, ${other.length} LOW/INFO, ${unreadable.length} unparsed`;
  if (failing.length > 0 || unreadable.length > 0) {
    console.error(`${summary} — FAILED`);
    return 1;
  }
  console.log(`${summary} — ok`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
