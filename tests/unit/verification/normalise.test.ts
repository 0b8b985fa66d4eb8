import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateOrderFor,
  normaliseAmount,
  normaliseAnswer,
  normaliseDateOfBirth,
  normalisePin,
  normalisePostcode,
  QUESTION_KINDS,
} from '../../../src/core/verification';

const TODAY = '2025-06-15';

describe('date of birth: day first, many spellings, two-digit years in the past', () => {
  it.each([
    ['12/03/1985', '1985-03-12'],
    ['12-03-1985', '1985-03-12'],
    ['12.03.1985', '1985-03-12'],
    ['12 03 1985', '1985-03-12'],
    ['1985-03-12', '1985-03-12'],
    ['1985/3/12', '1985-03-12'],
    ['2/3/1985', '1985-03-02'],
    ['03/12/1985', '1985-12-03'], // day first: 3 December, not March 12
    ['12 mars 1985', '1985-03-12'],
    ['12 MARS 1985', '1985-03-12'],
    ['1er mars 1985', '1985-03-01'],
    ['mardi 12 mars 1985', '1985-03-12'],
    ['12 février 1985', '1985-02-12'],
    ['12 fevrier 1985', '1985-02-12'],
    ['12 févr. 1985', '1985-02-12'],
    ['15 août 1990', '1990-08-15'],
    ['3 déc 1970', '1970-12-03'],
    ['March 12, 1985', '1985-03-12'],
    ['March 12th, 1985', '1985-03-12'],
    ['12th of March 1985', '1985-03-12'],
    ['the 1st of may 2001', '2001-05-01'],
    ['Sept 9 1999', '1999-09-09'],
    ['1985 March 12', '1985-03-12'],
    ['12 mars 85', '1985-03-12'],
    ['12.03.85', '1985-03-12'],
    ['12/03/05', '2005-03-12'],
    ['01/01/25', '2025-01-01'], // this year, already past
    ['31/12/25', '1925-12-31'], // would be in the future this century → last century
    ['12031985', '1985-03-12'], // DDMMYYYY
    ['19850312', '1985-03-12'], // YYYYMMDD
    ['120385', '1985-03-12'], // DDMMYY
    ['29/02/2000', '2000-02-29'],
    ['  12 / 03 / 1985 ', '1985-03-12'],
    ['１２/０３/１９８５', '1985-03-12'], // full-width digits
  ])('%j → %s', (raw, expected) => expect(normaliseDateOfBirth(raw, TODAY)).toBe(expected));

  it.each([
    ['31/04/1985'], // no 31 April
    ['29/02/1985'], // not a leap year
    ['29/02/1900'], // 1900 was not a leap year
    ['00/03/1985'],
    ['13/13/1985'], // no 13th month either way
    ['12/03/2030'], // in the future
    ['16/06/2025'], // tomorrow
    ['12/03/1850'], // before 1900
    ['12/03/985'],
    ['12/03'],
    ['1985'],
    ['12 smarch 1985'],
    ['12 mars avril 1985'],
    ['march'],
    [''],
    ['   '],
    ['not a date'],
    ['12/03/1985 10:00'],
    ['1'.repeat(200)],
  ])('%j is unreadable', (raw) => expect(normaliseDateOfBirth(raw, TODAY)).toBeNull());

  it('today itself is a possible birth date, tomorrow is not', () => {
    expect(normaliseDateOfBirth('15/06/2025', TODAY)).toBe('2025-06-15');
    expect(normaliseDateOfBirth('15/06/25', TODAY)).toBe('2025-06-15');
    expect(normaliseDateOfBirth('16/06/25', TODAY)).toBe('1925-06-16');
  });

  it('an unreadable "today" makes every date unreadable rather than throwing', () => {
    expect(normaliseDateOfBirth('12/03/1985', 'yesterday')).toBeNull();
  });

  it('every real date, written day first with any separator, reads back to itself', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-06-15T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('/', '-', '.', ' ', ' / '),
        (date, sep) => {
          const iso = date.toISOString().slice(0, 10);
          const [y, m, d] = iso.split('-');
          expect(normaliseDateOfBirth(`${d}${sep}${m}${sep}${y}`, TODAY)).toBe(iso);
          expect(normaliseDateOfBirth(iso, TODAY)).toBe(iso);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("date of birth in the agent's locale: ambiguous numeric dates follow it, unambiguous ones read either way", () => {
  it('English writes month first, French day first', () => {
    expect(dateOrderFor('en')).toBe('mdy');
    expect(dateOrderFor('fr')).toBe('dmy');
  });

  it.each([
    // [typed, English (mdy), French (dmy)]
    ['09/18/1989', '1989-09-18', '1989-09-18'], // only month first fits: no 18th month
    ['18/09/1989', '1989-09-18', '1989-09-18'], // only day first fits
    ['03/12/1985', '1985-03-12', '1985-12-03'], // ambiguous: the locale decides
    ['3/12/85', '1985-03-12', '1985-12-03'],
    ['03-12-1985', '1985-03-12', '1985-12-03'],
    ['03121985', '1985-03-12', '1985-12-03'], // eight digits: MMDDYYYY in English
    ['09181989', '1989-09-18', '1989-09-18'],
    ['031285', '1985-03-12', '1985-12-03'],
    ['05/05/1990', '1990-05-05', '1990-05-05'], // both readings are the same date
    ['1985-03-12', '1985-03-12', '1985-03-12'], // year first is never ambiguous
    ['19850312', '1985-03-12', '1985-03-12'],
    ['March 12, 1985', '1985-03-12', '1985-03-12'], // a month in words is never ambiguous
    ['12 mars 1985', '1985-03-12', '1985-03-12'],
  ])('%j → en %s, fr %s', (raw, en, fr) => {
    expect(normaliseDateOfBirth(raw, TODAY, dateOrderFor('en'))).toBe(en);
    expect(normaliseDateOfBirth(raw, TODAY, dateOrderFor('fr'))).toBe(fr);
  });

  it.each([['13/13/1985'], ['02/30/1985'], ['30/02/1985'], ['06/16/2025'], ['16/06/2025']])('%j is unreadable in both locales', (raw) => {
    expect(normaliseDateOfBirth(raw, TODAY, 'mdy')).toBeNull();
    expect(normaliseDateOfBirth(raw, TODAY, 'dmy')).toBeNull();
  });

  it("the answer check reads with the agent's order", () => {
    const context = { today: TODAY, currency: 'EUR' as const };
    expect(normaliseAnswer('date_of_birth', '03/12/1985', { ...context, dateOrder: 'mdy' })).toBe('1985-03-12');
    expect(normaliseAnswer('date_of_birth', '03/12/1985', { ...context, dateOrder: 'dmy' })).toBe('1985-12-03');
    expect(normaliseAnswer('date_of_birth', '03/12/1985', context)).toBe('1985-12-03');
  });

  it("every real date, written the locale's way, reads back to itself", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-06-15T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        expect(normaliseDateOfBirth(`${m}/${d}/${y}`, TODAY, 'mdy')).toBe(iso);
        expect(normaliseDateOfBirth(`${d}/${m}/${y}`, TODAY, 'dmy')).toBe(iso);
      }),
      { numRuns: 500 },
    );
  });
});

