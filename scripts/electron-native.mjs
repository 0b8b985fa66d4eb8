#!/usr/bin/env node
/**
 * Pre-step of `npm start`: makes sure a better-sqlite3 binary built for Electron's ABI exists
 * in .cache/electron-native/better_sqlite3.node, which the Electron main process loads via
 * better-sqlite3's `nativeBinding` option (src/main/electron/native-binding.ts).
 *
 * Rule: node_modules/better-sqlite3 is never touched. It stays built for Node, because vitest
 * and the web host run on Node; rebuilding it in place for Electron breaks them
 * (NODE_MODULE_VERSION mismatch). So the package is copied to .cache/electron-native/pkg and
 * built there: a prebuilt binary for Electron (prebuild-install), else a local compile against
 * Electron's headers (node-gyp). A stamp file skips all of it when nothing changed.
 *
 * Exits non-zero, with a clear message, when the Electron binary itself is not installed
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1): the desktop app cannot start; `npm run web` can.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repoRoot, 'package.json'));
const cacheDir = join(repoRoot, '.cache', 'electron-native');
const pkgDir = join(cacheDir, 'pkg');
const target = join(cacheDir, 'better_sqlite3.node');
const stampFile = join(cacheDir, 'stamp.json');

function fail(message) {
  console.error(`\nelectron-native: ${message}\n`);
  process.exit(1);
}

/** The Electron executable, or null when only the npm package (types, no binary) is installed. */
function electronExecutable() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(label, command, args, cwd) {
  console.log(`electron-native: ${label}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/** node-gyp from the project, else the copy bundled with npm. */
function nodeGypScript() {
  const candidates = [];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a project dependency; look for npm's own
  }
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((c) => existsSync(c)) ?? null;
}

function main() {
  if (!electronExecutable()) {
    fail(
      [
        'the Electron binary is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?),',
        'so the desktop app cannot start on this machine.',
        '',
        '  Run the same app in a browser instead:   npm run web',
        '  Or install Electron:                      unset ELECTRON_SKIP_BINARY_DOWNLOAD && npm rebuild electron',
      ].join('\n'),
    );
  }

  const electronVersion = require('electron/package.json').version;
  const sqlitePkgJson = require.resolve('better-sqlite3/package.json');
  const sqliteVersion = JSON.parse(readFileSync(sqlitePkgJson, 'utf8')).version;
  const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };

  if (existsSync(target) && existsSync(stampFile)) {
    try {
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
      if (Object.entries(wanted).every(([k, v]) => stamp[k] === v)) {
        console.log(`electron-native: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} is up to date`);
        return;
      }
    } catch {
      // unreadable stamp: rebuild
    }
  }

  // A clean copy without the Node-ABI build output, so nothing stale can be picked up.
  rmSync(pkgDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  cpSync(dirname(sqlitePkgJson), pkgDir, { recursive: true, filter: (src) => !src.startsWith(join(dirname(sqlitePkgJson), 'build')) });

  const built =
    run(
      `fetching prebuilt better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})`,
      process.execPath,
      [
        require.resolve('prebuild-install/bin.js'),
        '--runtime',
        'electron',
        '--target',
        electronVersion,
        '--arch',
        process.arch,
        '--platform',
        process.platform,
      ],
      pkgDir,
    ) ||
    (() => {
      const gyp = nodeGypScript();
      if (!gyp) fail('no prebuilt binary was available and node-gyp was not found to compile one.');
      return run(
        `no prebuilt binary; compiling against Electron ${electronVersion} headers (needs a C++ toolchain and Python)`,
        process.execPath,
        [
          gyp,
          'rebuild',
          '--release',
          `--target=${electronVersion}`,
          `--arch=${process.arch}`,
          '--dist-url=https://electronjs.org/headers',
          `--devdir=${join(cacheDir, 'gyp')}`,
        ],
        pkgDir,
      );
    })();

  const produced = join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !existsSync(produced)) fail('could not obtain better-sqlite3 for Electron (see the output above).');

  // Replace atomically so a half-copied binary is never loaded.
  copyFileSync(produced, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  console.log(`electron-native: ready → ${target}`);
}

main();
