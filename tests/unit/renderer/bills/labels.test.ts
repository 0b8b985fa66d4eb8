import { describe, expect, it } from 'vitest';
import { amountDueRow, billHeadline, billTitle } from '../../../../src/renderer/src/features/bills/labels';
import { errorMessage, t, tn, type Locale, type MessageKey, type MessageParams, type PluralBase } from '../../../../src/core/i18n';
import type { Translator } from '../../../../src/renderer/src/i18n/use-t';

// The screens' translator (use-t.ts's makeTranslator, whose module also reaches the browser's api).
const makeTranslator = (locale: Locale): Translator =>
  Object.assign((key: MessageKey, params?: MessageParams) => t(locale, key, params), {
    locale,
    plural: (base: PluralBase, count: number, params?: MessageParams) => tn(locale, base, count, params),
    error: (body: { readonly messageKey: string }) => errorMessage(locale, body),
  });

const NBSP = '\u00a0';
const en = makeTranslator('en');
const fr = makeTranslator('fr');
const invoice = { kind: 'invoice' as const, number: 'F-2026-000123', corrects: null, total: 4599, amountDue: 4599 };
const note = { kind: 'credit-note' as const, number: 'AV-2026-000004', corrects: { id: 'i1', number: 'F-2026-000123' }, total: -1200, amountDue: -1200 };

describe('how the bills tab names a bill', () => {
  it('an invoice by its month; a credit note by its number and the invoice it corrects, in both languages', () => {
    expect(billTitle(en, invoice, 'April 2026')).toBe('Bill for April 2026');
    expect(billTitle(en, note, 'May 2026')).toBe('Credit note AV-2026-000004 correcting invoice F-2026-000123');
    expect(billTitle(fr, note, 'mai 2026')).toBe(`Avoir n°${NBSP}AV-2026-000004 rectifiant la facture F-2026-000123`);
    expect(billTitle(fr, { ...note, corrects: null }, 'mai 2026')).toBe(`Avoir n°${NBSP}AV-2026-000004`);
  });

  it('a credit note’s figure is what the customer is owed, positive, never a bill to pay', () => {
    expect(billHeadline(en, invoice)).toEqual({ label: 'This month', amount: 4599 });
    expect(billHeadline(en, note)).toEqual({ label: 'Owed to the customer', amount: 1200 });
    expect(billHeadline(fr, note)).toEqual({ label: 'En faveur du client', amount: 1200 });
    expect(amountDueRow(en, note, '15 May')).toEqual({ label: 'Balance in the customer’s favour', amount: 1200 });
    expect(amountDueRow(en, invoice, '15 May')).toEqual({ label: 'Amount due by 15 May', amount: 4599 });
    expect(amountDueRow(en, { amountDue: 0 }, '15 May')).toEqual({ label: 'Amount due by 15 May', amount: 0 });
  });
});
