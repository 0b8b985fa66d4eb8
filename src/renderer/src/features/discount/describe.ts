/** Requests in words, for confirmations, the call's approvals and the inbox. */
import type { ApprovalRequestInput, Role } from '../../../../core/api';
import { formatAmount, formatNumber, intlLocale } from '../../../../core/i18n';
import type { Translator } from '../../i18n/use-t';

/** The sentence describing a request, for the confirmation line. */
export function describeRequest(t: Translator, request: ApprovalRequestInput, currency: string): string {
  const fmt = (v: number) => formatAmount(t.locale, v, currency);
  switch (request.kind) {
    case 'one_off_credit':
      return t(`credit.describe.one_off_credit.${request.target}`, { amount: fmt(request.amount) });
    case 'fee_waiver':
      return t('credit.describe.fee_waiver', { amount: fmt(request.amount) });
    case 'refund':
      return t('credit.describe.refund', { amount: fmt(request.amount) });
    case 'payment_plan':
      return t('plan.approval.describe', { count: request.instalments });
    case 'recurring_discount':
      return request.form === 'amount'
        ? t.plural('credit.describe.recurring.amount', request.cycles, { amount: fmt(request.amountPerCycle) })
        : t.plural('credit.describe.recurring.percent', request.cycles, {
            percent: formatNumber(t.locale, request.percentBp / 10_000, { style: 'percent', maximumFractionDigits: 2 }),
          });
  }
}

/** A role inside a sentence: "a senior agent", « un conseiller senior » (the labels are capitalised for badges). */
export function roleInSentence(t: Translator, role: Role): string {
  return t(`role.${role}`).toLocaleLowerCase(intlLocale(t.locale));
}

/** A label from the policy as a list item: capital first letter ("geste commercial" → "Geste commercial"). */
export function capitalise(label: string): string {
  return label.charAt(0).toLocaleUpperCase() + label.slice(1);
}

/** The rules that failed first (they are why), then the others, each group in the engine's order. */
export function failedFirst<R extends { readonly passed: boolean }>(rules: readonly R[]): R[] {
  return [...rules.filter((r) => !r.passed), ...rules.filter((r) => r.passed)];
}
