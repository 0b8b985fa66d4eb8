/**
 * Finding the caller. Whatever the agent types is classified (core/search), run against the
 * matching index, ranked and capped, and returned MASKED: before verification the agent sees
 * who the caller might be, never their address, balance or invoices.
 */
import type { LookupResult, MaskedCaller, MatchKind, ScreenPop } from '../../core/api';
import { ApiError } from '../../core/api';
import { maskAccountNumber, maskEmail, maskPhone, toE164 } from '../../core/identity';
import { ftsPrefixQuery, nameMatchScore, nameTokens, parseLookupQuery, phonePrefixTooShort, prefixUpperBound, type LookupQuery } from '../../core/search';
import type { Store } from '../store/db';
import { prepareCallerStatements, type CallerStatements, type ProfileRow } from '../store/caller-queries';

export const DEFAULT_LIMIT = 10;
/** Name candidates read before ranking; enough that whole-word matches surface first. */
const NAME_CANDIDATES = 200;

export class CallerLookup {
  private readonly sql: CallerStatements;

  constructor(db: Store) {
    this.sql = prepareCallerStatements(db.$client);
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
    switch (query.kind) {
      case 'phone': {
        const rows = query.exact ? this.sql.byPhone.all(query.e164, limit) : this.sql.byPhonePrefix.all(query.e164Prefix, prefixUpperBound(query.e164Prefix), limit);
        return this.profiles(rows.map((r) => r.customerId), 'phone', limit);
      }
      case 'account': {
        const rows = query.exact ? this.sql.byAccount.all(query.number, limit) : this.sql.byAccountPrefix.all(query.number, prefixUpperBound(query.number), limit);
        return this.profiles(rows.map((r) => r.customerId), 'account', limit);
      }
      case 'email': {
        const rows = this.sql.byEmailPrefix.all(query.prefix, prefixUpperBound(query.prefix), limit);
        return this.profiles(rows.map((r) => r.customerId), 'email', limit);
      }
      case 'name': {
        const candidates = this.sql.byName.all(ftsPrefixQuery(query.tokens), NAME_CANDIDATES);
        const ranked = candidates
          .map((c) => ({ c, score: nameMatchScore(query.tokens, c.givenName, c.familyName), family: nameTokens(c.familyName).join(' '), given: nameTokens(c.givenName).join(' ') }))
          .sort((a, b) => b.score - a.score || compareText(a.family, b.family) || compareText(a.given, b.given))
          .slice(0, limit);
        return this.profiles(ranked.map((r) => r.c.customerId), 'name', limit);
      }
    }
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
