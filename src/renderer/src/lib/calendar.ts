/** Cycle months and days as the agent reads them, without time-zone drift. */
import { intlLocale, type Locale } from '../../../core/i18n';

/** "April 2026" / "avril 2026" from a 'YYYY-MM-DD' cycle start. */
export function monthLabel(locale: Locale, isoDay: string): string {
  const [y, m] = isoDay.split('-').map(Number);
  if (!y || !m) return isoDay;
  const f = new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const s = f.format(new Date(Date.UTC(y, m - 1, 1)));
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A 'YYYY-MM-DD' day for the agent, without time-zone drift. */
export function dayLabel(locale: Locale, isoDay: string, style: 'short' | 'long' = 'short'): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  if (!y || !m || !d) return isoDay;
  const f = new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'UTC',
    ...(style === 'long' ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: '2-digit', month: '2-digit', year: 'numeric' }),
  });
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}
