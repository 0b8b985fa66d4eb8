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

// ---------------------------------------------------------------------------------------------
// Names. The search index (customer_search, drizzle/desktop/0005) holds, for every customer:
//   g<word>  each word of the given name, and  f<word>  each word of the family name, folded
//            (accents and case removed, œ æ ß spelled out), so a typed word is looked up in the
//            given or the family name without FTS5 column filters (which scan whole doclists);
//   g<joined>, f<joined>  for a name of several words ("N'Diaye", "Jean-Pierre", "Le Goff"),
//            its words joined ("ndiaye", "jeanpierre", "legoff"), so it is found typed either way;
//   n<given><family> and n<family><given>  the whole name joined, so a fully typed name is
//            recognised as exactly that name (see FULL below).
// nameWords and fullNameKeys are the same rules in TypeScript; the two must agree.

/** Index term markers: given-name word, family-name word, whole name. */
export const GIVEN_MARK = 'g';
export const FAMILY_MARK = 'f';
export const FULL_NAME_MARK = 'n';

interface FoldedName {
  /** Folded words: "Jean-Pierre" → jean, pierre. */
  readonly words: readonly string[];
  /** As the index holds them: the words, and the words joined when there are several. */
  readonly indexed: readonly string[];
  readonly joined: string;
  /** Alphabetical sort key: the words joined by spaces. */
  readonly sortKey: string;
}

const foldedCache = new Map<string, FoldedName>();
const FOLDED_CACHE_MAX = 50_000;

/**
 * A name folded into words, memoised: names repeat heavily (a few thousand given and family
 * names cover most callers), and folding is the costly part of ranking a page of candidates.
 */
function folded(name: string): FoldedName {
  let f = foldedCache.get(name);
  if (!f) {
    if (foldedCache.size >= FOLDED_CACHE_MAX) foldedCache.clear();
    const words = foldName(name)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 0);
    const joined = words.join('');
    f = { words, indexed: words.length > 1 ? [...words, joined] : words, joined, sortKey: words.join(' ') };
    foldedCache.set(name, f);
  }
  return f;
}

/** The words of one name as the index holds them: "Jean-Pierre" → jean, pierre, jeanpierre. */
export function nameWords(name: string): readonly string[] {
  return folded(name).indexed;
}

/** The whole-name keys of a customer: given+family and family+given, each joined. */
export function fullNameKeys(givenName: string, familyName: string): readonly [string, string] {
  const given = folded(givenName).joined;
  const family = folded(familyName).joined;
  return [given + family, family + given];
}

/**
 * How one typed word matches a name, best first: a whole word of the family name, a whole word
 * of the given name, the start of a word of the family name, the start of a word of the given
 * name. A typed word counts once, at its best.
 */
export const NAME_MATCHES = ['familyWord', 'givenWord', 'familyPrefix', 'givenPrefix'] as const;
export type NameMatch = (typeof NAME_MATCHES)[number];

const WHOLE: Record<NameMatch, number> = { familyWord: 1, givenWord: 1, familyPrefix: 0, givenPrefix: 0 };
const FAMILY: Record<NameMatch, number> = { familyWord: 1, givenWord: 0, familyPrefix: 1, givenPrefix: 0 };

/**
 * How well a customer matches the typed words, compared field by field, higher first:
 * - full:   1 when the typed words are exactly the words of the name (given then family, or
 *           family then given; a hyphenated or apostrophe name's parts typed apart or joined),
 *           each typed word whole. "marie martin" is a full match of Marie Martin and of
 *           Martin Marie, not of Marie-Claire Martin. Full matches rank together, first.
 * - whole:  how many typed words are whole words of the name (whole words before prefixes);
 * - family: how many typed words match in the family name (family name before given name).
 */
export interface NameClass {
  readonly full: 0 | 1;
  readonly whole: number;
  readonly family: number;
}

/** Negative when a ranks before b. Full matches are one class: whole and family do not split them. */
export function compareNameClass(a: NameClass, b: NameClass): number {
  if (a.full !== b.full) return b.full - a.full;
  if (a.full === 1) return 0;
  return b.whole - a.whole || b.family - a.family;
}

export function nameClassOf(matches: readonly NameMatch[], full: boolean): NameClass {
  let whole = 0;
  let family = 0;
  for (const m of matches) {
    whole += WHOLE[m];
    family += FAMILY[m];
  }
  return { full: full ? 1 : 0, whole, family };
}

/** The FTS5 term for a typed word read one way: `"fmartin"` (whole word) or `"fmartin"*` (prefix). */
export function nameTerm(token: string, match: NameMatch): string {
  const mark = match === 'familyWord' || match === 'familyPrefix' ? FAMILY_MARK : GIVEN_MARK;
  return WHOLE[match] ? `"${mark}${token}"` : `"${mark}${token}"*`;
}

/**
 * FTS5 MATCH expression for one reading of every typed word (all must hold). Tokens are
 * [a-z0-9] only, so nothing the agent types can inject FTS syntax.
 */
export function nameMatchQuery(tokens: readonly string[], matches: readonly NameMatch[]): string {
  return tokens.map((t, i) => nameTerm(t, matches[i]!)).join(' ');
}

/** FTS5 MATCH expression of the full-name reading: the joined name, and each typed word whole. */
export function fullNameQuery(tokens: readonly string[]): string {
  const words = tokens.map((t) => `("${GIVEN_MARK}${t}" OR "${FAMILY_MARK}${t}")`);
  return [`"${FULL_NAME_MARK}${tokens.join('')}"`, ...words].join(' AND ');
}

/** FTS5 MATCH expression of every match at all: each typed word the start of a word of the name. */
export function anyNameQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `("${GIVEN_MARK}${t}"* OR "${FAMILY_MARK}${t}"*)`).join(' AND ');
}

/**
 * The reference rule, in plain TypeScript: how a customer matches the typed words, or null when
 * some typed word matches nothing in the name. The service gets the same answer from the index.
 */
export function nameMatchClass(tokens: readonly string[], givenName: string, familyName: string): NameClass | null {
  const family = nameWords(familyName);
  const given = nameWords(givenName);
  const matches: NameMatch[] = [];
  for (const t of tokens) {
    if (family.includes(t)) matches.push('familyWord');
    else if (given.includes(t)) matches.push('givenWord');
    else if (family.some((w) => w.startsWith(t))) matches.push('familyPrefix');
    else if (given.some((w) => w.startsWith(t))) matches.push('givenPrefix');
    else return null;
  }
  const typed = tokens.join('');
  const full = matches.every((m) => WHOLE[m] === 1) && fullNameKeys(givenName, familyName).includes(typed);
  return nameClassOf(matches, full);
}

/** A name's alphabetical sort key: its folded words joined by spaces. */
export function nameSortKey(name: string): string {
  return folded(name).sortKey;
}

/** Upper bound for a prefix range scan on a text index: every string starting with p sorts below it. */
export function prefixUpperBound(p: string): string {
  return p + '\uffff';
}