describe('postcode: spaces out, upper case', () => {
  it.each([
    ['75011', '75011'],
    ['75 011', '75011'],
    ['F-75011', '75011'],
    ['FR 75011', '75011'],
    ['2A004', '2A004'], // kept as typed (compared exactly)
    ['sw1a 1aa', 'SW1A1AA'],
    ['SW1A1AA', 'SW1A1AA'],
    ['M1 1AE', 'M11AE'],
    ['B33 8TH', 'B338TH'],
    ['CR2 6XH', 'CR26XH'],
    ['DN55 1PT', 'DN551PT'],
    ['W1A 0AX', 'W1A0AX'],
    ['EC1A 1BB', 'EC1A1BB'],
    ['gir 0aa', 'GIR0AA'],
    ['1201', '1201'], // Geneva
    ['K1A 0B1', 'K1A0B1'], // Ottawa
  ])('%j → %s', (raw, expected) => expect(normalisePostcode(raw)).toBe(expected));

  it.each([[''], ['  '], ['PARIS'], ['75011!'], ['12'], ['12345678901'], ['75011 Paris']])('%j is unreadable', (raw) =>
    expect(normalisePostcode(raw)).toBeNull(),
  );
});

describe('last invoice amount: through money.parseAmount, to minor units', () => {
  it.each([
    ['42,50', 'EUR', '4250'],
    ['42.50', 'EUR', '4250'],
    ['42.5 €', 'EUR', '4250'],
    ['42,5', 'EUR', '4250'],
    ['42', 'EUR', '4200'],
    ['€42.50', 'EUR', '4250'],
    ['42€50', 'EUR', '4250'],
    ['42 € 50', 'EUR', '4250'],
    ['EUR 42.50', 'EUR', '4250'],
    ['42,50 euros', 'EUR', '4250'],
    ['1 234,56', 'EUR', '123456'],
    ['1\u202f234,56 €', 'EUR', '123456'],
    ['£19.99', 'GBP', '1999'],
    ['19.99 pounds', 'GBP', '1999'],
    ['1500', 'XPF', '1500'],
    ['-12,40', 'EUR', '-1240'],
  ])('%j in %s → %s', (raw, currency, expected) => expect(normaliseAmount(raw, currency)).toBe(expected));

  it.each([
    ['42,505', 'EUR'],
    ['forty two', 'EUR'],
    ['', 'EUR'],
    ['42,50', 'ZZZ'], // unsupported currency: unreadable, never a throw
    ['15.5', 'XPF'],
    ['1,234.56', 'EUR'],
  ])('%j in %s is unreadable', (raw, currency) => expect(normaliseAmount(raw, currency)).toBeNull());
});

describe('PIN: 4 to 6 digits', () => {
  it.each([
    ['1234', '1234'],
    ['0427', '0427'],
    ['12 34', '1234'],
    ['12-34-56', '123456'],
    [' 98765 ', '98765'],
    ['１２３４', '1234'],
  ])('%j → %s', (raw, expected) => expect(normalisePin(raw)).toBe(expected));

  it.each([['123'], ['1234567'], ['12a4'], [''], ['****']])('%j is unreadable', (raw) => expect(normalisePin(raw)).toBeNull());
});

describe('normaliseAnswer', () => {
  it('dispatches on the question kind', () => {
    const context = { today: TODAY, currency: 'EUR' };
    expect(normaliseAnswer('date_of_birth', '12 mars 1985', context)).toBe('1985-03-12');
    expect(normaliseAnswer('postcode', '75 011', context)).toBe('75011');
    expect(normaliseAnswer('last_invoice_amount', '42,50', context)).toBe('4250');
    expect(normaliseAnswer('account_pin', '12 34', context)).toBe('1234');
  });

  it('never throws, whatever the agent types', () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUESTION_KINDS), fc.string({ unit: 'grapheme', maxLength: 80 }), (kind, raw) => {
        const value = normaliseAnswer(kind, raw, { today: TODAY, currency: 'EUR' });
        expect(value === null || typeof value === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
