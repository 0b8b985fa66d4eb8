/**
 * Finding the caller. Whatever the agent types is classified (core/search), run against the
 * matching index, ranked and capped, and returned MASKED: before verification the agent sees
 * who the caller might be, never their address, balance or invoices.
 *
 * NAME SEARCH: THE ORDER OF RESULTS. The typed text is folded into words ("Hélène N'Diaye" →
 * helene, n, diaye). Each typed word must match the name; it matches, at best, as
 *     a whole word of the family name  >  a whole word of the given name
 *       >  the start of a word of the family name  >  the start of a word of the given name.
 * A hyphenated or apostrophe name also holds its words joined, so "ndiaye", "n'diaye" and
 * "n diaye" find N'Diaye; "jeanpierre", "jean-pierre" and "jean pierre" find Jean-Pierre;
 * "dalmeida", "d'almeida" and "almeida" find D'Almeida. Accents and case never matter.
 * Customers are ordered by (core/search NameClass, compareNameClass):
 *   1. full name first: the typed words are exactly the words of the name (given then family,
 *      or family then given), each typed whole;
 *   2. then more typed words matched as whole words (whole words before prefixes);
 *   3. then more typed words matched in the family name (family name before given name);
 *   4. then alphabetically by family name, given name (folded), then by customer id.
 * "martin" lists the Martins, then anyone whose given name is Martin, then Martinez (family
 * prefix), then Martine (given prefix).
 *
 * RECALL, precisely. Let L be the limit. The classes 1–3 above split the customers who match
 * into groups; the results are every member of the best groups, in order, then — when the next
 * group does not fit whole — L minus that many of its members (the first ones the index holds,
 * sorted by 4). So a customer whose name is typed (fully, or given name + start of the family
 * name, or family name alone, …) is in the results unless at least L other customers match at
 * least as well; and then every result matches at least as well. In particular, when more than
 * L customers share exactly the typed full name, every result is one of them.
 *
 * How, without reading every match of a short prefix (a million callers: "mar" matches 100,000):
 * the readings of the typed words (`"fmartin"` a whole word of the family name, `"gmar"*` the
 * start of a word of the given name — the index terms are described in core/search and
 * drizzle/desktop/0005) are asked group by group in rank order, L rows per query. A query that
 * returns fewer than L rows returned all of its reading; one that returns L rows means L
 * customers are found at this rank or better, and the search stops. A customer is ranked by the
 * group of the first query that returned it — every better group was read in full before — so
 * the index decides how a customer matches. Three steps keep it to a few queries:
 *   1. the groups where every typed word is whole (the full name first): whole-word terms, few rows;
 *   2. when more than two groups remain, one query for every remaining match (each typed word
 *      the start of a word anywhere in the name): fewer than a page means that is all of them,
 *      ranked here by the same rule in TypeScript (core/search nameMatchClass) — a rare full name
 *      costs one query, not one per reading;
 *   3. otherwise the remaining groups, in order, until a page is full.
 * Readings nobody has (a typed word that is no one's whole word) are dropped first, by a one-row
 * probe per typed word and reading.
 */
import type { LookupResult, MaskedCaller, MatchKind, ScreenPop } from '../../core/api';
import { ApiError } from '../../core/api';
import { maskAccountNumber, maskEmail, maskPhone, toE164 } from '../../core/identity';
import {
  anyNameQuery,
  compareNameClass,
  fullNameQuery,
  NAME_MATCHES,
  nameClassOf,
  nameMatchClass,
  nameMatchQuery,
  nameSortKey,
  nameTerm,
  parseLookupQuery,
  phonePrefixTooShort,
  prefixUpperBound,
  type LookupQuery,
  type NameClass,
  type NameMatch,
} from '../../core/search';
import type { Store } from '../store/db';
import { prepareCallerStatements, type CallerStatements, type NameCandidateRow, type ProfileRow } from '../store/caller-queries';

export const DEFAULT_LIMIT = 10;

/** One group of the name ranking: the FTS5 queries that read it, all of the same class. */
interface NameReadingGroup {
  readonly cls: NameClass;
  readonly queries: readonly string[];
}

interface Found {
  readonly row: NameCandidateRow;
  readonly cls: NameClass;
}

