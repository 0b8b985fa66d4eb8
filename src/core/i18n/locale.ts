/** The languages Ardoise speaks, and the one BCP 47 tag each is formatted with (Intl). */

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** French-first product: the language used before anyone has chosen. */
export const DEFAULT_LOCALE: Locale = 'fr';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Ardoise bills in Europe, so English is British English (day before month — "12 March",
 * "1 March 2026" — and a 24-hour clock, while money still reads "€19.35") and French is
 * metropolitan French.
 */
const BCP47: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

/** The BCP 47 tag used with Intl. */
export function intlLocale(locale: Locale): string {
  return BCP47[locale];
}
