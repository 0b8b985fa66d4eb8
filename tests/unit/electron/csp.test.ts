import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/electron/csp';

const PRODUCTION =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('contentSecurityPolicy', () => {
  it('is exactly the production policy', () => {
    expect(contentSecurityPolicy()).toBe(PRODUCTION);
  });

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('%s is %j', (name, sources) => {
    expect(directives(contentSecurityPolicy()).get(name)).toEqual(sources);
  });

  it('never lets scripts run inline, by eval, or from anywhere remote', () => {
    for (const opts of [{}, { devServerOrigin: 'http://localhost:5173' }]) {
      const policy = directives(contentSecurityPolicy(opts));
      for (const sources of [policy.get('script-src'), policy.get('default-src')]) {
        expect(sources).toEqual(["'self'"]);
      }
    }
  });

  it('names no remote source in production', () => {
    expect(contentSecurityPolicy()).not.toMatch(/https?:|wss?:|\*/);
  });

  it('in dev, adds only the dev server websocket (Vite HMR) to connect-src', () => {
    const dev = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(directives(dev).get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.replace(' ws://localhost:5173', '')).toBe(PRODUCTION);
  });

  it('the meta-tag variant drops only frame-ancestors (ignored in <meta>)', () => {
    const meta = contentSecurityPolicy({ delivery: 'meta' });
    expect(directives(meta).has('frame-ancestors')).toBe(false);
    expect(`${meta}; frame-ancestors 'none'`).toBe(PRODUCTION);
  });

  const indexHtml = fileURLToPath(new URL('../../../src/renderer/index.html', import.meta.url));
  it.skipIf(!existsSync(indexHtml))('src/renderer/index.html declares the same policy in its meta tag', () => {
    const html = readFileSync(indexHtml, 'utf8');
    const tag = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(tag, 'a <meta http-equiv="Content-Security-Policy"> in index.html').not.toBeNull();
    const normalise = (p: string) => [...directives(p)].map(([n, s]) => `${n} ${s.join(' ')}`).join('; ');
    expect([normalise(PRODUCTION), normalise(contentSecurityPolicy({ delivery: 'meta' }))]).toContain(normalise(tag![1]!));
  });
});