export class CallerLookup {
  private readonly sql: CallerStatements;

  /** `statements` lets the benchmark watch which statements a lookup runs; the app never passes it. */
  constructor(db: Store, statements?: CallerStatements) {
    this.sql = statements ?? prepareCallerStatements(db.$client);
  }

  search(text: string, limit = DEFAULT_LIMIT): LookupResult {
    const query = parseLookupQuery(text);
    if (query.kind === 'none') return { kind: 'none', results: [] };
    if (query.kind === 'phone' && !query.exact) {
      const tooShort = phonePrefixTooShort(query.e164Prefix);
      if (tooShort) return { kind: 'phone', results: [], tooShort };
    }
    return { kind: query.kind, results: this.run(query, limit) };
  }

  /** Screen pop: an incoming call's number, in whatever format telephony sends it. */
  screenPop(from: string): ScreenPop {
    const e164 = toE164(from);
    if (!e164) return { from, e164: null, matches: [] };
    return { from, e164, matches: this.run({ kind: 'phone', e164, exact: true }, DEFAULT_LIMIT) };
  }

  caller(customerId: string): MaskedCaller {
    const rows = this.sql.profiles.all(JSON.stringify([customerId]));
    const first = rows[0];
    if (!first) throw new ApiError('NOT_FOUND');
    return toMasked(first, 'name');
  }

  private run(query: Exclude<LookupQuery, { kind: 'none' }>, limit: number): MaskedCaller[] {
    if (query.kind === 'name') return this.profiles(this.byName(query.tokens, limit), 'name', limit);
    return this.profiles(
      this.keyMatches(query, limit).map((r) => r.customerId),
      query.kind,
      limit,
    );
  }

  /** The customers whose phone, account number or email matches (exactly, or from the typed start). */
  private keyMatches(query: Exclude<LookupQuery, { kind: 'none' | 'name' }>, limit: number): { customerId: string }[] {
    switch (query.kind) {
      case 'phone':
        return query.exact ? this.sql.byPhone.all(query.e164, limit) : this.sql.byPhonePrefix.all(query.e164Prefix, prefixUpperBound(query.e164Prefix), limit);
      case 'account':
        return query.exact ? this.sql.byAccount.all(query.number, limit) : this.sql.byAccountPrefix.all(query.number, prefixUpperBound(query.number), limit);
      case 'email':
        return this.sql.byEmailPrefix.all(query.prefix, prefixUpperBound(query.prefix), limit);
    }
  }

  /** The ids of the first `limit` customers matching the typed words, in rank order (above). */
  private byName(tokens: readonly string[], limit: number): string[] {
    const found = new Map<string, Found>();
    const groups = this.nameReadings(tokens);
    /** Reads one group; true when `limit` customers are found at its rank or better. */
    const read = (group: NameReadingGroup): boolean => {
      for (const q of group.queries) {
        const rows = this.sql.byName.all(q, limit);
        for (const row of rows) if (!found.has(row.customerId)) found.set(row.customerId, { row, cls: group.cls });
        if (rows.length >= limit) return true;
      }
      return found.size >= limit;
    };
    let i = 0;
    // 1. Every typed word whole (the full name first): whole-word terms, selective and cheap.
    for (; i < groups.length && groups[i]!.cls.whole === tokens.length; i++) if (read(groups[i]!)) return ranked(found, limit);
    // 2. When several readings are left, one query asks for every remaining match at once (each
    //    typed word the start of a word, anywhere in the name). If they are fewer than a page,
    //    that is all of them, ranked here by the same rule (core/search nameMatchClass) — a
    //    rare full name costs one query instead of one per reading.
    if (groups.length - i > 2) {
      const want = limit + found.size;
      const rows = this.sql.byName.all(anyNameQuery(tokens), want);
      if (rows.length < want) {
        for (const row of rows) {
          if (!found.has(row.customerId)) found.set(row.customerId, { row, cls: nameMatchClass(tokens, row.givenName, row.familyName) ?? WEAKEST });
        }
        return ranked(found, limit);
      }
    }
    // 3. Otherwise the remaining readings, in rank order, until a page is full.
    for (; i < groups.length; i++) if (read(groups[i]!)) break;
    return ranked(found, limit);
  }

