/** How amounts, days, rates and quantities read in the agent's language (Intl, dates in UTC). */
import { formatMoney, type CurrencyCode, type Minor } from '../money/index';
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

function utc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
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
  const text = dayMonthFormat(locale, true).format(utc(date));
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
  const text = dayMonthFormat(locale, false).format(utc(date));
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
