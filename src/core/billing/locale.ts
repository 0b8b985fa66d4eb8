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

/** "12 March" / "12 mars" / "1er mars". */
export function day(date: IsoDate, locale: Locale): string {
  const text = formatDay(date, locale, true);
  return locale === 'fr' ? frenchFirst(text, date) : text;
}

function dayOnly(date: IsoDate, locale: Locale): string {
  const text = formatDay(date, locale, false);
  return locale === 'fr' ? frenchFirst(text, date) : text;
}

/** "from 12 to 31 March", "on 12 March" / "du 12 au 31 mars", "le 12 mars". */
export function dayRange(from: IsoDate, to: IsoDate, locale: Locale): string {
  if (from === to) return locale === 'fr' ? `le ${day(from, locale)}` : `on ${day(from, locale)}`;
  const sameMonth = from.slice(0, 7) === to.slice(0, 7);
  const start = sameMonth ? dayOnly(from, locale) : day(from, locale);
  return locale === 'fr' ? `du ${start} au ${day(to, locale)}` : `from ${start} to ${day(to, locale)}`;
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
