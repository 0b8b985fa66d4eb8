/** Short labels for the chart and badges; the sentences themselves come from main. */
import type { ComparisonCause } from '../../../../core/billing';
import type { Translator } from '../../i18n/use-t';

/** A few words naming a cause (a chart axis label), e.g. "Offer ended: Bienvenue". */
export function causeLabel(t: Translator, cause: ComparisonCause): string {
  switch (cause.code) {
    case 'plan-change':
      return t('bills.cause.plan-change');
    case 'promotion-ended':
      return t('bills.cause.promotion-ended', { name: cause.promotion.name });
    case 'promotion-started':
      return t('bills.cause.promotion-started', { name: cause.promotion.name });
    case 'price-change':
      return t('bills.cause.price-change', { name: cause.item.name });
    case 'usage-overage':
      return t('bills.cause.usage-overage', { usage: t(`bills.usage.${cause.usage}`) });
    case 'option-added':
      return t('bills.cause.option-added', { name: cause.item.name });
    case 'option-removed':
      return t('bills.cause.option-removed', { name: cause.item.name });
    case 'one-off-fee':
      return cause.fee.name;
    case 'late-fee':
      return t('bills.cause.late-fee');
    case 'credit':
      return t('bills.cause.credit');
    case 'proration':
      return t('bills.cause.proration', { name: cause.subject.name });
    case 'tax':
      return t('bills.cause.tax');
  }
}

/** "April 2026" / "avril 2026" from a 'YYYY-MM-DD' cycle start. */
export function monthLabel(locale: 'fr' | 'en', isoDay: string): string {
  const [y, m] = isoDay.split('-').map(Number);
  if (!y || !m) return isoDay;
  const f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const s = f.format(new Date(Date.UTC(y, m - 1, 1)));
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A 'YYYY-MM-DD' day for the agent, without time-zone drift. */
export function dayLabel(locale: 'fr' | 'en', isoDay: string, style: 'short' | 'long' = 'short'): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  if (!y || !m || !d) return isoDay;
  const f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
    ...(style === 'long' ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: '2-digit', month: '2-digit', year: 'numeric' }),
  });
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}
