import { request } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startLoopbackHost, type LoopbackHost } from '../../../src/main/transports/http';
import { aCustomerWithMobile, startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';

let t: TestHost;
let web: LoopbackHost;
let staticRoot: string;
const CLIENT = 'c0ffee00-1111-4222-8333-444455556666';

beforeAll(async () => {
  t = startTestHost(100);
  staticRoot = mkdtempSync(join(tmpdir(), 'ardoise-static-'));
  mkdirSync(join(staticRoot, 'assets'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>Ardoise</title>');
  writeFileSync(join(staticRoot, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(t.dataDir, 'secret.txt'), 'not for the browser');
  web = await startLoopbackHost({ dispatcher: t.host.dispatcher, sessions: t.host.sessions, staticRoot });
});
afterAll(async () => {
  await web.close();
  t.dispose();
  rmSync(staticRoot, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw requests (not fetch) so tests can forge Host and Origin headers like an attacker would. */
function send(opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  const url = new URL(web.origin);
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port: Number(url.port), method: opts.method ?? 'POST', path: opts.path ?? '/api', headers: { host: url.host, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const goodHeaders = () => ({ authorization: `Bearer ${web.token}`, 'x-ardoise-client': CLIENT, 'content-type': 'application/json' });
const apiCall = (method: string, input: unknown, headers: Record<string, string> = goodHeaders()) => send({ headers, body: JSON.stringify({ method, input }) });

describe('loopback host', () => {
  it('binds 127.0.0.1 with a long random token, sent in the URL fragment', () => {
    expect(web.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(web.token).toMatch(/^[0-9a-f]{64}$/);
    expect(web.url).toBe(`${web.origin}/#token=${web.token}`);
  });

  it('answers a good call', async () => {
    const r = await apiCall('system.info', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { transport: 'http' } });
  });

  it.each([
    ['no token', () => ({ 'x-ardoise-client': CLIENT, 'content-type': 'application/json' }), 401, 'BAD_TOKEN'],
    ['a wrong token', () => ({ ...goodHeaders(), authorization: `Bearer ${'0'.repeat(64)}` }), 401, 'BAD_TOKEN'],
    ['a token of the wrong length', () => ({ ...goodHeaders(), authorization: 'Bearer abc' }), 401, 'BAD_TOKEN'],
    ['another origin', () => ({ ...goodHeaders(), origin: 'https://evil.example' }), 403, 'BAD_ORIGIN'],
    ['a rebinding Host header', () => ({ ...goodHeaders(), host: 'evil.example:80' }), 403, 'BAD_ORIGIN'],
    ['a bad token and no client id', () => ({ authorization: 'Bearer x', 'content-type': 'application/json' }), 401, 'BAD_TOKEN'],
    ['a malformed client id', () => ({ ...goodHeaders(), 'x-ardoise-client': '../../etc' }), 400, 'INVALID_INPUT'],
    ['a form post', () => ({ ...goodHeaders(), 'content-type': 'application/x-www-form-urlencoded' }), 415, 'INVALID_INPUT'],
  ])('refuses %s with a typed error and changes nothing', async (_what, headers, status, code) => {
    const before = storeFingerprint(t.host.db.$client);
    const r = await apiCall('session.signIn', { username: 'agent', password: 'ardoise-agent' }, headers() as Record<string, string>);
    expect(r.status).toBe(status);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code, messageKey: expect.stringMatching(/^error\./) } });
    expect(storeFingerprint(t.host.db.$client)).toEqual(before);
    // And the client did not get signed in.
    const who = JSON.parse((await apiCall('session.current', {})).body);
    expect(who).toEqual({ ok: true, value: null });
  });

  it('refuses a body over the size limit', async () => {
    const huge = JSON.stringify({ method: 'lookup.search', input: { query: 'x'.repeat(MAX_BODY_BYTES) } });
    const r = await send({ headers: goodHeaders(), body: huge });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it.each([['not json'], ['[1,2]'], ['null'], ['"string"']])('refuses the malformed body %j', async (body) => {
    const r = await send({ headers: goodHeaders(), body });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('passes unknown methods to the dispatcher, which refuses them', async () => {
    const r = await apiCall('system.shutdown', {});
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('serves the renderer with a CSP, and nothing outside it', async () => {
    const index = await send({ method: 'GET', path: '/', headers: {} });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await send({ method: 'GET', path: '/assets/app.js', headers: {} })).status).toBe(200);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/%E0%A4%A']) {
      const r = await send({ method: 'GET', path, headers: {} });
      expect(r.status, path).not.toBe(200);
      expect(r.body).not.toContain('not for the browser');
    }
  });

  it('streams events to a signed-in client that presents the token', async () => {
    const signed = JSON.parse((await apiCall('session.signIn', { username: 'agent', password: 'ardoise-agent' })).body);
    expect(signed.ok).toBe(true);
    const refused = await send({ method: 'GET', path: `/events?token=wrong&client=${CLIENT}`, headers: {} });
    expect(refused.status).toBe(401);

    const url = new URL(web.origin);
    const known = aCustomerWithMobile(t.host.db.$client);
    const received = await new Promise<string>((ok, fail) => {
      const req = request(
        { host: '127.0.0.1', port: Number(url.port), method: 'GET', path: `/events?token=${web.token}&client=${CLIENT}`, headers: { host: url.host } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
            if (text.includes('call.incoming')) {
              req.destroy();
              ok(text);
            }
          });
          void apiCall('calls.incoming', { from: known.e164 });
        },
      );
      req.on('error', (e) => (String(e).includes('aborted') ? undefined : fail(e)));
      req.end();
    });
    const data = received.split('\n').find((l) => l.startsWith('data: '))!;
    expect(JSON.parse(data.slice(6))).toMatchObject({ name: 'call.incoming', payload: { e164: known.e164, matches: [{ customerId: known.customerId }] } });
  });
});
