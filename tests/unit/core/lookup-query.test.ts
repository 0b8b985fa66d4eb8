import { describe, expect, it } from 'vitest';
import { foldName, ftsPrefixQuery, nameMatchScore, nationalDigitsOfPrefix, parseLookupQuery, PHONE_PREFIX_MIN_DIGITS, phonePrefixTooShort } from '../../../src/core/search';

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
    expect(ftsPrefixQuery(q.tokens)).toBe('"martin"* "or"* "family"* "name"*');
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

describe('nameMatchScore ranks whole words before prefixes', () => {
  it('a Martin beats a Martine and a Martinez for "martin"', () => {
    const martin = nameMatchScore(['martin'], 'Paul', 'Martin');
    const martine = nameMatchScore(['martin'], 'Martine', 'Roux');
    const martinez = nameMatchScore(['martin'], 'Ana', 'Martinez');
    expect(martin).toBeGreaterThan(martinez);
    expect(martinez).toBeGreaterThan(martine);
  });
  it('is accent-insensitive', () => {
    expect(nameMatchScore(['helene'], 'Hélène', 'Dupré')).toBe(nameMatchScore(['helene'], 'Helene', 'Dupre'));
  });
});
