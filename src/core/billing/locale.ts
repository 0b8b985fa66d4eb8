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

/** "12 March" / "12 mars" / "1er mars". */
export function day(date: IsoDate, locale: Locale): string {
  const text = dayMonthFormat(locale, true).format(utc(date));
  return locale === 'fr' ? frenchFirst(text, date) : text;
}

function dayOnly(date: IsoDate, locale: Locale): string {
  const text = dayMonthFormat(locale, false).format(utc(date));
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
