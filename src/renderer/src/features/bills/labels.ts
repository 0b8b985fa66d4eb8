/** Short labels for the chart and badges; the sentences themselves come from main. */
import type { InvoiceDetail } from '../../../../core/api';
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

/**
 * How a bill is named on the screen. An invoice is the month it bills ("Bill for April 2026"); a
 * credit note is a document of its own, named by its number and the invoice it corrects ("Credit
 * note AV-2026-000004 correcting invoice F-2026-000123" / "Avoir n° AV-… rectifiant la facture F-…").
 */
export function billTitle(t: Translator, bill: Pick<InvoiceDetail, 'kind' | 'number' | 'corrects'>, month: string): string {
  if (bill.kind === 'invoice') return t('bills.invoice.title', { month });
  return bill.corrects
    ? t('bills.creditNote.title', { number: bill.number, corrects: bill.corrects.number })
    : t('bills.creditNote.titleAlone', { number: bill.number });
}

/**
 * The headline figure of a bill: what it costs (an invoice), or what the customer is owed (a
 * credit note, whose total is negative) — shown as the positive amount owed, never as a bill to pay.
 */
export function billHeadline(t: Translator, bill: Pick<InvoiceDetail, 'kind' | 'total'>): { label: string; amount: number } {
  return bill.kind === 'credit-note' ? { label: t('bills.creditNote.owed'), amount: -bill.total } : { label: t('bills.invoice.total'), amount: bill.total };
}

/** The last row under a bill's lines: the amount to pay by the due date, or the balance in the customer's favour. */
export function amountDueRow(t: Translator, bill: Pick<InvoiceDetail, 'amountDue'>, dueOn: string): { label: string; amount: number } {
  return bill.amountDue < 0
    ? { label: t('bills.invoice.inFavour'), amount: -bill.amountDue }
    : { label: t('bills.invoice.amountDue', { date: dueOn }), amount: bill.amountDue };
}
