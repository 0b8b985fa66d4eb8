/**
 * Amounts and days are written without calling Intl for each one (core/money/format.ts,
 * core/billing/locale.ts learn Intl's shape once): what they write must be exactly what Intl
 * writes, for every day of a leap year and a common year and for amounts of every size and sign.
 */
import { describe, expect, it } from 'vitest';
import { day, dayRange, money } from '../../../src/core/billing/locale';
import { formatMoney } from '../../../src/core/money/format';
import { intlLocale, LOCALES } from '../../../src/core/i18n/locale';

const intlMoney = (amount: number, currency: string, locale: string, signed: boolean) =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(amount / 100);

/** Amounts from 0 to 12 digits, both signs, and the edges of each power of ten. */
function amounts(): number[] {
  const out = [0, -0];
  let x = 7;
  for (let digits = 1; digits <= 12; digits++) {
    const p = 10 ** digits;
    out.push(p - 1, p, p + 1, -(p - 1), -p);
    for (let k = 0; k < 20; k++) {
      x = (x * 48271) % 2147483647;
      out.push(x % p, -(x % p));
    }
  }
  return out;
}

describe('money written like Intl', () => {
  it.each(['fr-FR', 'en-GB', 'de-DE', 'es-ES'])('%s, every size and sign, plain and signed', (locale) => {
    for (const currency of ['EUR', 'GBP']) {
      for (const signed of [false, true]) {
        for (const a of amounts()) expect(formatMoney(a, currency, locale, { signed })).toBe(intlMoney(a, currency, locale, signed));
      }
    }
  });

  it('the agent-facing money() too', () => {
    for (const locale of LOCALES) for (const a of amounts()) expect(money(a, 'EUR', locale)).toBe(intlMoney(a, 'EUR', intlLocale(locale), false));
  });
});

describe('days written like Intl', () => {
  const intlDay = (date: string, locale: string, withMonth: boolean) =>
    new Intl.DateTimeFormat(locale, withMonth ? { day: 'numeric', month: 'long', timeZone: 'UTC' } : { day: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );

  it('every day of a leap year and of a common year, in both languages', () => {
    for (const year of [2000, 2001]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        for (const locale of LOCALES) {
          const want = intlDay(date, intlLocale(locale), true);
          expect(day(date, locale)).toBe(locale === 'fr' && date.endsWith('-01') ? want.replace(/^1/, '1er') : want);
        }
        const end = `${date.slice(0, 8)}28`;
        if (date < end) expect(dayRange(date, end, 'en')).toBe(`from ${intlDay(date, 'en-GB', false)} to ${intlDay(end, 'en-GB', true)}`);
      }
    }
  });

  it('a day that does not exist is left to Intl, as before', () => {
    const outcome = (f: () => string) => {
      try {
        return f();
      } catch (err) {
        return (err as Error).name;
      }
    };
    for (const date of ['2001-02-29', '2001-04-31', '2001-13-01', '2001-00-10', '20010101']) {
      expect(outcome(() => day(date, 'en'))).toBe(outcome(() => intlDay(date, 'en-GB', true)));
    }
  });
});
