/**
 * How the lookup box understands what the agent typed. One box for everything, because during
 * a call the agent types whatever the caller reads out: a number, an account, an email, a name.
 */
import { looksLikePhone, toE164, toE164Prefix } from '../identity/phone';

export type LookupQuery =
  | { kind: 'phone'; e164: string; exact: true }
  | { kind: 'phone'; e164Prefix: string; exact: false }
  | { kind: 'account'; number: string; exact: boolean }
  | { kind: 'email'; prefix: string }
  | { kind: 'name'; tokens: string[] }
  | { kind: 'none' };

/** Lower-case and strip accents: "Hélène" → "helene", "Müller" → "muller", "Œ" → "oe". */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

const ACCOUNT = /^ar[-\s]?(\d{1,8})$/i;

export function parseLookupQuery(raw: string): LookupQuery {
  const text = raw.trim();
  if (text.length === 0) return { kind: 'none' };

  const account = ACCOUNT.exec(text);
  if (account) {
    const digits = account[1]!;
    return digits.length === 8 ? { kind: 'account', number: `AR-${digits}`, exact: true } : { kind: 'account', number: `AR-${digits}`, exact: false };
  }

  if (text.includes('@')) return { kind: 'email', prefix: text.toLowerCase() };

  // Digits and phone punctuation only: a number being typed, never a name.
  if (/^[\d\s+().\-/]+$/.test(text)) {
    if (!looksLikePhone(text)) return { kind: 'none' };
    const e164 = toE164(text);
    if (e164) return { kind: 'phone', e164, exact: true };
    const prefix = toE164Prefix(text);
    return prefix ? { kind: 'phone', e164Prefix: prefix, exact: false } : { kind: 'none' };
  }

  const tokens = foldName(text)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0)
    .slice(0, 4);
  return tokens.length > 0 ? { kind: 'name', tokens } : { kind: 'none' };
}

/**
 * FTS5 MATCH expression: every token must prefix-match a name column. Tokens are [a-z0-9]
 * only, so nothing the agent types can inject FTS syntax.
 */
export function ftsPrefixQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `"${t}"*`).join(' ');
}

const tokenCache = new Map<string, readonly string[]>();
const TOKEN_CACHE_MAX = 50_000;

/**
 * The folded words of a name, memoised: names repeat heavily (a few thousand given and family
 * names cover most callers), and folding is the costly part of ranking a page of candidates.
 */
export function nameTokens(name: string): readonly string[] {
  let tokens = tokenCache.get(name);
  if (!tokens) {
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
    tokens = foldName(name).split(/[^a-z0-9]+/);
    tokenCache.set(name, tokens);
  }
  return tokens;
}

/**
 * Ranking of name matches: whole-word matches before prefixes, family name before given name,
 * then alphabetical — so "martin" lists the Martins before Martine and Martinez.
 */
export function nameMatchScore(tokens: readonly string[], givenName: string, familyName: string): number {
  const family = nameTokens(familyName);
  const given = nameTokens(givenName);
  let score = 0;
  for (const t of tokens) {
    if (family.includes(t)) score += 4;
    else if (given.includes(t)) score += 3;
    else if (family.some((w) => w.startsWith(t))) score += 2;
    else if (given.some((w) => w.startsWith(t))) score += 1;
  }
  return score;
}

/** Upper bound for a prefix range scan on a text index: every string starting with p sorts below it. */
export function prefixUpperBound(p: string): string {
  return p + '\uffff';
}
