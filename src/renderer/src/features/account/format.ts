/** Formatting helpers of the account screens that never throw on unexpected data. */
import { formatAmount, formatDate, type Locale } from '../../../../core/i18n';

/** An amount in minor units for the agent's locale; an unknown currency falls back to its code. */
export function safeAmount(locale: Locale, minor: number, currency: string, opts?: { signed?: boolean }): string {
  try {
    return formatAmount(locale, minor, currency, opts);
  } catch {
    return `${minor / 100} ${currency}`;
  }
}

/** A calendar day ('YYYY-MM-DD') as the agent reads dates; pinned to UTC so it never shifts a day. */
export function calendarDate(locale: Locale, isoDate: string, style: 'date' | 'longDate' = 'date'): string {
  const text = formatDate(locale, `${isoDate.slice(0, 10)}T00:00:00Z`, style, 'UTC');
  return text || isoDate;
}
