import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/electron-native.mjs', import.meta.url));

describe('scripts/electron-native.mjs', () => {
  it('without an Electron binary: explains, points at `npm run web`, exits non-zero, builds nothing', () => {
    // An empty override dir makes require('electron') point at a binary that does not exist,
    // which is exactly the ELECTRON_SKIP_BINARY_DOWNLOAD situation, on any machine.
    const empty = mkdtempSync(join(tmpdir(), 'ardoise-no-electron-'));
    try {
      const r = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty }, timeout: 30_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('cannot start');
      expect(r.stderr).toContain('npm run web');
      expect(r.stdout).not.toContain('fetching prebuilt');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