  /**
   * The groups of the name ranking, best first. With one typed word, its four readings are the
   * four groups. With more, each word's readings are probed first (one row at most each), and
   * only combinations of readings that exist are asked.
   */
  private nameReadings(tokens: readonly string[]): NameReadingGroup[] {
    const available: NameMatch[][] = tokens.length === 1 ? [[...NAME_MATCHES]] : tokens.map((t) => this.readingsOf(t));
    if (available.some((a) => a.length === 0)) return [];
    const combos: { matches: NameMatch[]; cls: NameClass }[] = [];
    const walk = (i: number, acc: NameMatch[]): void => {
      if (i === tokens.length) {
        combos.push({ matches: acc, cls: nameClassOf(acc, false) });
        return;
      }
      for (const m of available[i]!) walk(i + 1, [...acc, m]);
    };
    walk(0, []);
    combos.sort((a, b) => compareNameClass(a.cls, b.cls));

    const groups: NameReadingGroup[] = [];
    const allWhole = available.every((a) => a.includes('familyWord') || a.includes('givenWord'));
    if (tokens.length > 1 && allWhole)
      groups.push({
        cls: nameClassOf(
          tokens.map(() => 'familyWord'),
          true,
        ),
        queries: [fullNameQuery(tokens)],
      });
    for (const c of combos) {
      const last = groups[groups.length - 1];
      const q = nameMatchQuery(tokens, c.matches);
      if (last && last.cls.full === 0 && compareNameClass(last.cls, c.cls) === 0) (last.queries as string[]).push(q);
      else groups.push({ cls: c.cls, queries: [q] });
    }
    return groups;
  }

  /** The readings of one typed word that some customer has. A whole word is a prefix too. */
  private readingsOf(token: string): NameMatch[] {
    const has = (m: NameMatch) => this.sql.nameTermExists.get(nameTerm(token, m)) !== undefined;
    const out: NameMatch[] = [];
    const familyPrefix = has('familyPrefix');
    const givenPrefix = has('givenPrefix');
    if (familyPrefix && has('familyWord')) out.push('familyWord');
    if (givenPrefix && has('givenWord')) out.push('givenWord');
    if (familyPrefix) out.push('familyPrefix');
    if (givenPrefix) out.push('givenPrefix');
    return out;
  }

  /** Reads the masked-profile columns, keeping the ranked order of the ids. */
  private profiles(ids: readonly string[], matchedOn: MatchKind, limit: number): MaskedCaller[] {
    if (ids.length === 0) return [];
    const rows = this.sql.profiles.all(JSON.stringify(ids));
    if (rows.length > 1) {
      const order = new Map(ids.map((id, i) => [id, i]));
      rows.sort((a, b) => order.get(a.customerId)! - order.get(b.customerId)! || (a.accountNumber < b.accountNumber ? -1 : 1));
    }
    const out: MaskedCaller[] = [];
    for (let i = 0; i < rows.length && i < limit; i++) out.push(toMasked(rows[i]!, matchedOn));
    return out;
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A row the index matched that the TypeScript rule cannot read (a name with unusual punctuation). */
const WEAKEST: NameClass = { full: 0, whole: 0, family: 0 };

/** Sorts what was found by rank (above) and keeps the first `limit` ids. */
function ranked(found: ReadonlyMap<string, Found>, limit: number): string[] {
  const rows = [...found.values()].map((f) => ({ ...f, family: nameSortKey(f.row.familyName), given: nameSortKey(f.row.givenName) }));
  rows.sort(
    (a, b) =>
      compareNameClass(a.cls, b.cls) || compareText(a.family, b.family) || compareText(a.given, b.given) || compareText(a.row.customerId, b.row.customerId),
  );
  return rows.slice(0, limit).map((r) => r.row.customerId);
}

function toMasked(r: ProfileRow, matchedOn: MatchKind): MaskedCaller {
  return {
    customerId: r.customerId,
    accountId: r.accountId,
    accountNumberMasked: maskAccountNumber(r.accountNumber),
    displayName: `${r.givenName} ${r.familyName}`,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    emailMasked: r.email ? maskEmail(r.email) : null,
    town: r.town,
    matchedOn,
  };
}
