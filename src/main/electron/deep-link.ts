/**
 * Rule: a deep link is untrusted input from any program on the machine (a web page can fire
 * one). The only link we act on is `ardoise://call?from=<phone>`: a phone-ish string of at most
 * 40 characters, which becomes a screen pop — a lookup the agent then confirms. Everything
 * else is dropped without effect.
 */

export const DEEP_LINK_SCHEME = 'ardoise';

export interface CallDeepLink {
  readonly from: string;
}

/** Digits, +, spaces, dots, dashes, parentheses — what telephony systems put in a caller id. */
const PHONE_ISH = /^[0-9+ ().-]{1,40}$/;
/** Far above any legitimate link; stops us parsing megabytes from argv. */
const MAX_LINK_LENGTH = 512;
/** Links queued before start-up finishes; a flood keeps only the latest. */
const MAX_PENDING = 10;

export function parseCallDeepLink(raw: string): CallDeepLink | null {
  if (typeof raw !== 'string' || raw.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  if (url.host !== 'call' || url.username || url.password || url.port) return null;
  // Some launchers append a slash (ardoise://call/?from=…); any other path is not ours.
  if (url.pathname !== '' && url.pathname !== '/') return null;

  const from = queryValues(url.search, 'from');
  if (from === null || from.length !== 1) return null;
  const value = from[0]!.trim();
  if (!PHONE_ISH.test(value) || !/[0-9]/.test(value)) return null;
  return { from: value };
}

/**
 * Values of one query parameter, decoded with decodeURIComponent — NOT URLSearchParams, which
 * reads '+' as a space and would turn +33612345678 into " 33612345678". Other parameters are
 * ignored (softphones add their own); null when the query cannot be decoded.
 */
function queryValues(search: string, name: string): string[] | null {
  const out: string[] = [];
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (key !== name) continue;
    try {
      out.push(decodeURIComponent(eq === -1 ? '' : pair.slice(eq + 1)));
    } catch {
      return null;
    }
  }
  return out;
}

/** The deep link in a command line (first start, or a second instance on Windows/Linux). */
export function findDeepLinkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
}

/**
 * Holds screen pops that arrive before the app can act on them (macOS sends 'open-url' before
 * 'ready'; argv is read at start) and delivers them in order once a handler is attached.
 * Invalid links are dropped on arrival.
 */
export class DeepLinkInbox {
  private pending: CallDeepLink[] = [];
  private handler: ((link: CallDeepLink) => void) | null = null;

  /** True when the link was valid (delivered or queued). */
  push(raw: string | undefined): boolean {
    if (raw === undefined) return false;
    const link = parseCallDeepLink(raw);
    if (!link) return false;
    if (this.handler) this.handler(link);
    else this.pending = [...this.pending, link].slice(-MAX_PENDING);
    return true;
  }

  attach(handler: (link: CallDeepLink) => void): void {
    this.handler = handler;
    const queued = this.pending;
    this.pending = [];
    for (const link of queued) handler(link);
  }
}
