/**
 * Recurring discounts, fee waivers and reversals in the billing engine (credits.ts): a recurring
 * discount is on EXACTLY N invoices; a reversal stops it from the first invoice not yet issued.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BillingError,
  cycleOf,
  explainLine,
  generateInvoice,
  generateInvoices,
  nextCycle,
  type BillingCycle,
  type LedgerCredit,
} from '../../../src/core/billing/index';
import { addMonths, billedCycles, creditLines, ledgerFromStore, type StoredLedgerRow } from '../../../src/core/billing/credits';
import type { Invoice } from '../../../src/core/billing/invoice-types';
import { CATALOG, account, plain } from './fixtures';

const subscription = [{ from: '2020-01-01', planId: 'basic', optionIds: [] }];

function months(first: string, count: number): BillingCycle[] {
  const out: BillingCycle[] = [];
  for (let c = cycleOf(first), i = 0; i < count; c = nextCycle(c), i++) out.push(c);
  return out;
}

function creditsOf(invoice: Invoice) {
  return invoice.lines.filter((l) => l.explanation.code === 'credit');
}

function sentence(invoice: Invoice, locale: 'en' | 'fr'): string[] {
  return creditsOf(invoice).map((l) => plain(explainLine(l, locale)));
}

const retention = (over: Partial<LedgerCredit> = {}): LedgerCredit => ({
  kind: 'credit',
  id: 'r1',
  date: '2026-02-20',
  amount: 3000,
  reason: 'retention',
  recurring: { startCycle: '2026-03', cycles: 6, amountPerCycle: 500 },
  ...over,
});

describe('a recurring discount', () => {
  it('is a credit line on exactly the N invoices from its start cycle, said "2 of 6"', () => {
    const invoices = generateInvoices(CATALOG, account({ subscription, ledger: [retention()] }), months('2026-01', 12));
    const carrying = invoices.filter((i) => creditsOf(i).length > 0).map((i) => i.cycle.start.slice(0, 7));
    expect(carrying).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08']);
    // Alone (no previous bill, so no late fee): 999 + 200 VAT − 500 discount.
    const april = generateInvoice(CATALOG, account({ subscription, ledger: [retention()] }), cycleOf('2026-04'));
    // A discount is a price reduction (EU VAT directive art. 79 and 90): it lowers the taxable base
    // and its VAT. (This test said "outside VAT" before the issue showed that wrong.) The €5.00 is
    // VAT included: net 500 × 10 000 / 12 000 = 416.67 → 417, VAT 83; the customer still gets €5.00 off.
    expect(creditsOf(april)).toEqual([expect.objectContaining({ amount: -417, tax: -83, total: -500, taxable: true, taxRateBp: 2000 })]);
    expect(april.total).toBe(699);
    expect(april.tax).toBe(200 - 83);
    expect(sentence(april, 'en')).toEqual(['Retention discount 2 of 6: -€5.00 (price reduction, VAT included: -€4.17 excl. VAT, -€0.83 VAT)']);
    expect(sentence(april, 'fr')).toEqual(['Remise de fidélisation 2 sur 6 : -5,00 € (réduction de prix, TVA incluse : -4,17 € HT, -0,83 € de TVA)']);
    expect(creditsOf(april)[0]!.explanation).toMatchObject({ code: 'credit', entryId: 'r1', amount: 500, recurring: { index: 2, cycles: 6 } });
  });

  it('says the percentage when it was granted as one', () => {
    const ledger = [retention({ recurring: { startCycle: '2026-03', cycles: 3, amountPerCycle: 200, percentBp: 1000 } })];
    const invoice = generateInvoice(CATALOG, account({ subscription, ledger }), cycleOf('2026-05'));
    expect(sentence(invoice, 'en')).toEqual(['Retention discount 3 of 3 (10% off): -€2.00 (price reduction, VAT included: -€1.67 excl. VAT, -€0.33 VAT)']);
    expect(sentence(invoice, 'fr')).toEqual([
      'Remise de fidélisation 3 sur 3 (10 % de remise) : -2,00 € (réduction de prix, TVA incluse : -1,67 € HT, -0,33 € de TVA)',
    ]);
  });

  it('does not depend on the day it was granted (a grant dated inside a cycle is not a one-off credit)', () => {
    const invoice = generateInvoice(CATALOG, account({ subscription, ledger: [retention()] }), cycleOf('2026-02'));
    expect(creditsOf(invoice)).toEqual([]);
  });

  it('property: for any N and start, exactly N consecutive invoices carry it, numbered 1..N', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 2000 * 12, max: 2060 * 12 + 11 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 6 }),
        (n, startIndex, perCycle, before) => {
          const start = `${Math.floor(startIndex / 12)}-${String((startIndex % 12) + 1).padStart(2, '0')}`;
          const entry: LedgerCredit = {
            kind: 'credit',
            id: 'x',
            date: `${addMonths(start, -1)}-15`,
            amount: n * perCycle,
            reason: 'retention',
            recurring: { startCycle: start, cycles: n, amountPerCycle: perCycle },
          };
          const ledger = [entry];
          const seen: { ym: string; index: number }[] = [];
          for (const cycle of months(addMonths(start, -before), n + before + 4)) {
            const lines = creditLines(CATALOG, ledger, cycle);
            expect(lines.length).toBeLessThanOrEqual(1);
            for (const l of lines) {
              expect(l.total + perCycle).toBe(0);
              seen.push({ ym: cycle.start.slice(0, 7), index: (l.explanation as unknown as { recurring: { index: number } }).recurring.index });
            }
          }
          expect(seen.map((s) => s.index)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
          expect(seen.map((s) => s.ym)).toEqual(Array.from({ length: n }, (_, i) => addMonths(start, i)));
          expect(billedCycles(entry.recurring!)).toEqual(seen.map((s) => s.ym));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('a reversal', () => {
  it('of a recurring discount has no line and stops it from the first invoice not yet issued', () => {
    // Reversed on 10 May: March and April were invoiced (1 April, 1 May); May onwards are not.
    const ledger = [retention(), { kind: 'credit' as const, id: 'rev', date: '2026-05-10', amount: -3000, reason: 'reversal' as const, reversesId: 'r1' }];
    const invoices = generateInvoices(CATALOG, account({ subscription, ledger }), months('2026-01', 12));
    expect(invoices.filter((i) => creditsOf(i).length > 0).map((i) => i.cycle.start.slice(0, 7))).toEqual(['2026-03', '2026-04']);
    expect(invoices.every((i) => creditsOf(i).every((l) => l.total === -500))).toBe(true);
    // Reversed on the last day of April: the April invoice is not issued yet (1 May), so it stops from April.
    const onLastDay = [retention(), { ...ledger[1]!, date: '2026-04-30' }];
    expect(billedCycles(retention().recurring!, '2026-04-30')).toEqual(['2026-03']);
    expect(generateInvoices(CATALOG, account({ subscription, ledger: onLastDay }), months('2026-03', 6)).filter((i) => creditsOf(i).length > 0)).toHaveLength(
      1,
    );
    // Reversed before it started: on no invoice at all.
    const early = [retention(), { ...ledger[1]!, date: '2026-02-21' }];
    expect(generateInvoices(CATALOG, account({ subscription, ledger: early }), months('2026-01', 12)).flatMap(creditsOf)).toEqual([]);
  });

  it('property: a reversed recurring discount is on exactly the invoices issued before the reversal day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: -40, max: 800 }), (n, offsetDays) => {
        const entry = retention({ recurring: { startCycle: '2026-03', cycles: n, amountPerCycle: 500 } });
        const reversedOn = new Date(Date.UTC(2026, 2, 1) + offsetDays * 86_400_000).toISOString().slice(0, 10);
        const ledger = [
          entry,
          { kind: 'credit' as const, id: 'rev', date: reversedOn, amount: -entry.amount, reason: 'reversal' as const, reversesId: entry.id },
        ];
        const carrying = months('2026-01', 40)
          .filter((c) => creditLines(CATALOG, ledger, c).length > 0)
          .map((c) => c.start.slice(0, 7));
        const expected = Array.from({ length: n }, (_, i) => addMonths('2026-03', i)).filter((ym) => cycleOf(ym).end < reversedOn);
        expect(carrying).toEqual(expected);
        expect(billedCycles(entry.recurring!, reversedOn)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('of a one-off credit not yet invoiced cancels it on that invoice; after, takes it back on the next', () => {
    const credit = { kind: 'credit' as const, id: 'c1', date: '2026-03-05', amount: 1000, reason: 'goodwill' as const };
    const sameMonth = generateInvoice(
      CATALOG,
      account({ subscription, ledger: [credit, { kind: 'credit', id: 'c2', date: '2026-03-06', amount: -1000, reason: 'reversal', reversesId: 'c1' }] }),
      cycleOf('2026-03'),
    );
    expect(creditsOf(sameMonth).reduce((s, l) => s + l.total, 0)).toBe(0);
    expect(sameMonth.total).toBe(1199);
    const later = [credit, { kind: 'credit' as const, id: 'c2', date: '2026-04-06', amount: -1000, reason: 'reversal' as const, reversesId: 'c1' }];
    const march = generateInvoice(CATALOG, account({ subscription, ledger: later }), cycleOf('2026-03'));
    const april = generateInvoice(CATALOG, account({ subscription, ledger: later }), cycleOf('2026-04'));
    expect(march.total).toBe(199);
    expect(april.total).toBe(2199);
  });
});

describe('a fee waiver', () => {
  it('is a credit line said as a waiver', () => {
    const ledger: LedgerCredit[] = [{ kind: 'credit', id: 'w1', date: '2026-03-03', amount: 750, reason: 'goodwill', waiver: 'late-fee' }];
    const invoice = generateInvoice(CATALOG, account({ subscription, ledger }), cycleOf('2026-03'));
    expect(creditsOf(invoice)[0]!.total).toBe(-750);
    // The sentence now also says its VAT treatment (the issue: say which in the explanation).
    expect(sentence(invoice, 'en')).toEqual(['Late fee waived on 3 March: -€7.50 (outside the scope of VAT)']);
    expect(sentence(invoice, 'fr')).toEqual(['Frais de retard annulés le 3 mars : -7,50 € (hors champ de la TVA)']);
  });
});

describe('from the store', () => {
  const row = (over: Partial<StoredLedgerRow>): StoredLedgerRow => ({
    id: 'e1',
    kind: 'credit',
    amount: 1000,
    reasonCode: 'goodwill',
    reversesId: null,
    terms: null,
    effectiveOn: '2026-03-05',
    ...over,
  });

  it("maps each kind and reason to the engine's ledger", () => {
    expect(
      ledgerFromStore([
        row({}),
        row({ id: 'e2', reasonCode: 'billing_error' }),
        row({ id: 'e3', reasonCode: 'service-outage' }),
        row({
          id: 'e4',
          kind: 'recurring_discount',
          reasonCode: 'retention_offer',
          amount: 3000,
          terms: JSON.stringify({ cycles: 6, startCycle: '2026-04', amountPerCycle: 500, percentBp: 1000 }),
        }),
        row({ id: 'e5', kind: 'fee_waiver', reasonCode: 'late_fee_waiver', amount: 750 }),
        row({ id: 'e6', kind: 'reversal', amount: -1000, reversesId: 'e1' }),
      ]),
    ).toEqual([
      { kind: 'credit', id: 'e1', date: '2026-03-05', amount: 1000, reason: 'goodwill' },
      { kind: 'credit', id: 'e2', date: '2026-03-05', amount: 1000, reason: 'billing-error' },
      { kind: 'credit', id: 'e3', date: '2026-03-05', amount: 1000, reason: 'service-outage' },
      {
        kind: 'credit',
        id: 'e4',
        date: '2026-03-05',
        amount: 3000,
        reason: 'retention',
        recurring: { cycles: 6, startCycle: '2026-04', amountPerCycle: 500, percentBp: 1000 },
      },
      { kind: 'credit', id: 'e5', date: '2026-03-05', amount: 750, reason: 'goodwill', waiver: 'late-fee' },
      { kind: 'credit', id: 'e6', date: '2026-03-05', amount: -1000, reason: 'reversal', reversesId: 'e1' },
    ]);
  });

  it('refuses a recurring discount whose terms cannot be billed', () => {
    const bad = (terms: unknown) => () => ledgerFromStore([row({ kind: 'recurring_discount', terms })]);
    expect(bad(null)).toThrow(BillingError);
    expect(bad({ cycles: 0, startCycle: '2026-04', amountPerCycle: 500 })).toThrow(BillingError);
    expect(bad({ cycles: 3, startCycle: '2026-13', amountPerCycle: 500 })).toThrow(BillingError);
    expect(bad({ cycles: 3, startCycle: '2026-04', amountPerCycle: -1 })).toThrow(BillingError);
    expect(bad('not json')).toThrow(BillingError);
  });
});
