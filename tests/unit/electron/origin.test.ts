import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isTrustedUrl, originOf, resolveRendererTarget } from '../../../src/main/electron/origin';

describe('resolveRendererTarget', () => {
  it('serves app://ardoise when packaged, whatever ELECTRON_RENDERER_URL says', () => {
    expect(resolveRendererTarget({ devServerUrl: 'http://localhost:5173/', isPackaged: true })).toEqual({
      url: 'app://ardoise/index.html',
      origin: 'app://ardoise',
      dev: false,
    });
    expect(resolveRendererTarget({ devServerUrl: 'https://evil.example/', isPackaged: true }).origin).toBe(APP_ORIGIN);
  });

  it('serves app://ardoise unpackaged without a dev server (electron-vite preview)', () => {
    expect(resolveRendererTarget({ devServerUrl: undefined, isPackaged: false }).url).toBe('app://ardoise/index.html');
  });

  it.each(['http://localhost:5173', 'http://127.0.0.1:5174/', 'http://[::1]:5173/'])('trusts the loopback dev server %s', (devServerUrl) => {
    const target = resolveRendererTarget({ devServerUrl, isPackaged: false });
    expect(target.dev).toBe(true);
    expect(target.origin).toBe(new URL(devServerUrl).origin);
  });

  it.each([
    'https://localhost:5173',
    'http://example.com:5173',
    'http://192.168.1.10:5173',
    'http://user:pw@localhost:5173',
    'file:///tmp/index.html',
    'not a url',
  ])('refuses to start on dev server URL %s', (devServerUrl) => {
    expect(() => resolveRendererTarget({ devServerUrl, isPackaged: false })).toThrow(/ELECTRON_RENDERER_URL/);
  });
});

describe('originOf / isTrustedUrl', () => {
  it.each([
    ['app://ardoise/index.html', 'app://ardoise'],
    ['app://ardoise/assets/x.js?v=1#h', 'app://ardoise'],
    ['http://localhost:5173/src/main.tsx', 'http://localhost:5173'],
    ['https://example.com/a', 'https://example.com'],
    ['app://ardoise.evil/index.html', 'app://ardoise.evil'],
    ['app://user@ardoise/index.html', null],
    ['file:///etc/passwd', null],
    ['data:text/html,<script>1</script>', null],
    ['javascript:alert(1)', null],
    ['about:blank', null],
    ['', null],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it.each([
    ['app://ardoise/index.html', APP_ORIGIN, true],
    ['app://ardoise/', APP_ORIGIN, true],
    ['app://ardoise.evil/', APP_ORIGIN, false],
    ['app://evil/ardoise', APP_ORIGIN, false],
    ['app://ardoise:8080/', APP_ORIGIN, false],
    ['app://ardoise@evil/', APP_ORIGIN, false],
    ['http://localhost:5173/', APP_ORIGIN, false],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['https://localhost:5173/', 'http://localhost:5173', false],
    ['file:///index.html', APP_ORIGIN, false],
  ])('isTrustedUrl(%s, %s) = %s', (url, origin, trusted) => {
    expect(isTrustedUrl(url, origin)).toBe(trusted);
  });

  it('treats a missing URL as untrusted', () => {
    expect(isTrustedUrl(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedUrl(undefined, APP_ORIGIN)).toBe(false);
  });
});
