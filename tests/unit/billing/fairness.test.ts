/**
 * The fairness check (core/billing/fairness.ts): an issued invoice set against the engine's
 * invoice for the same cycle from today's history. One worked example per cause, by hand
 * (test catalog, France, VAT 20 %, March of a past year: 31 days), and the property that an
 * invoice recomputed from a history that only grew after it was issued shows no difference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkInvoice,
  cycleOf,
  explainDifference,
  fairnessCauses,
  generateInvoice,
  summariseFairness,
  type AccountBillingContext,
  type Invoice,
  type InvoiceLine,
} from '../../../src/core/billing/index';
import { addDays } from '../../../src/core/billing/dates';
import { sumMinor } from '../../../src/core/money/money';
import { accountArb, catalogArb, dateArb, previousInvoiceArb, twoCyclesArb } from './arbitraries';
import { account, CATALOG, plain } from './fixtures';

const march = cycleOf('2025-03');
const basic = [{ from: '2025-01-01', planId: 'basic', optionIds: [] }];

/** An invoice whose lines were changed the way a faulty billing system would, its sums kept right. */
function issuedWith(invoice: Invoice, lines: readonly InvoiceLine[]): Invoice {
  const total = sumMinor(lines.map((l) => l.total));
  return {
    ...invoice,
    lines,
    subtotal: sumMinor(lines.map((l) => l.amount)),
    tax: sumMinor(lines.map((l) => l.tax)),
    total,
    amountDue: invoice.previousBalance - invoice.paymentsReceived + total,
  };
}

const bill = (overrides: Partial<AccountBillingContext>, catalog = CATALOG): Invoice => generateInvoice(catalog, account(overrides), march);

