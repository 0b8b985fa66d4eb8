/**
 * The shared i18n layer: message catalogues (English, French), `t` to translate a key, and the
 * locale-aware formatting of numbers, dates and amounts. Pure: no React, no Node, no I/O.
 *
 *   t('fr', 'pop.incoming', { number: '+33 6 12 34 56 78' })   // "Appel entrant du +33 6 12 34 56 78"
 *   tn('en', 'lookup.count', 3)                                 // "3 callers found"
 *   errorMessage('fr', { messageKey: 'error.badCredentials' })  // "Identifiant ou mot de passe incorrect."
 *   formatAmount('fr', 1935, 'EUR')                             // "19,35 €"
 */
import { formatMoney, type CurrencyCode, type Minor } from '../money';
import { en, type Catalogue, type MessageKey } from './messages/en';
import { fr } from './messages/fr';
import { intlLocale, type Locale } from './locale';

export type { Catalogue, MessageKey } from './messages/en';

export { DEFAULT_LOCALE, intlLocale, isLocale, LOCALES, type Locale } from './locale';

export const CATALOGUES: { readonly [L in Locale]: Catalogue } = { en, fr };

export type MessageParams = Readonly<Record<string, string | number>>;

export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * Translates a key. `{name}` placeholders are replaced by `params.name`; numbers are formatted
 * for the locale. A placeholder without a param is left visible rather than hidden.
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGUES[locale][key] ?? en[key];
  return params ? interpolate(locale, template, params) : template;
}

/** The keys that have a `.one` and an `.other` form, without the suffix. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Plural-aware `t`: picks `<base>.one` or `<base>.other` by the locale's rules ("0 résultat", "0 results"). */
export function tn(locale: Locale, base: PluralBase, count: number, params?: MessageParams): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(intlLocale(locale))));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return t(locale, `${base}.${form}` as MessageKey, { count, ...params });
}

/**
 * The message for an API error body (or anything with a messageKey). Unknown keys fall back to
 * the generic internal error, so the agent never sees a raw key.
 */
export function errorMessage(locale: Locale, error: { readonly messageKey: string }): string {
  return t(locale, hasMessage(error.messageKey) ? error.messageKey : 'error.internal');
}

/** Every placeholder name used in a template, sorted (for catalogue consistency checks). */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{(\w+)\}/g)) names.add(m[1] as string);
  return [...names].sort();
}

function interpolate(locale: Locale, template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting. Times are stored and carried as UTC; they are shown in the desk's local time zone.

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  const key = `${locale}|${JSON.stringify(options ?? {})}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(intlLocale(locale), options)));
  return f.format(value);
}

/** An amount in minor units, e.g. formatAmount('fr', 1935, 'EUR') → "19,35 €". */
export function formatAmount(locale: Locale, amount: Minor, currency: CurrencyCode, opts: { signed?: boolean } = {}): string {
  return formatMoney(amount, currency, intlLocale(locale), opts);
}

/** The currency's symbol as the locale writes it ("€"), or the code when Intl does not know it. */
export function currencySymbol(locale: Locale, currency: string): string {
  try {
    const parts = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

export type DateInput = Date | string | number;

export type DateStyle = 'date' | 'time' | 'dateTime' | 'longDate';

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { day: '2-digit', month: '2-digit', year: 'numeric' },
  longDate: { day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hour12: false },
  dateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
};

/**
 * Formats a date for the agent. `timeZone` defaults to the desk's own zone; pass 'UTC' (or any
 * IANA zone) to pin it — the tests do, so they do not depend on the machine.
 */
export function formatDate(locale: Locale, value: DateInput, style: DateStyle = 'date', timeZone?: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const key = `${locale}|${style}|${timeZone ?? ''}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { ...DATE_OPTIONS[style], ...(timeZone ? { timeZone } : {}) });
    dateFormats.set(key, f);
  }
  return f.format(date);
}

export function formatTime(locale: Locale, value: DateInput, timeZone?: string): string {
  return formatDate(locale, value, 'time', timeZone);
}

export function formatDateTime(locale: Locale, value: DateInput, timeZone?: string): string {
  return formatDate(locale, value, 'dateTime', timeZone);
}
