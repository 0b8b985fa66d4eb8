import { describe, expect, it } from 'vitest';
import {
  compareNameClass,
  foldName,
  fullNameKeys,
  fullNameQuery,
  nameClassOf,
  nameMatchClass,
  nameMatchQuery,
  nameWords,
  nationalDigitsOfPrefix,
  parseLookupQuery,
  PHONE_PREFIX_MIN_DIGITS,
  phonePrefixTooShort,
  type NameClass,
} from '../../../src/core/search';

describe('parseLookupQuery: one box, whatever the caller reads out', () => {
  it.each([
    ['06 12 34 56 78', { kind: 'phone', e164: '+33612345678', exact: true }],
    ['0612345678', { kind: 'phone', e164: '+33612345678', exact: true }],
    ['+33 6 12 34 56 78', { kind: 'phone', e164: '+33612345678', exact: true }],
    ['+33 (0)6 12 34 56 78', { kind: 'phone', e164: '+33612345678', exact: true }],
    ['0033 6 12 34 56 78', { kind: 'phone', e164: '+33612345678', exact: true }],
    ['06.12.34.56.78', { kind: 'phone', e164: '+33612345678', exact: true }],
    ['06-12-34-56-78', { kind: 'phone', e164: '+33612345678', exact: true }],
    ['+44 7911 123456', { kind: 'phone', e164: '+447911123456', exact: true }],
    ['01 42 68 53 00', { kind: 'phone', e164: '+33142685300', exact: true }],
    ['06 12 3', { kind: 'phone', e164Prefix: '+336123', exact: false }],
    ['+44 77', { kind: 'phone', e164Prefix: '+4477', exact: false }],
    ['AR-00012345', { kind: 'account', number: 'AR-00012345', exact: true }],
    ['ar00012345', { kind: 'account', number: 'AR-00012345', exact: true }],
    ['AR 0001', { kind: 'account', number: 'AR-0001', exact: false }],
    ['Helene.Dupre@Orange.fr', { kind: 'email', prefix: 'helene.dupre@orange.fr' }],
    ['hélène', { kind: 'name', tokens: ['helene'] }],
    ['  Jean-Baptiste  LEFÈVRE ', { kind: 'name', tokens: ['jean', 'baptiste', 'lefevre'] }],
    ["N'Diaye", { kind: 'name', tokens: ['n', 'diaye'] }],
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['06', { kind: 'none' }],
    ['"*)(', { kind: 'none' }],
  ])('%j', (text, expected) => {
    expect(parseLookupQuery(text)).toEqual(expected);
  });

  it('never lets typed text inject FTS syntax', () => {
    const q = parseLookupQuery('martin" OR family_name:* NEAR(');
    expect(q.kind).toBe('name');
    if (q.kind !== 'name') return;
    expect(q.tokens).toEqual(['martin', 'or', 'family', 'name']);
    expect(nameMatchQuery(q.tokens, ['familyWord', 'givenWord', 'familyPrefix', 'givenPrefix'])).toBe('"fmartin" "gor" "ffamily"* "gname"*');
    expect(fullNameQuery(['marie', 'martin'])).toBe('"nmariemartin" AND ("gmarie" OR "fmarie") AND ("gmartin" OR "fmartin")');
  });
});

describe('phone prefixes: a minimum number of digits before anything is searched', () => {
  it('counts the digits of the national number, whatever the country code', () => {
    expect(nationalDigitsOfPrefix('+336123')).toBe(4);
    expect(nationalDigitsOfPrefix('+4477')).toBe(2);
    expect(nationalDigitsOfPrefix('+12025550')).toBe(7);
    expect(nationalDigitsOfPrefix('+35312')).toBe(2); // Ireland: a 3-digit code
    expect(nationalDigitsOfPrefix('+9991234')).toBe(4); // unknown code: counted as 3 digits
  });

  it.each([
    ['06 12 3', true],
    ['06 12 34', true],
    ['+33 6 12 34', true],
    ['06 12 34 5', false],
    ['0033 6 12 34 5', false],
    ['+44 7911 1', true],
    ['+44 7911 12', false],
  ])('%s → too short: %s', (typed, short) => {
    const q = parseLookupQuery(typed);
    if (q.kind !== 'phone' || q.exact) throw new Error(`not a phone prefix: ${typed}`);
    expect(phonePrefixTooShort(q.e164Prefix)).toEqual(short ? { minDigits: PHONE_PREFIX_MIN_DIGITS } : null);
  });

  it('the digit-by-digit prefixes of a masked French number are all too short until 5 hidden digits are typed', () => {
    // "+33 6 •• •• •• 78": the first national digit is shown, 6 are hidden.
    const searchable = ['06 1', '06 12', '06 12 3', '06 12 34', '06 12 34 5'].map((p) => {
      const q = parseLookupQuery(p);
      return q.kind === 'phone' && !q.exact && phonePrefixTooShort(q.e164Prefix) === null;
    });
    expect(searchable).toEqual([false, false, false, false, true]);
  });
});

