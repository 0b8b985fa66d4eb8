import { describe, expect, it } from 'vitest';
import { billDocumentFields } from '../../../src/main/services/billing/views';

const numbers = new Map([['inv-1', 'F-2026-000123']]);
const numberOf = (id: string): string | undefined => numbers.get(id);

describe('billDocumentFields: the kind of a stored bill as the contract says it', () => {
  it('an invoice is an invoice and corrects nothing', () => {
    expect(billDocumentFields({ documentKind: 'invoice', correctsInvoiceId: null }, numberOf)).toEqual({ kind: 'invoice', corrects: null });
  });

  it('a credit note is a credit-note naming the number of the invoice it corrects', () => {
    expect(billDocumentFields({ documentKind: 'credit_note', correctsInvoiceId: 'inv-1' }, numberOf)).toEqual({
      kind: 'credit-note',
      corrects: { id: 'inv-1', number: 'F-2026-000123' },
    });
  });

  it('a credit note with no invoice before it (or one not found) names none rather than a wrong one', () => {
    expect(billDocumentFields({ documentKind: 'credit_note', correctsInvoiceId: null }, numberOf)).toEqual({ kind: 'credit-note', corrects: null });
    expect(billDocumentFields({ documentKind: 'credit_note', correctsInvoiceId: 'gone' }, numberOf)).toEqual({ kind: 'credit-note', corrects: null });
  });
});
