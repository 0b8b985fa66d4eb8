/**
 * The loopback host: the same renderer, in a browser, talking to the same dispatcher.
 * Used by the end-to-end tests and on desktops where Electron cannot be installed.
 *
 * It is a local door into customer data, so it is shut tight: it binds 127.0.0.1 only; every
 * API call and event stream needs this run's random token; a request whose Host is not our
 * address (DNS rebinding) or whose Origin is another site is refused; bodies are capped.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { apiErrorBody, type ApiErrorCode, type ApiEvent, type ApiResult } from '../../core/api';
import type { Dispatcher } from '../api/dispatcher';
import type { SessionRegistry } from '../api/sessions';

export const MAX_BODY_BYTES = 64 * 1024;
const CLIENT_ID = /^[A-Za-z0-9-]{8,64}$/;

export interface LoopbackHostOptions {
  readonly dispatcher: Dispatcher;
  readonly sessions: SessionRegistry;
  /** Built renderer to serve (out/renderer); omitted in API-only tests. */
  readonly staticRoot?: string;
  readonly port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  readonly token?: string;
}

export interface LoopbackHost {
  readonly origin: string;
  readonly token: string;
  /** The address to open: the token travels in the fragment, which browsers never send. */
  readonly url: string;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export async function startLoopbackHost(opts: LoopbackHostOptions): Promise<LoopbackHost> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  let origin = '';
  let hostHeader = '';

  const tokenOk = (presented: string | null | undefined): boolean => {
    if (!presented) return false;
    const b = Buffer.from(presented);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };

  const server: Server = createServer((req, res) => {
    secureHeaders(res);
    const url = new URL(req.url ?? '/', origin);
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== hostHeader) return sendError(res, 403, 'BAD_ORIGIN');
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin) return sendError(res, 403, 'BAD_ORIGIN');

    if (url.pathname === '/api') {
      if (req.method !== 'POST') return sendError(res, 405, 'UNKNOWN_METHOD');
      const auth = req.headers.authorization;
      if (!tokenOk(auth?.startsWith('Bearer ') ? auth.slice(7) : null)) return sendError(res, 401, 'BAD_TOKEN');
      const clientId = req.headers['x-ardoise-client'];
      if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) return sendError(res, 400, 'INVALID_INPUT');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, 'INVALID_INPUT');
      return void readBody(req, MAX_BODY_BYTES).then(
        async (body) => {
          let message: unknown;
          try {
            message = JSON.parse(body);
          } catch {
            return sendError(res, 400, 'INVALID_INPUT');
          }
          if (typeof message !== 'object' || message === null || Array.isArray(message)) return sendError(res, 400, 'INVALID_INPUT');
          const { method, input } = message as { method?: unknown; input?: unknown };
          const result = await opts.dispatcher.dispatch({ transport: 'http', clientId: `http:${clientId}` }, method, input);
          sendJson(res, 200, result);
        },
        (err: unknown) => sendError(res, err === TOO_LARGE ? 413 : 400, err === TOO_LARGE ? 'PAYLOAD_TOO_LARGE' : 'INVALID_INPUT'),
      );
    }

    if (url.pathname === '/events') {
      if (req.method !== 'GET') return sendError(res, 405, 'UNKNOWN_METHOD');
      if (!tokenOk(url.searchParams.get('token'))) return sendError(res, 401, 'BAD_TOKEN');
      const clientId = url.searchParams.get('client');
      if (!clientId || !CLIENT_ID.test(clientId)) return sendError(res, 400, 'INVALID_INPUT');
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      const unsubscribe = opts.sessions.subscribe(`http:${clientId}`, (event: ApiEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'UNKNOWN_METHOD');
    if (!opts.staticRoot) return sendError(res, 404, 'NOT_FOUND');
    serveStatic(opts.staticRoot, url.pathname, res);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hostHeader = `127.0.0.1:${port}`;

  return {
    origin,
    token,
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const TOO_LARGE = Symbol('too large');

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((ok, fail) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return fail(TOO_LARGE);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        fail(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function secureHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ApiErrorCode): void {
  sendJson(res, status, { ok: false, error: apiErrorBody(code) });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendError(res, 400, 'INVALID_INPUT');
  }
  const file = normalize(join(base, decoded === '/' ? 'index.html' : decoded));
  if (!file.startsWith(base + sep)) return sendError(res, 404, 'NOT_FOUND');
  if (!existsSync(file) || !statSync(file).isFile()) return sendError(res, 404, 'NOT_FOUND');
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}) });
  createReadStream(file).pipe(res);
}