describe('the fairness check, one cause at a time', () => {
  it('an untouched invoice is right', () => {
    const now = bill({ subscription: basic, usage: [{ cycleStart: march.start, dataMb: 12_000, voiceMinutes: 0, sms: 0 }] });
    const check = checkInvoice(now, bill({ subscription: basic, usage: [{ cycleStart: march.start, dataMb: 12_000, voiceMinutes: 0, sms: 0 }] }));
    expect(check.differences).toEqual([]);
    expect([check.customerOwed, check.undercharged]).toEqual([0, 0]);
    expect(summariseFairness(check, 'en')).toBe('This bill is right: recalculated today, every line comes to the same amount.');
  });

  it('a fee billed twice: the customer is owed the copy, VAT included (€9.99 + €2.00 = €11.99)', () => {
    const now = bill({ subscription: basic });
    const fee = now.lines[0]!;
    expect([fee.amount, fee.tax, fee.total]).toEqual([999, 200, 1199]);
    const check = checkInvoice(issuedWith(now, [fee, fee]), now);
    expect(check.differences).toHaveLength(1);
    const d = check.differences[0]!;
    expect([d.issued, d.recomputed, d.difference, d.owedTo]).toEqual([2398, 1199, -1199, 'customer']);
    expect(d.cause).toEqual({ code: 'duplicate-fee', copies: 2 });
    expect(check.customerOwed).toBe(1199);
    expect(plain(explainDifference(d, 'EUR', 'en'))).toBe('The Essentiel plan from 1 to 31 March was charged twice instead of once: €11.99 in your favour.');
    expect(plain(explainDifference(d, 'EUR', 'fr'))).toBe(
      'Le forfait Essentiel du 1er au 31 mars a été facturé deux fois au lieu d’une : 11,99 € en votre faveur.',
    );
    expect(plain(summariseFairness(check, 'fr'))).toBe('Cette facture était trop élevée de 11,99 € TTC : nous vous devons 11,99 €.');
  });

  it('a one-off fee billed twice (paper bill €2.00 + €0.40)', () => {
    const now = bill({ subscription: basic, oneOffCharges: [{ id: 'p1', feeId: 'paper', date: march.end }] });
    const paper = now.lines.find((l) => l.explanation.code === 'one-off-fee')!;
    const check = checkInvoice(issuedWith(now, [...now.lines, paper]), now);
    expect(check.customerOwed).toBe(240);
    expect(plain(explainDifference(check.differences[0]!, 'EUR', 'fr'))).toBe(
      'Les frais de facture papier ont été facturés deux fois au lieu d’une : 2,40 € en votre faveur.',
    );
  });

  it('a promotion left off the bill: 50 % of €9.99 is €5.00 (half away from zero), €6.00 with its VAT', () => {
    const promotions = [{ promotionId: 'welcome', startDate: '2025-02-01' }];
    const now = bill({ subscription: basic, promotions });
    const promo = now.lines.find((l) => l.explanation.code === 'promotion')!;
    expect([promo.amount, promo.tax, promo.total]).toEqual([-500, -100, -600]);
    const check = checkInvoice(
      issuedWith(
        now,
        now.lines.filter((l) => l !== promo),
      ),
      now,
    );
    expect(check.differences.map((d) => [d.cause.code, d.issued, d.recomputed, d.difference])).toEqual([['promotion-not-applied', 0, -600, -600]]);
    expect(check.customerOwed).toBe(600);
    expect(plain(explainDifference(check.differences[0]!, 'EUR', 'en'))).toBe(
      'Your Bienvenue promotion was not applied from 1 to 31 March: €6.00 in your favour.',
    );
  });

  it('usage rated twice: the overage line billed twice, or on twice the usage recorded', () => {
    const usage = [{ cycleStart: march.start, dataMb: 12_000, voiceMinutes: 0, sms: 0 }];
    const now = bill({ subscription: basic, usage });
    const over = now.lines.find((l) => l.explanation.code === 'overage')!;
    // 2 000 MB over at 1 cent: €20.00 + €4.00 VAT.
    expect(over.total).toBe(2400);
    const twice = checkInvoice(issuedWith(now, [...now.lines, over]), now);
    expect(twice.differences[0]!.cause).toEqual({ code: 'usage-rated-twice', usage: 'dataMb', billedUsage: 24_000, recordedUsage: 12_000 });
    expect(twice.customerOwed).toBe(2400);

    // Usage counted twice before rating: 24 000 MB, 14 000 over = €140.00 + €28.00, against €24.00.
    const doubled = bill({ subscription: basic, usage: [{ ...usage[0]!, dataMb: 24_000 }] });
    const check = checkInvoice(doubled, now);
    expect(check.differences.map((d) => [d.cause.code, d.issued, d.recomputed])).toEqual([['usage-rated-twice', 16_800, 2400]]);
    expect(check.customerOwed).toBe(14_400);
    expect(plain(explainDifference(check.differences[0]!, 'EUR', 'fr'))).toBe(
      'Votre consommation de données a été comptée deux fois (24 000 Mo facturés pour 12 000 Mo relevés) : 144,00 € en votre faveur.',
    );
  });

  it('a plan change recorded after the bill: every line it moves, netted (Confort → Essentiel on 16 March)', () => {
    const issued = bill({ subscription: [{ from: '2025-01-01', planId: 'confort', optionIds: [] }] });
    const history = [
      { from: '2025-01-01', planId: 'confort', optionIds: [] },
      { from: '2025-03-16', planId: 'basic', optionIds: [] },
    ];
    const now = bill({ subscription: history });
    const facts = {
      changes: [
        { effectiveOn: '2025-01-01', recordedOn: '2025-01-01' },
        { effectiveOn: '2025-03-16', recordedOn: '2025-04-03' },
      ],
    };
    const check = checkInvoice(issued, now, facts);
    // Confort all month: 19.99 + 4.00 = 23.99. Now Confort 15/31 × 19.99 = 9.67 + 1.93 = 11.60
    // and Essentiel 16/31 × 9.99 = 5.16 + 1.03 = 6.19.
    expect(check.differences.map((d) => [d.lineId, d.issued, d.recomputed, d.difference, d.cause.code])).toEqual([
      ['plan:confort:2025-03-01', 2399, 1160, -1239, 'late-plan-change'],
      ['plan:basic:2025-03-16', 0, 619, 619, 'late-plan-change'],
    ]);
    expect([check.customerOwed, check.undercharged]).toEqual([620, 0]);
    expect(check.differences[0]!.cause).toEqual({
      code: 'late-plan-change',
      effectiveOn: '2025-03-16',
      recordedOn: '2025-04-03',
      fromPlan: 'Confort',
      toPlan: 'Essentiel',
    });
    expect(plain(explainDifference(check.differences[0]!, 'EUR', 'en'))).toBe(
      'Your change from the Confort plan to the Essentiel plan on 16 March was only recorded on 3 April, after this bill was issued. For the Confort plan from 1 to 31 March, €23.99 was charged instead of €11.60: €12.39 in your favour.',
    );
    expect(plain(explainDifference(check.differences[1]!, 'EUR', 'fr'))).toBe(
      'Votre passage du forfait Confort au forfait Essentiel le 16 mars n’a été enregistré que le 3 avril, après l’émission de cette facture. Pour le forfait Essentiel du 16 au 31 mars, 0,00 € facturés au lieu de 6,19 € : 6,19 € qui ne vous avaient pas été facturés.',
    );
    // The same change recorded in time is no late change: the lines are only calculated differently.
    expect(fairnessCauses(checkInvoice(issued, now, { changes: [{ effectiveOn: '2025-03-16', recordedOn: '2025-03-10' }] }))).toEqual([
      'calculated-differently',
    ]);
  });

  it('a price not in force: Essentiel billed at €10.99 instead of €9.99 (€13.19 against €11.99)', () => {
    const raised = {
      ...CATALOG,
      priceChanges: [
        ...CATALOG.priceChanges,
        { id: 'basic-up', target: { kind: 'plan' as const, planId: 'basic' }, effectiveFrom: '2025-03-01', monthlyFee: 1099 },
      ],
    };
    const issued = bill({ subscription: basic }, raised);
    const check = checkInvoice(issued, bill({ subscription: basic }));
    expect(check.differences.map((d) => [d.issued, d.recomputed, d.difference])).toEqual([[1319, 1199, -120]]);
    expect(check.differences[0]!.cause).toEqual({
      code: 'price-not-in-force',
      item: { kind: 'plan', id: 'basic', name: 'Essentiel' },
      billedMonthlyFee: 1099,
      monthlyFeeInForce: 999,
    });
    expect(plain(explainDifference(check.differences[0]!, 'EUR', 'fr'))).toBe(
      'Le forfait Essentiel a été facturé 10,99 € par mois au lieu du prix en vigueur, 9,99 € (hors TVA) : 1,20 € en votre faveur.',
    );
  });

  it('a price increase billed before the customer owed it (told on 2 April of a 1 May increase): €0.08 back', () => {
    const mayUp = {
      ...CATALOG,
      priceChanges: [{ id: 'premium-may', target: { kind: 'plan' as const, planId: 'premium' }, effectiveFrom: '2026-05-01', monthlyFee: 3199 }],
    };
    const premium = [{ from: '2026-01-01', planId: 'premium', optionIds: [] }];
    const may = cycleOf('2026-05');
    const told = { priceNotices: [{ priceChangeId: 'premium-may', notifiedOn: '2026-04-02' }] };
    // The bill a system that ignores notices issued: all May at €31.99 (3199 + 640 = 3839).
    const issued = generateInvoice(mayUp, account({ subscription: premium }), may);
    // What is owed: 1 May at €29.99 (97 + 19), 2–31 May at €31.99 (3096 + 619): 3831.
    const check = checkInvoice(issued, generateInvoice(mayUp, account({ subscription: premium, ...told }), may));
    expect(check.differences.map((d) => [d.cause.code, d.issued, d.recomputed, d.difference, d.owedTo])).toEqual([
      ['price-not-notified', 3839, 3831, -8, 'customer'],
    ]);
    expect(check.differences[0]!.cause).toEqual({
      code: 'price-not-notified',
      item: { kind: 'plan', id: 'premium', name: 'Premium' },
      newMonthlyFee: 3199,
      monthlyFeeOwed: 2999,
      effectiveFrom: '2026-05-01',
      notifiedOn: '2026-04-02',
      appliesFrom: '2026-05-02',
    });
    expect(check.customerOwed).toBe(8);
    expect(plain(explainDifference(check.differences[0]!, 'EUR', 'en'))).toBe(
      'The new price of the Premium plan, €31.99 a month before VAT, applies to you only from 2 May, one month after we told you about it on 2 April: the €0.08 charged at that price before then, VAT included, is refunded to you.',
    );
    expect(plain(explainDifference(check.differences[0]!, 'EUR', 'fr'))).toBe(
      'Le nouveau prix du forfait Premium, 31,99 € HT par mois, ne s’applique à vous qu’à partir du 2 mai, un mois après que nous vous en avons informé le 2 avril : les 0,08 € TTC facturés à ce prix avant cette date vous sont remboursés.',
    );

    // Told in time (1 April, exactly one month before; or 31 March): the same bill is right.
    for (const notifiedOn of ['2026-04-01', '2026-03-31']) {
      const inTime = generateInvoice(mayUp, account({ subscription: premium, priceNotices: [{ priceChangeId: 'premium-may', notifiedOn }] }), may);
      expect(checkInvoice(issued, inTime).differences).toEqual([]);
    }

    // No record of a notice: the whole increase for May, €2.40 with VAT (3839 against 3599).
    const never = checkInvoice(issued, generateInvoice(mayUp, account({ subscription: premium, priceNotices: [] }), may));
    expect(never.differences.map((d) => [d.cause.code, d.difference])).toEqual([['price-not-notified', -240]]);
    expect(plain(explainDifference(never.differences[0]!, 'EUR', 'en'))).toBe(
      'The new price of the Premium plan, €31.99 a month before VAT, cannot apply to you yet: we have no record of telling you about it a month before. The €2.40 charged at that price, VAT included, is refunded to you.',
    );
    expect(plain(explainDifference(never.differences[0]!, 'EUR', 'fr'))).toBe(
      'Le nouveau prix du forfait Premium, 31,99 € HT par mois, ne peut pas encore vous être appliqué : nous n’avons aucune trace de l’avis qui devait vous l’annoncer un mois avant. Les 2,40 € TTC facturés à ce prix vous sont remboursés.',
    );

    // A decrease needs no notice: billed from its date, there is nothing to find.
    const mayDown = { ...mayUp, priceChanges: [{ ...mayUp.priceChanges[0]!, monthlyFee: 2799 }] };
    const down = generateInvoice(mayDown, account({ subscription: premium }), may);
    expect(checkInvoice(down, generateInvoice(mayDown, account({ subscription: premium, priceNotices: [] }), may)).differences).toEqual([]);
  });

  it('an increase in the middle of the month, the bill cut on other days than the engine cuts it: one difference for the item', () => {
    // premium-up: €29.99 → €31.99 on 15 April 2026; told on 20 March, owed from 20 April.
    const premium = [{ from: '2026-01-01', planId: 'premium', optionIds: [] }];
    const april = cycleOf('2026-04');
    const issued = generateInvoice(CATALOG, account({ subscription: premium }), april);
    const now = generateInvoice(CATALOG, account({ subscription: premium, priceNotices: [{ priceChangeId: 'premium-up', notifiedOn: '2026-03-20' }] }), april);
    expect(now.lines.map((l) => l.explanation.code === 'recurring-fee' && [l.explanation.from, l.explanation.monthlyFee])).toEqual([
      ['2026-04-01', 2999],
      ['2026-04-15', 2999],
      ['2026-04-20', 3199],
    ]);
    const check = checkInvoice(issued, now);
    expect(check.differences).toHaveLength(1);
    const [d] = check.differences;
    expect([d!.cause.code, d!.issuedLines.length, d!.recomputedLines.length, d!.difference]).toEqual(['price-not-notified', 1, 2, now.total - issued.total]);
    expect(d!.difference).toBeLessThan(0);
    expect(check.customerOwed).toBe(issued.total - now.total);
  });

  it('a charge the bill left out is shown, never claimed back, and netted out of what the customer is owed', () => {
    const now = bill({ subscription: basic, oneOffCharges: [{ id: 'p1', feeId: 'paper', date: march.end }] });
    const withoutPaper = issuedWith(
      now,
      now.lines.filter((l) => l.explanation.code !== 'one-off-fee'),
    );
    const under = checkInvoice(withoutPaper, now);
    expect(under.differences.map((d) => [d.cause.code, d.owedTo, d.difference])).toEqual([['calculated-differently', 'company', 240]]);
    expect([under.customerOwed, under.undercharged]).toEqual([0, 240]);
    expect(plain(summariseFairness(under, 'en'))).toBe('This bill charged you €2.40 less than today’s calculation; we are not asking you for it.');
    expect(plain(summariseFairness(under, 'fr'))).toBe(
      'Cette facture vous a facturé 2,40 € de moins que le calcul d’aujourd’hui ; nous ne vous réclamons rien.',
    );

    const fee = now.lines[0]!;
    const both = checkInvoice(issuedWith(now, [fee, fee]), now);
    expect(fairnessCauses(both)).toEqual(['duplicate-fee', 'calculated-differently']);
    expect([both.customerOwed, both.undercharged]).toEqual([1199 - 240, 0]);
  });

  it('refuses to compare bills of two cycles', () => {
    expect(() => checkInvoice(bill({ subscription: basic }), generateInvoice(CATALOG, account({ subscription: basic }), cycleOf('2025-04')))).toThrow(
      RangeError,
    );
  });
});

