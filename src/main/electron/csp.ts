/**
 * Rule: the renderer may load code, styles, fonts and data only from its own origin, and may
 * not be framed, post forms, or change its base URL. The same policy is sent as a response
 * header (security.ts, renderer-protocol.ts) and written in src/renderer/index.html's meta tag;
 * a unit test compares the two so they cannot drift.
 */

export interface CspOptions {
  /**
   * The electron-vite dev server origin (http://localhost:5173). Its HMR websocket is the one
   * extra connection allowed in dev; production has none.
   */
  readonly devServerOrigin?: string;
  /**
   * 'meta' omits frame-ancestors, which browsers ignore (with a console warning) in a meta tag;
   * the header delivery still enforces it.
   */
  readonly delivery?: 'header' | 'meta';
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const connect = ["'self'"];
  if (opts.devServerOrigin) connect.push(opts.devServerOrigin.replace(/^http/, 'ws'));

  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    // Mantine (and Emotion-style CSS variables) inject <style> elements at runtime; without
    // 'unsafe-inline' the UI renders unstyled. Scripts stay strict, which is what matters:
    // inline style cannot run code.
    ['style-src', "'self'", "'unsafe-inline'"],
    // data: for the small inline images/icons the bundler emits; never remote images.
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', ...connect],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  if (opts.delivery !== 'meta') directives.push(['frame-ancestors', "'none'"]);

  return directives.map((d) => d.join(' ')).join('; ');
}
