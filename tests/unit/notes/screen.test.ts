import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsCardNumber,
  findCardNumbers,
  issuedByAScheme,
  luhnCheckDigit,
  luhnValid,
  NOTE_MAX_LENGTH,
  screenFreeText,
  screenNote,
} from '../../../src/core/notes';

const REFUSED = { ok: false, reason: 'card_number', messageKey: 'error.noteContainsCardNumber' } as const;

describe('Luhn', () => {
  it.each([
    ['4111111111111111', true], // Visa test card
    ['4970101234567899', false],
    ['5555555555554444', true], // Mastercard
    ['378282246310005', true], // Amex, 15 digits
    ['6011111111111117', true], // Discover
    ['4222222222222', true], // 13-digit Visa
    ['6304000000000000000', true], // Maestro, 19 digits
    ['79927398713', true], // the textbook example
    ['79927398710', false],
    ['0', false],
    ['', false],
    ['4111 1111 1111 1111', false], // digits only: separators are screenNote's business
    ['41111111111111a1', false],
  ])('%s → %s', (digits, valid) => expect(luhnValid(digits)).toBe(valid));

  it('the check digit completes any payload', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 30 }), (payload) => {
        expect(luhnValid(payload + luhnCheckDigit(payload))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('screening a note for card numbers', () => {
  it.each([
    ['4111111111111111'],
    ['Card 4111 1111 1111 1111, wants it charged'],
    ['4111-1111-1111-1111'],
    ['carte: 4111\u00a01111\u00a01111\u00a01111'], // pasted with non-breaking spaces
    ['4111–1111–1111–1111'], // en dashes from a word processor
    ['Amex 3782 822463 10005'],
    ['13 digits 4222222222222 ok'],
    ['19 digits: 6011 0000 0000 0000 001'],
    ['number(4111111111111111)'],
    ['ref4111111111111111'], // glued to letters
    ['4111 1111 1111 1111 123'], // with the security code after a single space
    ['exp 12/27 4111 1111 1111 1111'],
    ['4111 1111 1111 1111 12/27'],
    ['４１１１１１１１１１１１１１１１'], // full-width digits
    ['two cards: 4111111111111111 and 5555-5555-5555-4444'],
    // Any run of non-alphanumeric characters between groups is one separator.
    ['4111  1111  1111  1111'],
    ['4111\t1111\t1111\t1111'],
    ['4111\n1111\n1111\n1111'],
    ['4111\r\n1111\r\n1111\r\n1111'],
    ['4111.1111.1111.1111'],
    ['4111/1111/1111/1111'],
    ['4111_1111_1111_1111'],
    ['4111,1111,1111,1111'],
    ['4111 - 1111 - 1111 - 1111'],
    ['4111 — 1111 — 1111 — 1111'],
    // Invisible characters are dropped.
    ['4111\u200b1111\u200c1111\u200d1111'],
    ['41\u206011\ufeff11\u00ad11 1111 1111'],
    // Digits of any script.
    ['٤١١١ ١١١١ ١١١١ ١١١١'], // Arabic-Indic
    ['۴۱۱۱-۱۱۱۱-۱۱۱۱-۱۱۱۱'], // Extended Arabic-Indic
    ['४१११ ११११ ११११ ११११'], // Devanagari
    ['𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏'], // mathematical bold (astral)
    ['⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹'], // superscripts (NFKC)
    // Next to the app's identifiers, phone numbers and dates.
    ['FA-202605-84598243 4111 1111 1111 1111'],
    ['AR-00012345 4111111111111111'],
    ['+33 6 12 34 56 78 4111 1111 1111 1111'],
    ['4000 0032 1234 5678'], // a group starting 00 inside a card is not an international prefix
    ['4111 1111 1111 1111 30/01/2026'],
  ])('refuses %j', (text) => expect(screenNote(text)).toMatchObject(REFUSED));

  it('finds a card typed with its expiry and security code, and highlights the card alone', () => {
    const text = 'carte 4970 1012 3456 7893 12/27 123 merci';
    expect(luhnValid('4970101234567893')).toBe(true);
    expect(findCardNumbers(text).map((r) => text.slice(r.start, r.end))).toEqual(['4970 1012 3456 7893']);
  });

  it('highlights the original characters, whatever the script and invisible characters', () => {
    const text = 'n° 𝟒𝟏𝟏𝟏\u200b𝟏𝟏𝟏𝟏 ١١١١ ١١١١.';
    expect(findCardNumbers(text).map((r) => text.slice(r.start, r.end))).toEqual(['𝟒𝟏𝟏𝟏\u200b𝟏𝟏𝟏𝟏 ١١١١ ١١١١']);
  });

  it('says where each card number is, so the screen can highlight it', () => {
    const text = 'old 4111 1111 1111 1111, new 5555-5555-5555-4444.';
    const result = screenNote(text);
    expect(result).toMatchObject(REFUSED);
    const ranges = result.ok || result.reason !== 'card_number' ? [] : result.ranges;
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['4111 1111 1111 1111', '5555-5555-5555-4444']);
  });

  it.each([
    ['Caller on 06 12 34 56 78, call back after 5pm'],
    ['+33 6 12 34 56 78'],
    ['+44 20 7946 0958'],
    ['+86 138 0013 8000'], // 13 digits after a + : a phone number
    ['0044 20 7946 0958'], // international prefix: starts with 0
    ['0033 6 12 34 56 78'],
    ['Account AR-00012345 verified'],
    ['AR-00012345 and AR-00067890'],
    ['Invoice INV-2025-000123'],
    ['Born 12/03/1985, move-in on 12-03-2025'],
    ['Paid 1 234,56 € on 2025-03-12'],
    ['Balance 12 345 678,90 €'],
    ['4111111111111112'], // fails Luhn
    ['4111 1111 1111 1112'],
    ['1234567890123'], // 13 digits, fails Luhn
    ['12345678901234567890123'], // too long, no aligned card inside
    ['0000000000000000'], // passes Luhn but no card starts with 0
    ['No number here at all'],
    // Luhn-valid, but no scheme issues them (prefix or length).
    ['1234 5678 9012 3452'],
    ['41111111111111113'], // Visa issues 13, 16 and 19 digits
    ['3411 1111 1111 1111'], // Amex issues 15
    // The app's identifiers, alone and next to other numbers.
    ['FA-202605-84598243'],
    ['Facture FA-202605-45398243 - 123,45 € réglée'],
    ['fa 202605 45398243, 12/05'],
    ['AR-45398243 - 12 345,67 €'],
    // Phone numbers side by side, an IBAN, dates side by side.
    ['+33 6 12 34 56 78 / +33 6 98 76 54 32'],
    ['06 12 34 56 78 / 06 98 76 54 32'],
    ['FR76 3000 6000 0112 3456 7890 189'],
    ['du 30/01/2026 - 28/02/2026'],
    // Labelled IMEI and SIRET that look like Diners or Maestro cards unlabelled.
    ['IMEI : 30 012345 678901 2'],
    ['SIRET 380 129 866 00014'],
  ])('accepts %j', (text) => expect(screenNote(text)).toEqual({ ok: true, text: text.trim() }));

  it('property: a single mistyped digit is not a card — written whole or in fours', () => {
    const digit = fc.constantFrom(...'0123456789');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.array(digit, { minLength: 11, maxLength: 14 }), // 13–16-digit cards: groups of four leave no 13-digit part
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('', ' ', '-'),
        (first, rest, at, delta, separator) => {
          const payload = String(first) + rest.join('');
          const card = payload + luhnCheckDigit(payload);
          const i = at % card.length;
          let changed = card.slice(0, i) + String((Number(card[i]) + delta) % 10) + card.slice(i + 1);
          expect(luhnValid(changed)).toBe(false); // Luhn catches every single-digit error
          changed = changed.replace(/(\d{4})(?=\d)/g, `$1${separator}`);
          expect(screenNote(`card ${changed} please`)).toEqual({ ok: true, text: `card ${changed} please` });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: with random separators, a mistyped card is refused only when a whole-group part of it is card-shaped, and then always (groups of 3–9)', () => {
    const digit = fc.constantFrom(...'0123456789');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.array(digit, { minLength: 11, maxLength: 17 }),
        fc.array(fc.constantFrom('', '', ' ', '-'), { minLength: 19, maxLength: 19 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (first, rest, separators, at, delta) => {
          const payload = String(first) + rest.join('');
          const card = payload + luhnCheckDigit(payload);
          const i = at % card.length;
          const changed = card.slice(0, i) + String((Number(card[i]) + delta) % 10) + card.slice(i + 1);
          const written = [...changed].map((d, k) => (k === 0 ? d : (separators[k] ?? '') + d)).join('');
          const groups = written.split(/[ -]/);
          // The oracle: some run of whole groups with 13–19 digits that a scheme issues and that
          // passes Luhn (a 16-digit card and its 3-digit code look just like this).
          let part = false;
          for (let a = 0; a < groups.length; a++) {
            for (let b = a + 1; b <= groups.length; b++) {
              const d = groups.slice(a, b).join('');
              if (d.length >= 13 && d.length <= 19 && issuedByAScheme(d) && luhnValid(d)) part = true;
            }
          }
          const refused = !screenNote(`card ${written} please`).ok;
          if (refused) expect(part).toBe(true);
          // Pairs, 10-digit blocks starting with 0 and dates can be phone numbers and dates,
          // which are set aside: with groups of 3–9 digits none of them can appear.
          if (groups.every((g) => g.length >= 3 && g.length <= 9)) expect(refused).toBe(part);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('the limits screen.ts documents', () => {
  it.each([
    ['38012986600014', 'SIRET 38012986600014'], // Diners 14 digits
    ['65201405100013', 'SIRET : 652 014 051 00013'], // Maestro 14 digits (printed as INSEE does: set aside)
    ['300123456789012', 'IMEI 300123456789012'], // an Iridium IMEI is a Diners-shaped 15 digits
    ['45,00 ; 12,50 ; 33,20 ; 10,07', '45,00 ; 12,50 ; 33,20 et 10,07'], // a list with only punctuation between
  ])('known false positive %j is refused; %j is accepted', (refused, accepted) => {
    expect(screenNote(refused)).toMatchObject(REFUSED);
    expect(screenNote(accepted).ok).toBe(true);
  });

  it.each([
    ['411111 05 66 55 56 65'], // its last ten digits written as a French phone number
    ['AR 41111111 11111111'], // its first eight after AR, as an account number
  ])('known false negative %j is accepted', (text) => expect(screenNote(text).ok).toBe(true));
});

describe('screening any free text', () => {
  it('takes the length limit it is given', () => {
    expect(screenFreeText('abc', { maxLength: 3 })).toEqual({ ok: true, text: 'abc' });
    expect(screenFreeText(' abcd ', { maxLength: 3 })).toEqual({ ok: false, reason: 'too_long', messageKey: 'error.noteTooLong', maxLength: 3, length: 4 });
  });

  it('refuses an empty text unless told to accept it', () => {
    expect(screenFreeText('  ', { maxLength: 10 })).toEqual({ ok: false, reason: 'empty', messageKey: 'error.noteEmpty' });
    expect(screenFreeText('  ', { maxLength: 10, allowEmpty: true })).toEqual({ ok: true, text: '' });
  });

  it('refuses a card number in any field, with its ranges', () => {
    const text = 'Motif : client a dicté 5555.5555.5555.4444';
    expect(screenFreeText(text, { maxLength: 500 })).toEqual({ ...REFUSED, ranges: [{ start: 23, end: 42 }] });
  });

  it('screenNote is screenFreeText with the note limit', () => {
    for (const text of ['', 'ok', '4111 1111 1111 1111', 'x'.repeat(NOTE_MAX_LENGTH + 1)]) {
      expect(screenNote(text)).toEqual(screenFreeText(text, { maxLength: NOTE_MAX_LENGTH }));
    }
  });
});

describe('other note rules', () => {
  it('refuses an empty note', () => {
    expect(screenNote('')).toEqual({ ok: false, reason: 'empty', messageKey: 'error.noteEmpty' });
    expect(screenNote(' \n\t ')).toEqual({ ok: false, reason: 'empty', messageKey: 'error.noteEmpty' });
  });

  it('trims the note it accepts', () => {
    expect(screenNote('  Caller happy with the credit.\n')).toEqual({ ok: true, text: 'Caller happy with the credit.' });
  });

  it(`accepts ${NOTE_MAX_LENGTH} characters and refuses one more, counting characters not UTF-16 units`, () => {
    expect(NOTE_MAX_LENGTH).toBe(2000);
    expect(screenNote('a'.repeat(2000)).ok).toBe(true);
    expect(screenNote('👍'.repeat(2000)).ok).toBe(true);
    expect(screenNote('a'.repeat(2001))).toEqual({ ok: false, reason: 'too_long', messageKey: 'error.noteTooLong', maxLength: 2000, length: 2001 });
    expect(screenNote('abc', { maxLength: 2 })).toMatchObject({ ok: false, reason: 'too_long', maxLength: 2, length: 3 });
  });

  it('a long note with a card number is refused for the card', () => {
    expect(screenNote(`${'a'.repeat(3000)} 4111111111111111`)).toMatchObject(REFUSED);
  });

  it('findCardNumbers merges overlapping finds into one range', () => {
    // "4111111111111111" and "4111111111111111128" are both Visa numbers: one number on screen, one range.
    expect(findCardNumbers('4111 1111 1111 1111 128')).toEqual([{ start: 0, end: 23 }]);
    // 17 digits: Visa issues no such length, so only the 16-digit card is highlighted.
    expect(findCardNumbers('4111 1111 1111 1111 3')).toEqual([{ start: 0, end: 19 }]);
  });

  it('containsCardNumber says whether there is one', () => {
    expect(containsCardNumber('carte 4111 1111 1111 1111')).toBe(true);
    expect(containsCardNumber('facture FA-202605-84598243')).toBe(false);
  });

  it('property: never throws, and an accepted note is the trimmed input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const result = screenNote(text);
        if (result.ok) expect(result.text).toBe(text.trim());
      }),
      { numRuns: 2000 },
    );
  });
});
