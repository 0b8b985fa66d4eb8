/** How amounts, days, rates and quantities read in the agent's language (Intl, dates in UTC). */
import { formatMoney, type CurrencyCode, type Minor } from '../money/index';
import { daysInMonth } from '../calendar';
import { intlLocale, type Locale } from '../i18n/locale';
import type { BasisPoints, IsoDate, UsageKind } from './types';

export function money(amount: Minor, currency: CurrencyCode, locale: Locale, signed = false): string {
  return formatMoney(amount, currency, intlLocale(locale), { signed });
}

const dayMonthFormats = new Map<string, Intl.DateTimeFormat>();

function dayMonthFormat(locale: Locale, withMonth: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withMonth}`;
  let f = dayMonthFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), withMonth ? { day: 'numeric', month: 'long', timeZone: 'UTC' } : { day: 'numeric', timeZone: 'UTC' });
    dayMonthFormats.set(key, f);
  }
  return f;
}

/**
 * How Intl writes a day of each month, as the text before and after the day's number, learnt
 * once per locale: a bill read out says dozens of days, and Intl's format() is the slow part.
 * Null when the writing does not hold the day's number exactly once (then Intl writes every day).
 */
const dayShapes = new Map<string, readonly (readonly [string, string])[] | null>();

function dayShape(locale: Locale, withMonth: boolean): readonly (readonly [string, string])[] | null {
  const key = `${locale}|${withMonth}`;
  let shape = dayShapes.get(key);
  if (shape === undefined) {
    const f = dayMonthFormat(locale, withMonth);
    const months: [string, string][] = [];
    for (let m = 0; m < 12; m++) {
      const text = f.format(new Date(Date.UTC(2000, m, 15)));
      const at = text.indexOf('15');
      if (at < 0 || text.indexOf('15', at + 1) >= 0 || /\d/.test(text.slice(0, at) + text.slice(at + 2))) break;
      months.push([text.slice(0, at), text.slice(at + 2)]);
    }
    shape = months.length === 12 ? months : null;
    dayShapes.set(key, shape);
  }
  return shape;
}

function utc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day as Intl writes it (a day that is not a real 'YYYY-MM-DD' goes to Intl, which refuses it). */
function formatDay(date: IsoDate, locale: Locale, withMonth: boolean): string {
  const shape = dayShape(locale, withMonth);
  const parts = shape ? ISO_DAY.exec(date) : null;
  if (shape && parts) {
    const m = Number(parts[2]);
    const d = Number(parts[3]);
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(Number(parts[1]), m)) {
      const [before, after] = shape[m - 1]!;
      return `${before}${d}${after}`;
    }
  }
  return dayMonthFormat(locale, withMonth).format(utc(date));
}

/** French writes the first of the month "1er". */
function frenchFirst(text: string, date: IsoDate): string {
  return date.endsWith('-01') ? text.replace(/^1(?=\D|$)/, '1er') : text;
}

/** The year of a 'YYYY-MM-DD' day. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/**
 * "12 March" / "12 mars" / "1er mars"; "12 March 2027" when `year` (the year the sentence is
 * about: the invoice's, the day of the call's — passed in, never the clock) is another year.
 */
export function day(date: IsoDate, locale: Locale, year?: number): string {
  const text = formatDay(date, locale, true);
  const withYear = year !== undefined && yearOf(date) !== year ? `${text} ${yearOf(date)}` : text;
  return locale === 'fr' ? frenchFirst(withYear, date) : withYear;
}

const monthFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "April" / "avril" (lower case in French running text), with the year when it is not `year`. */
export function monthName(date: IsoDate, locale: Locale, year?: number): string {
  let f = monthFormats.get(locale);
  if (!f) monthFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', timeZone: 'UTC' })));
  const name = f.format(utc(`${date.slice(0, 7)}-01`));
  return year !== undefined && yearOf(date) !== year ? `${name} ${yearOf(date)}` : name;
}

/** French elision: "de mars" but "d'avril", "d'Essentiel"; `de` may be "de" or "que". */
export function elide(word: 'de' | 'que' | 'le', next: string): string {
  return /^[aeiouyàâäéèêëîïôöûüh]/i.test(next) ? `${word.slice(0, -1)}'${next}` : `${word} ${next}`;
}

