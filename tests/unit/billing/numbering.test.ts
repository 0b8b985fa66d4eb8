/** Numbering series of issued bills (core/billing/numbering.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentKindOf, formatDocumentNumber, parseDocumentNumber, seriesOf } from '../../../src/core/billing/numbering';

describe('document numbering', () => {
  it('one series per kind and year of issue: F-2026 for invoices, AV-2026 for credit notes', () => {
    expect(seriesOf('invoice', '2026-12-01')).toBe('F-2026');
    expect(seriesOf('credit_note', '2027-01-01')).toBe('AV-2027');
    expect(formatDocumentNumber('F-2026', 123)).toBe('F-2026-000123');
    expect(formatDocumentNumber('AV-2026', 4)).toBe('AV-2026-000004');
    // A series that outgrows six digits keeps every digit.
    expect(formatDocumentNumber('F-2026', 1_234_567)).toBe('F-2026-1234567');
  });

  it('a negative total is a credit note; zero and more an invoice', () => {
    expect(documentKindOf(-1)).toBe('credit_note');
    expect(documentKindOf(0)).toBe('invoice');
    expect(documentKindOf(1)).toBe('invoice');
  });

  it('refuses what is not a number of a series', () => {
    for (const n of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => formatDocumentNumber('F-2026', n), String(n)).toThrow(RangeError);
    expect(() => seriesOf('invoice', 'soon')).toThrow(RangeError);
    for (const text of ['FA-202611-12345678', 'F-2026-12345', 'F-2026-000000', 'X-2026-000001', 'F-2026-0000001', ' F-2026-000001', 'AV-26-000001'])
      expect(parseDocumentNumber(text), text).toBeNull();
  });

  it('property: a printed number reads back as its series and rank, and numbers of a series sort in their order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('invoice' as const, 'credit_note' as const),
        fc.integer({ min: 2000, max: 2999 }),
        fc.integer({ min: 1, max: 999_998 }),
        (kind, year, n) => {
          const series = seriesOf(kind, `${year}-06-15`);
          const text = formatDocumentNumber(series, n);
          expect(parseDocumentNumber(text)).toEqual({ kind, series, n });
          expect(text < formatDocumentNumber(series, n + 1)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: every kind of bill goes to exactly the series of its kind', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (total) => {
        const series = seriesOf(documentKindOf(total), '2026-03-01');
        expect(series).toBe(total < 0 ? 'AV-2026' : 'F-2026');
      }),
    );
  });
});