describe('foldName', () => {
  it.each([
    ['Hélène', 'helene'],
    ['Éloïse', 'eloise'],
    ['François', 'francois'],
    ['Müller', 'muller'],
    ['Œuvray', 'oeuvray'],
    ['Gaëlle', 'gaelle'],
  ])('%s → %s', (a, b) => expect(foldName(a)).toBe(b));
});

describe('the words of a name, as the index holds them', () => {
  it.each([
    ["N'Diaye", ['n', 'diaye', 'ndiaye']],
    ['Jean-Pierre', ['jean', 'pierre', 'jeanpierre']],
    ['Le Goff', ['le', 'goff', 'legoff']],
    ['D’Almeida', ['d', 'almeida', 'dalmeida']],
    ['Hélène', ['helene']],
  ])('%s → %j', (name, words) => expect(nameWords(name)).toEqual(words));

  it('keys the whole name both ways, joined', () => {
    expect(fullNameKeys('Jean-Pierre', "N'Diaye")).toEqual(['jeanpierrendiaye', 'ndiayejeanpierre']);
  });
});

describe('name ranking: full name, then whole words, then family name', () => {
  const cls = (q: string, given: string, family: string): NameClass | null => {
    const p = parseLookupQuery(q);
    if (p.kind !== 'name') throw new Error(q);
    return nameMatchClass(p.tokens, given, family);
  };
  const before = (a: NameClass | null, b: NameClass | null) => {
    if (!a || !b) throw new Error('no match');
    return compareNameClass(a, b) < 0;
  };

  it('a Martin before a given-name Martin, before a Martinez, before a Martine for "martin"', () => {
    const martin = cls('martin', 'Paul', 'Martin');
    const givenMartin = cls('martin', 'Martin', 'Roux');
    const martinez = cls('martin', 'Ana', 'Martinez');
    const martine = cls('martin', 'Martine', 'Roux');
    expect(before(martin, givenMartin)).toBe(true);
    expect(before(givenMartin, martinez)).toBe(true);
    expect(before(martinez, martine)).toBe(true);
  });

  it('the exact full name before the same words in a longer name', () => {
    const exact = cls('marie martin', 'Marie', 'Martin');
    const swapped = cls('marie martin', 'Martin', 'Marie');
    const longer = cls('marie martin', 'Marie-Claire', 'Martin');
    expect(exact?.full).toBe(1);
    expect(swapped?.full).toBe(1);
    expect(longer?.full).toBe(0);
    expect(compareNameClass(exact!, swapped!)).toBe(0);
    expect(before(exact, longer)).toBe(true);
  });

  it('finds hyphenated and apostrophe names typed apart or joined, accents and case aside', () => {
    for (const q of ['ndiaye', "n'diaye", 'N DIAYE', 'n’diaye']) expect(cls(q, 'Awa', "N'Diaye"), q).not.toBeNull();
    for (const q of ['jean-pierre dupont', 'jean pierre dupont', 'jeanpierre dupont', 'dupont jeanpierre'])
      expect(cls(q, 'Jean-Pierre', 'Dupont')?.full, q).toBe(1);
    for (const q of ['obrien', "o'brien"]) expect(cls(q, 'Seán', "O'Brien"), q).not.toBeNull();
    for (const q of ['dalmeida', "d'almeida", 'almeida']) expect(cls(q, 'Ana', "D'Almeida"), q).not.toBeNull();
    expect(cls('helene', 'Hélène', 'Dupré')).toEqual(cls('HELENE', 'Helene', 'Dupre'));
    expect(cls('marie mart', 'Marie', 'Martin')).toEqual({ full: 0, whole: 1, family: 1 });
  });

  it('is null when a typed word matches nothing', () => {
    expect(cls('marie zz', 'Marie', 'Martin')).toBeNull();
  });

  it('orders classes: full, then whole words, then family', () => {
    const order = [
      nameClassOf(['familyWord', 'givenWord'], true),
      nameClassOf(['familyWord', 'givenWord'], false),
      nameClassOf(['givenWord', 'givenWord'], false),
      nameClassOf(['familyWord', 'familyPrefix'], false),
      nameClassOf(['givenWord', 'givenPrefix'], false),
      nameClassOf(['familyPrefix', 'givenPrefix'], false),
    ];
    for (let i = 1; i < order.length; i++) expect(compareNameClass(order[i - 1]!, order[i]!), String(i)).toBeLessThan(0);
  });
});
