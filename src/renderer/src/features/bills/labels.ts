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
