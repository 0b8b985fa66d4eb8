/**
 * What receivables say to the agent, in English and French: payment methods and statuses, one
 * sentence per payment, the balance. French typography: no-break space before « : ; ! ? »,
 * months in lower case; the year is said only when the date is not in the current year.
 */
import { day, money } from '../billing/locale';
import type { Locale } from '../i18n/locale';
import { maskedCard, type PaymentMethod, type PaymentStatus } from './payments';

const NBSP = '\u00a0';

/** "3 March" this year, "3 March 2025" another year. */
export function dayWithYear(date: string, today: string, locale: Locale): string {
  const d = day(date, locale);
  return date.slice(0, 4) === today.slice(0, 4) ? d : `${d} ${date.slice(0, 4)}`;
}

const METHODS: Readonly<Record<Locale, Readonly<Record<PaymentMethod, string>>>> = {
  en: { direct_debit: 'direct debit', card: 'card', transfer: 'bank transfer', cheque: 'cheque' },
  fr: { direct_debit: 'prélèvement', card: 'carte', transfer: 'virement', cheque: 'chèque' },
};

const STATUSES: Readonly<Record<Locale, Readonly<Record<PaymentStatus, string>>>> = {
  en: { received: 'received', failed: 'failed', returned: 'returned', refund: 'refunded' },
  fr: { received: 'reçu', failed: 'rejeté', returned: 'retourné', refund: 'remboursé' },
};

/** "card •••• 4242" / "carte •••• 4242"; a card without digits on record is just "card". */
export function methodLabel(method: PaymentMethod, cardLast4: string | null, locale: Locale): string {
  const card = method === 'card' ? maskedCard(cardLast4) : null;
  return card ? `${METHODS[locale][method]} ${card}` : METHODS[locale][method];
}

export function statusLabel(status: PaymentStatus, locale: Locale): string {
  return STATUSES[locale][status];
}

export interface PaymentSentenceFacts {
  readonly amount: number;
  readonly currency: string;
  readonly receivedOn: string;
  readonly method: PaymentMethod;
  readonly cardLast4: string | null;
  readonly status: PaymentStatus;
  readonly kept: number;
  readonly invoiceNumbers: readonly string[];
  readonly unallocated: number;
}

/** One sentence the agent can read out about a payment. */
export function paymentSentence(p: PaymentSentenceFacts, today: string, locale: Locale): string {
  const en = locale === 'en';
  const amount = money(p.amount, p.currency, locale);
  const on = dayWithYear(p.receivedOn, today, locale);
  const how = methodLabel(p.method, p.cardLast4, locale);
  const where = (): string => {
    const parts: string[] = [];
    if (p.invoiceNumbers.length > 0) parts.push(en ? `settled ${p.invoiceNumbers.join(', ')}` : `a réglé ${p.invoiceNumbers.join(', ')}`);
    if (p.unallocated > 0)
      parts.push(en ? `${money(p.unallocated, p.currency, locale)} kept as credit` : `${money(p.unallocated, p.currency, locale)} gardés en crédit`);
    return parts.length > 0 ? `, ${parts.join(en ? ' and ' : ' et ')}` : '';
  };
  switch (p.status) {
    case 'received':
      return en ? `${amount} by ${how} on ${on}${where()}.` : `${amount} par ${how} le ${on}${where()}.`;
    case 'failed':
      return en ? `${amount} by ${how} on ${on} failed: no money was received.` : `${amount} par ${how} le ${on} rejeté${NBSP}: aucun paiement reçu.`;
    case 'returned':
      return p.kept > 0
        ? en
          ? `${amount} by ${how} on ${on}, ${money(p.amount - p.kept, p.currency, locale)} of it returned${where()}.`
          : `${amount} par ${how} le ${on}, dont ${money(p.amount - p.kept, p.currency, locale)} retournés${where()}.`
        : en
          ? `${amount} by ${how} on ${on} was returned: it no longer counts.`
          : `${amount} par ${how} le ${on} retourné${NBSP}: il ne compte plus.`;
    case 'refund':
      return en ? `${amount} refunded by ${how} on ${on}.` : `${amount} remboursés par ${how} le ${on}.`;
  }
}

/** "The customer owes €12.00." / "€12.00 in the customer's favour." / "Nothing is owed." */
export function balanceSentence(balance: number, currency: string, locale: Locale): string {
  const en = locale === 'en';
  if (balance > 0) return en ? `The customer owes ${money(balance, currency, locale)}.` : `Le client doit ${money(balance, currency, locale)}.`;
  if (balance < 0) return en ? `${money(-balance, currency, locale)} in the customer’s favour.` : `${money(-balance, currency, locale)} en faveur du client.`;
  return en ? 'Nothing is owed.' : 'Rien n’est dû.';
}
