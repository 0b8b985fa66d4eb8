/**
 * Name search recall as a tested property (the ranking and the guarantee are stated at the top
 * of src/main/services/caller-lookup.ts). On a set large enough that common prefixes match far
 * more than a page — thousands of Martins, hundreds of "Marie Mar…" — customers are looked up
 * the ways an agent types a name, and the results are checked against a brute-force reading of
 * the whole set (core/search nameMatchClass over every customer):
 *
 *   - every result matches what was typed, and results come in rank order;
 *   - with L the limit: every customer who matches strictly better than the last result is in
 *     the results, and fewer than L results means every match is there;
 *   - so the customer whose name was typed is found unless at least L others match at least as
 *     well — and when more than L customers share exactly the typed full name, every result is
 *     one of them.
 *
 * Names come from the demo generator's name tables (src/main/demo/names.ts, seeded), inserted
 * directly, plus a few written to break a capped candidate list (250 "Martine Roux" before the
 * one "Martin Roux") and the punctuation agents leave out ("ndiaye", "jeanpierre", "dalmeida").
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareNameClass, foldName, nameMatchClass, nameSortKey, nameWords, parseLookupQuery, type NameClass } from '../../../src/core/search';
import { pickName } from '../../../src/main/demo/names';
import { Rng } from '../../../src/main/demo/random';
import { CallerLookup } from '../../../src/main/services/caller-lookup';
import { openStore, type Store } from '../../../src/main/store/db';
import { uuidv7 } from '../../../src/main/store/ids';

const GENERATED = 40_000;
const SEED = 2026;
const LIMIT = 10;

interface Customer {
  readonly id: string;
  readonly given: string;
  readonly family: string;
}

/** Written after the generated set, in this order: [given, family, how many]. */
const CRAFTED: readonly (readonly [string, string, number])[] = [
  ['Martine', 'Roux', 250],
  ['Martin', 'Roux', 1],
  ['Awa', "N'Diaye", 1],
  ['Jean-Pierre', "N'Diaye", 1],
  ['Jean-Pierre', 'Dupont', 1],
  ['Seán', "O'Brien", 1],
  ['Ana', "D'Almeida", 1],
  ['Zoé', 'D’Angelo', 1],
  ['Hélène', 'Le Goff', 1],
  ['Marie-Hélène', 'Lefèvre', 1],
  ['Loïc', 'Œuvray', 1],
];

let dir: string;
let db: Store;
let client: Database.Database;
let lookup: CallerLookup;
const customers: Customer[] = [];
const byId = new Map<string, Customer>();
/** Distinct names with their customers: the brute-force reading goes name by name. */
const byName = new Map<string, { given: string; family: string; ids: string[] }>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ardoise-recall-'));
  db = openStore({ file: join(dir, 'ardoise.db') });
  client = db.$client;
  const insertCustomer = client.prepare(
    `INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, created_at) VALUES (?, ?, ?, '1980-01-01', 'residential', 'FR', 'fr', '2026-01-01T00:00:00.000Z')`,
  );
  const insertAccount = client.prepare(
    `INSERT INTO accounts (id, customer_id, number, currency, status, opened_on) VALUES (?, ?, ?, 'EUR', 'active', '2025-01-01')`,
  );
  const add = (given: string, family: string) => {
    const id = uuidv7();
    insertCustomer.run(id, given, family);
    insertAccount.run(uuidv7(), id, `AR-${String(customers.length + 1).padStart(8, '0')}`);
    const c = { id, given, family };
    customers.push(c);
    byId.set(id, c);
    const key = `${given}\u0000${family}`;
    const entry = byName.get(key) ?? { given, family, ids: [] };
    entry.ids.push(id);
    byName.set(key, entry);
  };
  client.transaction(() => {
    for (let i = 0; i < GENERATED; i++) {
      const rng = Rng.stream(SEED, i, 1);
      const name = pickName(rng, rng.chance(0.07) ? 'en' : 'fr');
      add(name.given.text, name.family.text);
    }
    for (const [given, family, n] of CRAFTED) for (let k = 0; k < n; k++) add(given, family);
  })();
  lookup = new CallerLookup(db);
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

