import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createRendererProtocolHandler, mimeType, resolveRendererPath } from '../../../src/main/electron/renderer-protocol';

const ROOT = '/opt/ardoise/out/renderer';

describe('resolveRendererPath', () => {
  it.each([
    ['app://ardoise/', `${ROOT}/index.html`],
    ['app://ardoise', `${ROOT}/index.html`],
    ['app://ardoise/index.html', `${ROOT}/index.html`],
    ['app://ardoise/assets/index-abc123.js', `${ROOT}/assets/index-abc123.js`],
    ['app://ardoise/assets/index.css?v=2#x', `${ROOT}/assets/index.css`],
    ['app://ardoise/fonts/Inter%20Var.woff2', `${ROOT}/fonts/Inter Var.woff2`],
    // The URL parser folds literal dot segments before we see them: this stays inside the root.
    ['app://ardoise/assets/../index.html', `${ROOT}/index.html`],
    ['app://ardoise/../../../etc/passwd', `${ROOT}/etc/passwd`],
    // WHATWG URL (like Chromium) also folds %2e%2e and %2e segments: still inside the root.
    ['app://ardoise/%2e%2e/%2e%2e/etc/passwd', `${ROOT}/etc/passwd`],
    ['app://ardoise/%2e/index.html', `${ROOT}/index.html`],
  ])('%s → %s', (url, path) => {
    expect(resolveRendererPath(ROOT, url)).toBe(path);
  });

  it.each([
    ['encoded slash + dot-dot', 'app://ardoise/assets%2F..%2F..%2F..%2Fetc%2Fpasswd'],
    ['encoded backslash', 'app://ardoise/..%5C..%5Cwindows%5Cwin.ini'],
    ['dot-dot produced by decoding', 'app://ardoise/..%2F..%2Fsecret'],
    ['NUL byte', 'app://ardoise/index.html%00.png'],
    ['a single dot produced by decoding', 'app://ardoise/assets%2F.%2Findex.html'],
    ['broken encoding', 'app://ardoise/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://ardoise.evil/index.html'],
    ['credentials', 'app://user@ardoise/index.html'],
    ['another scheme', 'file:///opt/ardoise/out/renderer/index.html'],
    ['http', 'http://ardoise/index.html'],
    ['not a URL', '../index.html'],
  ])('refuses %s', (_label, url) => {
    expect(resolveRendererPath(ROOT, url)).toBeNull();
  });

  it('decodes only once: %252e%252e names a literal file "%2e%2e" inside the root, never the parent', () => {
    expect(resolveRendererPath(ROOT, 'app://ardoise/%252e%252e/secret')).toBe(`${ROOT}/%2e%2e/secret`);
  });
});

describe('createRendererProtocolHandler (real files in a temp dir)', () => {
  let base: string;
  let root: string;
  const CSP = "default-src 'self'";

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'ardoise-renderer-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Ardoise</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'database password');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => createRendererProtocolHandler(root, CSP)({ url, method });

  it('serves index.html for the root with the CSP, nosniff and the right type', async () => {
    const res = await get('app://ardoise/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Ardoise</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves scripts as JavaScript', async () => {
    const res = await get('app://ardoise/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each(['app://ardoise/missing.js', 'app://ardoise/assets', 'app://ardoise/%2e%2e/secret.txt', 'app://ardoise/..%2Fsecret.txt', 'app://evil/index.html'])(
    'answers 404 with no file content for %s',
    async (url) => {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('password');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
    },
  );

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s', async (method) => {
    expect((await get('app://ardoise/index.html', method)).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://ardoise/index.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('app:// scheme', () => {
  it('is privileged as standard + secure + fetch, and nothing more (no bypassCSP, no CORS, no service workers)', () => {
    expect(APP_SCHEME_PRIVILEGES).toStrictEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it.each([
    ['a.html', 'text/html; charset=utf-8'],
    ['a.JS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.exe', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('mimeType(%s) = %s', (file, type) => {
    expect(mimeType(file)).toBe(type);
  });
});