/** "from January to March" / "de janvier à mars", "d'avril à juin"; one month: "in March" / "en mars". */
export function monthSpan(from: IsoDate, to: IsoDate, locale: Locale, year?: number): string {
  // Within one year only the last month carries the year (when it is not `year`).
  const a = monthName(from, locale, yearOf(from) === yearOf(to) ? yearOf(from) : year);
  const b = monthName(to, locale, year);
  if (from.slice(0, 7) === to.slice(0, 7)) return locale === 'fr' ? `en ${b}` : `in ${b}`;
  return locale === 'fr' ? `${elide('de', a)} à ${b}` : `from ${a} to ${b}`;
}

/** "the April bill" is said "for April" / "d'avril" after "bill"/"facture". */
export function ofMonth(date: IsoDate, locale: Locale, year?: number): string {
  const m = monthName(date, locale, year);
  return locale === 'fr' ? elide('de', m) : `for ${m}`;
}

/**
 * French typography: a no-break space (U+00A0, the one the catalogues use) before « : ; ! ? »
 * and inside « », never a plain space that could break the line before the sign.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]?([:;!?])(?=\s|$)/g, '\u00a0$1')
    .replace(/«[ \u00a0\u202f]?/g, '«\u00a0')
    .replace(/[ \u00a0\u202f]?»/g, '\u00a0»');
}

/** The sentence as said in `locale` (French spacing applied). */
export function finish(text: string, locale: Locale): string {
  return locale === 'fr' ? frenchSpacing(text) : text;
}

/** "2,300 MB, 120 minutes and 40 SMS" / "2 300 Mo, 120 minutes et 40 SMS". */
export function usageList(amounts: Readonly<Record<UsageKind, number>>, locale: Locale): string {
  const parts = (['dataMb', 'voiceMinutes', 'sms'] as const).map((k) => quantity(amounts[k], k, locale));
  return `${parts[0]}, ${parts[1]} ${locale === 'fr' ? 'et' : 'and'} ${parts[2]}`;
}

function dayOnly(date: IsoDate, locale: Locale): string {
  const text = formatDay(date, locale, false);
  return locale === 'fr' ? frenchFirst(text, date) : text;
}

/** "from 12 to 31 March", "on 12 March" / "du 12 au 31 mars", "le 12 mars" (the year as in day()). */
export function dayRange(from: IsoDate, to: IsoDate, locale: Locale, year?: number): string {
  if (from === to) return locale === 'fr' ? `le ${day(from, locale, year)}` : `on ${day(from, locale, year)}`;
  const sameMonth = from.slice(0, 7) === to.slice(0, 7);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const start = sameMonth ? dayOnly(from, locale) : day(from, locale, sameYear ? yearOf(from) : year);
  return locale === 'fr' ? `du ${start} au ${day(to, locale, year)}` : `from ${start} to ${day(to, locale, year)}`;
}

// Building an Intl formatter costs tens of microseconds; explaining a bill uses a handful.
const percentFormats = new Map<Locale, Intl.NumberFormat>();
const countFormats = new Map<Locale, Intl.NumberFormat>();

export function percent(rate: BasisPoints, locale: Locale): string {
  let f = percentFormats.get(locale);
  if (!f) percentFormats.set(locale, (f = new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 })));
  return f.format(rate / 10_000);
}

export function count(n: number, locale: Locale): string {
  let f = countFormats.get(locale);
  if (!f) countFormats.set(locale, (f = new Intl.NumberFormat(intlLocale(locale))));
  return f.format(n);
}

const UNITS: Readonly<Record<Locale, Readonly<Record<UsageKind, string>>>> = {
  en: { dataMb: 'MB', voiceMinutes: 'minutes', sms: 'SMS' },
  fr: { dataMb: 'Mo', voiceMinutes: 'minutes', sms: 'SMS' },
};

/** "1,200 MB" / "1 200 Mo", "10 minutes", "20 SMS". */
export function quantity(n: number, kind: UsageKind, locale: Locale): string {
  const unit = kind === 'voiceMinutes' && n === 1 ? 'minute' : UNITS[locale][kind];
  return `${count(n, locale)} ${unit}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