const tokensOf = (text: string): string[] => {
  const q = parseLookupQuery(text);
  if (q.kind !== 'name') throw new Error(`not read as a name: ${text}`);
  return q.tokens;
};

/** Brute force: how every customer of the set matches the typed words (absent: not at all). */
function readAll(tokens: readonly string[]): Map<string, NameClass> {
  const out = new Map<string, NameClass>();
  for (const { given, family, ids } of byName.values()) {
    const cls = nameMatchClass(tokens, given, family);
    if (cls) for (const id of ids) out.set(id, cls);
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const label = (id: string) => `${byId.get(id)!.given} ${byId.get(id)!.family}`;

/** The documented order: class, then family name, given name, id. */
const rankOrder =
  (classes: ReadonlyMap<string, NameClass>) =>
  (a: string, b: string): number => {
    const ca = byId.get(a)!;
    const cb = byId.get(b)!;
    return (
      compareNameClass(classes.get(a)!, classes.get(b)!) ||
      cmp(nameSortKey(ca.family), nameSortKey(cb.family)) ||
      cmp(nameSortKey(ca.given), nameSortKey(cb.given)) ||
      cmp(a, b)
    );
  };

interface Checked {
  readonly results: readonly string[];
  readonly classes: ReadonlyMap<string, NameClass>;
}

/** The whole property for one typed text; returns what it saw for further checks. */
function check(text: string): Checked {
  const classes = readAll(tokensOf(text));
  const results = lookup.search(text, LIMIT).results.map((r) => r.customerId);
  const where = `"${text}"`;

  expect(new Set(results).size, `${where}: no duplicates`).toBe(results.length);
  for (const id of results) expect(classes.has(id), `${where}: ${label(id)} matches`).toBe(true);
  expect([...results].sort(rankOrder(classes)), `${where}: rank order`).toEqual(results);

  if (results.length < LIMIT) {
    expect(results.length, `${where}: fewer than a page means every match`).toBe(classes.size);
  } else {
    const worst = classes.get(results[results.length - 1]!)!;
    const shown = new Set(results);
    const missing = [...classes].filter(([id, c]) => compareNameClass(c, worst) < 0 && !shown.has(id)).map(([id]) => label(id));
    expect(missing, `${where}: every better match is shown`).toEqual([]);
  }
  return { results, classes };
}

/** The promise for the customer whose name was typed. */
function expectFound(text: string, who: Customer, seen: Checked): void {
  const mine = seen.classes.get(who.id);
  expect(mine, `"${text}" matches ${who.given} ${who.family}`).toBeDefined();
  const atLeastAsGood = [...seen.classes.values()].filter((c) => compareNameClass(c, mine!) <= 0).length;
  if (atLeastAsGood <= LIMIT) expect(seen.results, `"${text}" finds ${who.given} ${who.family}`).toContain(who.id);
  else
    for (const id of seen.results)
      expect(compareNameClass(seen.classes.get(id)!, mine!), `"${text}": ${label(id)} as good as ${who.given} ${who.family}`).toBeLessThanOrEqual(0);
}

/** The ways an agent types a customer's name. */
function typings(c: Customer): string[] {
  const familyWords = nameWords(c.family);
  const givenWords = nameWords(c.given);
  const joined = (name: string) => nameWords(name).at(-1) ?? '';
  const out = [
    `${c.given} ${c.family}`, // as spelt
    foldName(`${c.given} ${c.family}`), // no accents, lower case
    `${c.given} ${c.family}`.toUpperCase(),
    `${c.family} ${c.given}`, // family name first
    `${c.given} ${familyWords[0]!.slice(0, 3)}`, // given name + start of the family name
    `${givenWords[0]!.slice(0, 3)} ${familyWords[0]!.slice(0, 4)}`, // the first letters of both
    c.family, // family name alone
  ];
  if (familyWords.length > 1 || givenWords.length > 1) out.push(`${joined(c.given)} ${joined(c.family)}`); // "jeanpierre ndiaye"
  if (familyWords.length > 1) {
    out.push(joined(c.family)); // "ndiaye", "legoff"
    out.push(familyWords[familyWords.length - 2]!); // the last word alone: "almeida" of D'Almeida
  }
  return out;
}

describe('name search finds whoever is typed, within the homonym limit', () => {
  it('the set is large enough that prefixes and whole names overflow a candidate list of 200', () => {
    expect(readAll(tokensOf('martin')).size).toBeGreaterThan(200);
    expect(readAll(tokensOf('mar')).size).toBeGreaterThan(1000);
    expect(readAll(tokensOf('martin roux')).size).toBeGreaterThan(200);
    expect([...readAll(tokensOf('marie martin')).values()].filter((c) => c.full === 1).length).toBeGreaterThan(LIMIT);
  });

  it('every sampled customer, typed every usual way', () => {
    const probes = customers.slice(0, GENERATED).filter((_, i) => i % 400 === 0);
    expect(probes.length).toBe(100);
    for (const who of probes) for (const text of typings(who)) expectFound(text, who, check(text));
  });

  it('names with hyphens, apostrophes, particles and ligatures, typed with or without them', () => {
    const cases: Record<string, string[]> = {
      'Martin Roux': ['martin roux', 'roux martin', 'MARTIN ROUX'],
      "Awa N'Diaye": ['ndiaye', "n'diaye", 'n diaye', 'N’DIAYE', 'awa ndiaye', 'diaye'],
      "Jean-Pierre N'Diaye": ['jeanpierre ndiaye', 'jean pierre ndiaye', 'jean-pierre n diaye', 'ndiaye jean-pierre', 'jeanpi ndia'],
      'Jean-Pierre Dupont': ['jean-pierre dupont', 'jean pierre dupont', 'jeanpierre dupont', 'dupont jeanpierre'],
      "Seán O'Brien": ['obrien', "o'brien", 'sean obrien', 'SEAN O BRIEN'],
      "Ana D'Almeida": ['dalmeida', "d'almeida", 'almeida', 'ana almeida'],
      'Zoé D’Angelo': ["d'angelo", 'dangelo', 'zoe dangelo'],
      'Hélène Le Goff': ['helene le goff', 'helene legoff', 'HÉLÈNE LE GOFF', 'legoff'],
      'Marie-Hélène Lefèvre': ['marie-helene lefevre', 'mariehelene lefevre', 'marie helene lefevre'],
      'Loïc Œuvray': ['loic oeuvray', 'oeuvray', 'œuvray'],
    };
    const crafted = customers.slice(GENERATED).filter((c) => c.given !== 'Martine');
    expect(crafted.map((c) => `${c.given} ${c.family}`).sort()).toEqual(Object.keys(cases).sort());
    for (const who of crafted) for (const text of cases[`${who.given} ${who.family}`]!) expectFound(text, who, check(text));
  });

  it('a full name typed in full that more than a page of customers share lists only them', () => {
    let shared = 0;
    for (const text of ['marie martin', 'Martin Marie', 'jean dubois', 'Nathalie Bernard', 'MARIE-CLAIRE PETIT']) {
      const seen = check(text);
      const exact = [...seen.classes.values()].filter((c) => c.full === 1).length;
      if (exact <= LIMIT) continue;
      shared++;
      expect(seen.results).toHaveLength(LIMIT);
      for (const id of seen.results) expect(seen.classes.get(id)?.full, `"${text}": ${label(id)}`).toBe(1);
    }
    expect(shared).toBeGreaterThanOrEqual(2);
  });

  it('whole words before prefixes, family name before given name', () => {
    const martins = check('martin').results.map((id) => byId.get(id)!.family);
    expect(martins.every((f) => nameWords(f).includes('martin'))).toBe(true);
    expect(byId.get(check('martin roux').results[0]!)).toMatchObject({ given: 'Martin', family: 'Roux' });
  });
});
