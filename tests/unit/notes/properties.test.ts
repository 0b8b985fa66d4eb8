import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_SCHEMES, findCardNumbers, luhnCheckDigit, screenNote } from '../../../src/core/notes';
import { decimalDigitValue } from '../../../src/core/notes/fold';

/** The zero of every run of ten decimal digits (General Category Nd) this engine knows. */
const ZEROS: readonly number[] = (() => {
  const zeros: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (decimalDigitValue(cp) === 0) zeros.push(cp);
  }
  return zeros;
})();

/** A valid card number of any scheme, prefix range and length the table lists. */
const pan = fc
  .constantFrom(...CARD_SCHEMES)
  .chain((scheme) => fc.tuple(fc.constantFrom(...scheme.prefixes), fc.constantFrom(...scheme.lengths)))
  .chain(([[from, to], length]) =>
    fc
      .tuple(
        fc.integer({ min: Number(from), max: Number(to) }).map((p) => String(p).padStart(from.length, '0')),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length }),
      )
      .map(([prefix, filler]) => {
        const payload = (prefix + filler).slice(0, length - 1);
        return payload + luhnCheckDigit(payload);
      }),
  );

/**
 * How the digits are grouped: not at all, as cards are printed, one by one, or in random groups
 * of 3–9 (a 10-digit group starting with 0 would be a French phone number, pairs could be one).
 */
function groupSizes(length: number): fc.Arbitrary<readonly number[]> {
  const printed = length === 15 ? [4, 6, 5] : length === 14 ? [4, 6, 4] : [4, 4, 4, 4, 4].slice(0, Math.ceil(length / 4));
  return fc.oneof(
    fc.constant([length]),
    fc.constant(printed),
    fc.constant(Array.from({ length }, () => 1)),
    fc.array(fc.integer({ min: 3, max: 9 }), { minLength: 1, maxLength: 7 }),
  );
}

/** Splits `digits` into groups of the given sizes, taken in turn again until none are left. */
function split(digits: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  for (let at = 0, k = 0; at < digits.length; k++) {
    const size = sizes[k % sizes.length] as number;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * Separators: any run of non-alphanumeric characters. Not '+': a group right after '+' is read
 * as the start of a phone number (documented in screen.ts).
 */
const separator = fc.oneof(
  fc.constantFrom(' ', '-', '.', '/', '_', ',', '\t', '\n', '\r\n', '  ', ' - ', '–', ' — ', '\u00a0', '\u202f', '\u3000', ', ', ' / ', '·', '−'),
  fc.string({ unit: fc.constantFrom(...' \t\n\r.,;:/\\_-–—−·()[]*#|\u00a0\u2009\u3000\u2028'), minLength: 1, maxLength: 4 }),
);

/** Invisible characters (format characters and other default-ignorables). */
const invisible = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u061c', '\u034f', '\ufe0f');

/** How a digit is written: a decimal digit of any script, or a character NFKC folds to one. */
const script = fc.oneof(
  fc.constantFrom(...ZEROS).map((zero) => (d: number) => String.fromCodePoint(zero + d)),
  fc.constant((d: number) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d] as string),
  fc.constant((d: number) => '⓪①②③④⑤⑥⑦⑧⑨'[d] as string),
);

/** Text around the card: random characters or words, without any digit (that would be another number). */
const words = fc
  .array(
    fc.constantFrom(
      'carte',
      'card',
      'le client',
      'a donné',
      'merci',
      'please',
      'numéro',
      'n°',
      'CB',
      'Visa',
      'expire',
      'à débiter',
      '—',
      ':',
      '(',
      ')',
      '"',
      '«',
      '»',
      '€',
    ),
    { maxLength: 6 },
  )
  .map((w) => w.join(' '));
const surrounding = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), words).filter((s) => !/\p{N}/u.test(s) && !/\p{N}/u.test(s.normalize('NFKC')));

/** What the screen reads just before the card: NFKC, invisibles dropped. */
const visible = (s: string): string => s.normalize('NFKC').replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '');

describe('property: any card number, however written, is found where it is', () => {
  it("knows every script's digits: Nd comes in runs of ten, 0 to 9", () => {
    expect(ZEROS.length).toBeGreaterThan(60);
    for (const zero of ZEROS) for (let d = 0; d <= 9; d++) expect(decimalDigitValue(zero + d)).toBe(d);
  });

  it('any scheme, any grouping, separators, scripts and invisible characters, inside any text', () => {
    fc.assert(
      fc.property(
        pan.chain((card) =>
          fc.record({
            card: fc.constant(card),
            sizes: groupSizes(card.length),
            separators: fc.oneof(
              separator.map((s) => Array.from({ length: 19 }, () => s)),
              fc.array(separator, { minLength: 19, maxLength: 19 }),
            ),
            digitScripts: fc.oneof(
              script.map((s) => Array.from({ length: 19 }, () => s)),
              fc.array(script, { minLength: 19, maxLength: 19 }),
            ),
            invisibles: fc.array(fc.option(invisible, { freq: 3 }), { minLength: 19, maxLength: 19 }),
            before: surrounding,
            after: surrounding,
            open: fc.constantFrom(' ', '\n', ': ', ' (', '\t', ''),
            close: fc.constantFrom(' ', '\n', '.', ')', ', ', ''),
          }),
        ),
        ({ card, sizes, separators, digitScripts, invisibles, before, after, open, close }) => {
          const groups = split(card, sizes);
          // A 14-digit card printed like a SIRET (3-3-3-5) whose first nine digits pass Luhn is
          // taken for one (documented in screen.ts).
          fc.pre(groups.map((g) => g.length).join() !== '3,3,3,5');
          const lead = visible(before + open);
          fc.pre(!lead.endsWith('+')); // a number right after '+' is a phone number
          // A label or app identifier prefix, or two letters glued to the digits (an IBAN's start), just before the card.
          fc.pre(!/(?<![\p{L}\p{N}])(?:AR|FA|IMEI|SIRE[NT])(?:[^\p{L}\p{N}]*(?:n|no|num|numero|numéro))?[^\p{L}\p{N}]*$/iu.test(lead));
          fc.pre(!/(?<![\p{L}\p{N}])[A-Za-z]{2}$/u.test(lead));

          let k = 0; // digit index
          const written = groups
            .map((g, gi) =>
              [...g]
                .map((d, di) => {
                  const ch = (digitScripts[k] as (d: number) => string)(Number(d));
                  const inv = di < g.length - 1 || gi < groups.length - 1 ? (invisibles[k] ?? '') : '';
                  k++;
                  return ch + inv;
                })
                .join(''),
            )
            .map((g, gi) => (gi < groups.length - 1 ? g + (separators[gi] as string) : g))
            .join('');
          const note = before + open + written + close + after;
          const start = before.length + open.length;
          const end = start + written.length;
          expect(findCardNumbers(note)).toEqual([{ start, end }]);
          expect(screenNote(note)).toMatchObject({ ok: false, reason: 'card_number', ranges: [{ start, end }] });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
