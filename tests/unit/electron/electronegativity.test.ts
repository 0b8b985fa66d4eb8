import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(repo, 'scripts', 'electronegativity.mjs');
const ourCode = join(repo, 'src', 'main', 'electron');

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the lint script as `npm run lint` does; resolves with its exit code and all output. */
function scan(input: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, input], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ardoise-eng-'));
  temps.push(dir);
  return dir;
}

/** A copy of src/main/electron with one edit applied (the edit must still apply, or the test is stale). */
function ourCodeWith(file: string, from: string | RegExp, to: string): string {
  const dir = tempDir();
  cpSync(ourCode, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  expect(after, `${file} no longer contains ${String(from)}`).not.toBe(before);
  writeFileSync(path, after);
  return dir;
}

// Each case is a separate Node process (~0.7 s); run them side by side.
describe.concurrent('scripts/electronegativity.mjs', () => {
  it('passes on our Electron main process as written', async ({ expect }) => {
    const { code, out } = await scan(ourCode);
    expect(out).toContain('0 HIGH/MEDIUM');
    expect(code).toBe(0);
  });

  it('fails on a planted insecure window, naming each problem', async ({ expect }) => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad-window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export function open(): BrowserWindow {',
        '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
        "  void win.loadURL('http://example.com/');",
        '  return win;',
        '}',
      ].join('\n'),
    );
    const { code, out } = await scan(dir);
    expect(code).toBe(1);
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'CSP_GLOBAL_CHECK',
    ]) {
      expect(out).toContain(id);
    }
    expect(out).toContain('FAILED');
  });

  it.for([
    ['contextIsolation off', 'window.ts', 'contextIsolation: true', 'contextIsolation: false', 'CONTEXT_ISOLATION_JS_CHECK'],
    ['sandbox off', 'window.ts', 'sandbox: true', 'sandbox: false', 'SANDBOX_JS_CHECK'],
    ['webSecurity off', 'window.ts', 'webSecurity: true', 'webSecurity: false', 'WEB_SECURITY_JS_CHECK'],
    ['insecure content allowed', 'window.ts', 'allowRunningInsecureContent: false', 'allowRunningInsecureContent: true', 'INSECURE_CONTENT_JS_CHECK'],
    ['Auxclick left on', 'window.ts', "disableBlinkFeatures: 'Auxclick',", '', 'AUXCLICK_JS_CHECK'],
    ['the preload waiver removed', 'window.ts', '// eng-disable PRELOAD_JS_CHECK', '', 'PRELOAD_JS_CHECK'],
    ['the protocol waiver removed', 'main.ts', /\/\/ eng-disable PROTOCOL_HANDLER_JS_CHECK/g, '', 'PROTOCOL_HANDLER_JS_CHECK'],
    ['no permission handler', 'security.ts', 'session.setPermissionRequestHandler(', 'session.setSomethingElse(', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'],
    ['no CSP header', 'security.ts', "'Content-Security-Policy': [policy]", "'X-Other': [policy]", 'CSP_GLOBAL_CHECK'],
    [
      'no navigation guards at all',
      'security.ts',
      /contents\.(on\('will-navigate'|setWindowOpenHandler\()/g,
      'contents.other(',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
    ],
  ] as const)('catches a regression in our own code: %s', async ([, file, from, to, id], { expect }) => {
    const { code, out } = await scan(ourCodeWith(file, from, to));
    expect(code).toBe(1);
    expect(out).toContain(id);
  });

  it('fails on a file it cannot parse (an unread file is an unchecked file)', async ({ expect }) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.ts'), 'export const = ;\n');
    const { code, out } = await scan(dir);
    expect(code).toBe(1);
    expect(out).toContain('PARSE ERROR');
  });

  it('refuses a missing input path', async ({ expect }) => {
    const { code, out } = await scan(join(tempDir(), 'nope'));
    expect(code).toBe(2);
    expect(out).toContain('input not found');
  });
});
