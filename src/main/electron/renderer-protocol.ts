/**
 * Rule: app://ardoise/<path> serves files from the built renderer folder (out/renderer) and
 * nothing else — no path escapes it (.., encoded separators, backslashes, NUL), no other host,
 * no method but GET/HEAD. Every response carries the CSP and nosniff.
 *
 * Registered in main.ts with protocol.registerSchemesAsPrivileged (before 'ready') and
 * protocol.handle (after). Serving from a custom standard scheme rather than file:// gives the
 * renderer an exact origin to check IPC senders against.
 */
import type { CustomScheme } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin';

/**
 * standard: real origin and relative URL resolution; secure: a secure context like https;
 * supportFetchAPI: the renderer's own fetch() of bundled assets. Deliberately NOT bypassCSP,
 * corsEnabled, allowServiceWorkers or stream — nothing here needs them.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const satisfies CustomScheme;

/** Absolute path of the file an app:// URL names, or null if it is not one we may serve. */
export function resolveRendererPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;

  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // URL parsing already folds plain "..", but decoding can produce new separators and dots
  // (%2F, %2e%2e, %5C). Refuse those outright rather than reason about them.
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.')) return null;
  if (path === '' || path === '/') path = '/index.html';

  const root = resolve(rootDir);
  const file = resolve(root, `.${path}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface ProtocolRequest {
  readonly url: string;
  readonly method: string;
}

export function createRendererProtocolHandler(rootDir: string, csp: string): (request: ProtocolRequest) => Promise<Response> {
  const headers = (extra: Record<string, string>) => ({
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // Files change with each build; the app never needs a stale copy.
    'Cache-Control': 'no-cache',
    ...extra,
  });
  const status = (code: number, text: string) => new Response(text, { status: code, headers: headers({ 'Content-Type': 'text/plain; charset=utf-8' }) });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405, 'Method Not Allowed');
    const file = resolveRendererPath(rootDir, request.url);
    if (!file) return status(404, 'Not Found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      // Missing file, or a directory: same answer, no filesystem detail leaked.
      return status(404, 'Not Found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: headers({ 'Content-Type': mimeType(file) }),
    });
  };
}