describe('property: a history that only grew after the bill was issued changes nothing on it', () => {
  it('recomputing an untouched invoice finds nothing (10 000 histories)', () => {
    fc.assert(
      fc.property(
        catalogArb,
        twoCyclesArb.chain(({ prev, curr }) =>
          fc.record({
            prev: fc.constant(prev),
            curr: fc.constant(curr),
            account: accountArb(prev, curr),
            before: previousInvoiceArb(prev, 14),
            // The account's notices of the catalog's increases (or none tracked): told on any day around the bill.
            notices: fc.option(
              fc.array(
                fc.record({
                  priceChangeId: fc.constantFrom(...CATALOG.priceChanges.map((c) => c.id)),
                  notifiedOn: dateArb(addDays(prev.start, -90), prev.end),
                }),
                {
                  maxLength: 2,
                },
              ),
              { nil: undefined },
            ),
            later: fc.record({
              day: dateArb(curr.start, curr.end),
              planId: fc.constantFrom(...CATALOG.plans.map((p) => p.id)),
              payment: fc.integer({ min: 1, max: 50_000 }),
              credit: fc.integer({ min: 1, max: 5_000 }),
              recordedAfter: fc.integer({ min: 0, max: 60 }),
            }),
          }),
        ),
        (catalog, { prev, account: tracked, before, later, notices }) => {
          const history: AccountBillingContext = notices ? { ...tracked, priceNotices: notices } : tracked;
          const issued = generateInvoice(catalog, history, prev, before);
          // After the bill: a plan change in the next cycle, a payment, a credit, a fee, next month's usage.
          const grown: AccountBillingContext = {
            ...history,
            subscription: [...history.subscription.filter((c) => c.from < later.day), { from: later.day, planId: later.planId, optionIds: [] }],
            payments: [...history.payments, { id: 'later-payment', date: later.day, amount: later.payment }],
            ledger: [...history.ledger, { kind: 'credit', id: 'later-credit', date: later.day, amount: later.credit, reason: 'billing-error' }],
            oneOffCharges: [...history.oneOffCharges, { id: 'later-fee', feeId: 'paper', date: later.day }],
            // A notice sent after the bill (of every increase) owes nothing on it.
            ...(notices ? { priceNotices: [...notices, ...CATALOG.priceChanges.map((c) => ({ priceChangeId: c.id, notifiedOn: later.day }))] } : {}),
          };
          const recomputed = generateInvoice(catalog, grown, prev, before);
          const facts = { changes: [{ effectiveOn: later.day, recordedOn: addDays(issued.issueDate, later.recordedAfter) }] };
          const check = checkInvoice(issued, recomputed, facts);
          expect(check.differences).toEqual([]);
          expect([check.customerOwed, check.undercharged, check.recomputedTotal]).toEqual([0, 0, issued.total]);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
