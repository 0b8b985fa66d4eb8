import { describe, expect, it } from 'vitest';
import { CARD_MAX_LENGTH, CARD_MIN_LENGTH, CARD_SCHEMES, cardSchemesOf, issuedByAScheme } from '../../../src/core/notes';
import { decimalDigitValue, foldText } from '../../../src/core/notes/fold';

describe('the folded copy', () => {
  it('leaves ASCII text as it is, with no offset table', () => {
    expect(foldText('Card 4111-1111, merci')).toEqual({ text: 'Card 4111-1111, merci', from: null, to: null });
  });

  it('maps digits of any script to ASCII and remembers where each came from (UTF-16)', () => {
    const folded = foldText('a𝟏٢३４b');
    expect(folded.text).toBe('a1234b');
    expect(folded.from).toEqual([0, 1, 3, 4, 5, 6]);
    expect(folded.to).toEqual([1, 3, 4, 5, 6, 7]);
  });

  it('drops invisible characters and keeps the rest after NFKC', () => {
    expect(foldText('4\u200b1\u200c1\u200d1\u2060\ufeff\u00ad\u200f1').text).toBe('41111');
    expect(foldText('１２\u00a0³⑤ ＦＡ－').text).toBe('12 35 FA-');
    const parenthesised = foldText('⑴x'); // NFKC: "(1)", three units from one character
    expect(parenthesised.text).toBe('(1)x');
    expect(parenthesised.from).toEqual([0, 0, 0, 1]);
    expect(parenthesised.to).toEqual([1, 1, 1, 2]);
  });

  it('knows the value of digits by their place in their run of ten', () => {
    expect(decimalDigitValue(0x30)).toBe(0);
    expect(decimalDigitValue(0x0669)).toBe(9); // Arabic-Indic nine
    expect(decimalDigitValue(0x06f4)).toBe(4); // Extended Arabic-Indic four
    expect(decimalDigitValue(0x096b)).toBe(5); // Devanagari five
    expect(decimalDigitValue(0x1d7ce)).toBe(0); // mathematical bold zero
    expect(decimalDigitValue(0x1d7ff)).toBe(9); // mathematical monospace nine, the 50th in a row
    expect(decimalDigitValue(0x2460)).toBe(-1); // ① is not Nd (NFKC folds it)
    expect(decimalDigitValue(0x41)).toBe(-1);
  });
});

describe('the card scheme table', () => {
  it('is well formed: ranges of equal-length prefixes in order, lengths within 13–19', () => {
    for (const scheme of CARD_SCHEMES) {
      for (const [from, to] of scheme.prefixes) {
        expect(from.length).toBe(to.length);
        expect(from <= to).toBe(true);
      }
      for (const n of scheme.lengths) expect(n >= CARD_MIN_LENGTH && n <= CARD_MAX_LENGTH).toBe(true);
    }
  });

  it.each([
    ['4111111111111111', ['visa']],
    ['4222222222222', ['visa']],
    ['5555555555554444', ['mastercard']],
    ['2223003122003222', ['mastercard']],
    ['378282246310005', ['amex']],
    ['6011111111111117', ['discover', 'maestro']],
    ['6221260000000000', ['discover', 'unionpay', 'maestro']],
    ['3530111333300000', ['jcb']],
    ['30569309025904', ['diners']],
    ['6200000000000005', ['unionpay', 'maestro']],
    ['5018000000000009', ['maestro']],
    ['2200000000000004', ['mir']],
  ])('%s is issued by %j', (digits, schemes) => expect(cardSchemesOf(digits)).toEqual(schemes));

  it.each([
    ['352099001761481', 'IMEI (35, 15 digits): JCB issues 16–19'],
    ['341111111111111111', 'Amex prefix, 18 digits'],
    ['5555555555554', 'Mastercard prefix, 13 digits'],
    ['2100000000000000', 'no scheme starts 21'],
    ['1234567890123452', 'no scheme starts 1'],
    ['5205994430001', 'SIRET-like 13 digits starting 52'],
  ])('%s is issued by none (%s)', (digits) => expect(issuedByAScheme(digits)).toBe(false));
});
