import { describe, expect, it } from 'vitest';
import {
  compareInvoices,
  cycleOf,
  explainCause,
  generateInvoice,
  summariseComparison,
  type AccountBillingContext,
  type InvoiceComparison,
} from '../../../src/core/billing/index';
import { account, CATALOG, plain, refusal } from './fixtures';

function compare(before: AccountBillingContext, after: AccountBillingContext, prevMonth: string, currMonth: string): InvoiceComparison {
  const previous = generateInvoice(CATALOG, before, cycleOf(prevMonth));
  const current = generateInvoice(CATALOG, after, cycleOf(currMonth));
  return compareInvoices(previous, current);
}

const causes = (cmp: InvoiceComparison) => cmp.causes.map((c) => [c.code, c.amount]);
const sumOfCauses = (cmp: InvoiceComparison) => cmp.causes.reduce((s, c) => s + c.amount, 0);
const en = (cmp: InvoiceComparison) => plain(summariseComparison(cmp, 'en'));
const fr = (cmp: InvoiceComparison) => plain(summariseComparison(cmp, 'fr'));

describe('bill comparison, one worked example per cause', () => {
  it('plan change', () => {
    // Feb: Confort 1999 + VAT 400 = 2399.
    // Mar: Confort 1–11: 709 + 142, Premium 12–31: 1935 + 387 → 3173. Difference 774, all of it the change.
    const a = account({
      subscription: [
        { from: '2026-01-01', planId: 'confort', optionIds: [] },
        { from: '2026-03-12', planId: 'premium', optionIds: [] },
      ],
    });
    const cmp = compare(a, a, '2026-02', '2026-03');
    expect(cmp.difference).toBe(774);
    expect(causes(cmp)).toEqual([['plan-change', 774]]);
    expect(cmp.causes[0]).toMatchObject({ fromPlan: 'Confort', toPlan: 'Premium', changedOn: '2026-03-12' });
    expect(en(cmp)).toBe('Your bill is €7.74 higher, mainly because you changed from the Confort plan to the Premium plan on 12 March (+€7.74).');
    expect(fr(cmp)).toBe(
      'Votre facture est plus élevée de 7,74 €, principalement parce que votre forfait est passé de Confort à Premium le 12 mars (+7,74 €).',
    );
  });

  it('promotion ended', () => {
    // 6-month 50% promotion from 4 Sept 2025, last day 3 March 2026.
    // Feb: 2999 + 600 − 1500 − 300 = 1799. Mar: 2999 + 600 − 145 − 29 = 3425 (2999 × 50% × 3/31 = 145.11 → 145).
    // Difference 1626 = (1500 + 300) − (145 + 29).
    const a = account({
      subscription: [{ from: '2025-09-04', planId: 'premium', optionIds: [] }],
      promotions: [{ promotionId: 'welcome', startDate: '2025-09-04' }],
    });
    const cmp = compare(a, a, '2026-02', '2026-03');
    expect(causes(cmp)).toEqual([['promotion-ended', 1626]]);
    expect(en(cmp)).toBe('Your bill is €16.26 higher, mainly because your 6-month promotion ended on 3 March (+€16.26).');
    expect(fr(cmp)).toBe("Votre facture est plus élevée de 16,26 €, principalement parce que votre promotion de 6 mois s'est terminée le 3 mars (+16,26 €).");
    // The month after, the last 3 days of discount go (145 + 29 = 174), and April also brings the
    // Premium price rise of 15 April (+128, see below): Apr 3727 − Mar 3425 = 302 = 174 + 128.
    expect(causes(compare(a, a, '2026-03', '2026-04'))).toEqual([
      ['promotion-ended', 174],
      ['price-change', 128],
    ]);
  });

  it('promotion started', () => {
    // Feb: 2999 + 600 = 3599. Mar: 50% from 1 March: −1500 − 300 → 1799. Difference −1800.
    const before = account({ subscription: [{ from: '2026-01-01', planId: 'premium', optionIds: [] }] });
    const after = { ...before, promotions: [{ promotionId: 'welcome', startDate: '2026-03-01' }] };
    const cmp = compare(before, after, '2026-02', '2026-03');
    expect(causes(cmp)).toEqual([['promotion-started', -1800]]);
    expect(en(cmp)).toBe('Your bill is €18.00 lower, mainly because your Bienvenue promotion started on 1 March (-€18.00).');
    expect(fr(cmp)).toBe('Votre facture est moins élevée de 18,00 €, principalement parce que votre promotion Bienvenue a commencé le 1er mars (-18,00 €).');
  });

  it('price increase, mid-month then in full', () => {
    const a = account({ subscription: [{ from: '2026-01-01', planId: 'premium', optionIds: [] }] });
    // Mar: 3599. Apr: 1400 + 280 + 1706 + 341 = 3727. Difference 128:
    // the 16 days at the new price (1706 + 341 = 2047) against the same days at the old one
    // (2999 × 16/30 = 1599.47 → 1599, + 320 VAT = 1919): 2047 − 1919 = 128.
    const april = compare(a, a, '2026-03', '2026-04');
    expect(causes(april)).toEqual([['price-change', 128]]);
    expect(april.causes[0]).toMatchObject({ previousMonthlyFee: 2999, newMonthlyFee: 3199, effectiveFrom: '2026-04-15' });
    // May: 3199 + 640 = 3839 against 3727: 112, the rest of the increase.
    const may = compare(a, a, '2026-04', '2026-05');
    expect(causes(may)).toEqual([['price-change', 112]]);
    expect(en(may)).toBe('Your bill is €1.12 higher, mainly because the price of the Premium plan went up from €29.99 to €31.99 a month on 15 April (+€1.12).');
    expect(fr(may)).toBe(
      'Votre facture est plus élevée de 1,12 €, principalement parce que le prix du forfait Premium est passé de 29,99 € à 31,99 € par mois le 15 avril (+1,12 €).',
    );
  });

  it('usage above the allowance', () => {
    // Essentiel, 10 000 MB included. Feb: 10 000 MB, nothing over. Mar: 12 500 MB → 2500 + 500 VAT = 3000.
    const a = account({
      subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }],
      usage: [
        { cycleStart: '2026-02-01', dataMb: 10_000, voiceMinutes: 0, sms: 0 },
        { cycleStart: '2026-03-01', dataMb: 12_500, voiceMinutes: 0, sms: 0 },
      ],
    });
    const cmp = compare(a, a, '2026-02', '2026-03');
    expect(causes(cmp)).toEqual([['usage-overage', 3000]]);
    expect(en(cmp)).toBe(
      'Your bill is €30.00 higher, mainly because you went 2,500 MB over your data allowance, and had stayed within it on the previous bill (+€30.00).',
    );
    expect(fr(cmp)).toBe(
      'Votre facture est plus élevée de 30,00 €, principalement parce que vous avez dépassé votre enveloppe de données de 2 500 Mo, sans dépassement sur la facture précédente (+30,00 €).',
    );
  });

  it('new option', () => {
    // Voyage Europe from 12 March: 500 × 20/31 = 322.58 → 323, VAT 64.6 → 65 → 388.
    const a = account({
      subscription: [
        { from: '2026-01-01', planId: 'basic', optionIds: [] },
        { from: '2026-03-12', planId: 'basic', optionIds: ['europe'] },
      ],
    });
    const cmp = compare(a, a, '2026-02', '2026-03');
    expect(causes(cmp)).toEqual([['option-added', 388]]);
    expect(en(cmp)).toBe('Your bill is €3.88 higher, mainly because you added the Voyage Europe option on 12 March (+€3.88).');
    expect(fr(cmp)).toBe("Votre facture est plus élevée de 3,88 €, principalement parce que vous avez ajouté l'option Voyage Europe le 12 mars (+3,88 €).");
  });

  it('removed option', () => {
    // Feb: Europe 500 + 100. Mar: removed from 21 March, billed 1–20: 323 + 65 = 388 → −212. Apr: none → −388.
    const a = account({
      subscription: [
        { from: '2026-01-01', planId: 'basic', optionIds: ['europe'] },
        { from: '2026-03-21', planId: 'basic', optionIds: [] },
      ],
    });
    const march = compare(a, a, '2026-02', '2026-03');
    expect(causes(march)).toEqual([['option-removed', -212]]);
    expect(march.causes[0]).toMatchObject({ lastDay: '2026-03-20' });
    const april = compare(a, a, '2026-03', '2026-04');
    expect(causes(april)).toEqual([['option-removed', -388]]);
    expect(en(april)).toBe('Your bill is €3.88 lower, mainly because your Voyage Europe option ended on 20 March (-€3.88).');
    expect(fr(april)).toBe('Votre facture est moins élevée de 3,88 €, principalement parce que votre option Voyage Europe a pris fin le 20 mars (-3,88 €).');
  });

  it('one-off fee', () => {
    // Installation 4900 + 980 VAT = 5880 in March only.
    const a = account({
      subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }],
      oneOffCharges: [{ id: 'c1', feeId: 'installation', date: '2026-03-05' }],
    });
    const march = compare(a, a, '2026-02', '2026-03');
    expect(causes(march)).toEqual([['one-off-fee', 5880]]);
    expect(en(march)).toBe('Your bill is €58.80 higher, mainly because a one-off installation fee was charged (+€58.80).');
    expect(fr(march)).toBe("Votre facture est plus élevée de 58,80 €, principalement parce que des frais d'installation ont été facturés (+58,80 €).");
    const april = compare(a, a, '2026-03', '2026-04');
    expect(causes(april)).toEqual([['one-off-fee', -5880]]);
    expect(en(april)).toBe('Your bill is €58.80 lower, mainly because the one-off installation fee on the previous bill is not charged again (-€58.80).');
  });

  it('late fee', () => {
    // The February bill (3000 due 15 March) was not paid: late fee 750, no VAT.
    const a = account({ subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }] });
    const february = generateInvoice(CATALOG, a, cycleOf('2026-02'));
    const march = generateInvoice(CATALOG, a, cycleOf('2026-03'), { ...february, amountDue: 3000 });
    const cmp = compareInvoices(february, march);
    expect(causes(cmp)).toEqual([['late-fee', 750]]);
    expect(en(cmp)).toBe(
      'Your bill is €7.50 higher, mainly because a late payment fee was charged because the previous bill was not paid in full by 15 March (+€7.50).',
    );
    expect(fr(cmp)).toBe(
      "Votre facture est plus élevée de 7,50 €, principalement parce que des frais de retard ont été facturés car la facture précédente n'était pas entièrement payée le 15 mars (+7,50 €).",
    );
    const april = generateInvoice(CATALOG, a, cycleOf('2026-04'), { ...march, amountDue: 0 });
    expect(causes(compareInvoices(march, april))).toEqual([['late-fee', -750]]);
    expect(fr(compareInvoices(march, april))).toBe(
      "Votre facture est moins élevée de 7,50 €, principalement parce qu'il n'y a pas de frais de retard cette fois-ci (-7,50 €).",
    );
  });

  it('credit', () => {
    // A €10.00 goodwill credit in March, outside VAT: −1000.
    const a = account({
      subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }],
      ledger: [{ kind: 'credit', id: 'l1', date: '2026-03-20', amount: 1000, reason: 'goodwill' }],
    });
    const cmp = compare(a, a, '2026-02', '2026-03');
    expect(causes(cmp)).toEqual([['credit', -1000]]);
    expect(en(cmp)).toBe('Your bill is €10.00 lower, mainly because you received a credit of €10.00 (-€10.00).');
    expect(fr(cmp)).toBe('Votre facture est moins élevée de 10,00 €, principalement parce que vous avez reçu un avoir de 10,00 € (-10,00 €).');
  });

  it('proration (first bill covered part of the month)', () => {
    // Feb: Premium from 15 Feb, 14 of 28 days: 2999 × 14/28 = 1499.5 → 1500, VAT 300 → 1800. Mar: 3599. +1799.
    const a = account({ subscription: [{ from: '2026-02-15', planId: 'premium', optionIds: [] }] });
    const cmp = compare(a, a, '2026-02', '2026-03');
    expect(causes(cmp)).toEqual([['proration', 1799]]);
    expect(en(cmp)).toBe(
      'Your bill is €17.99 higher, mainly because the Premium plan was billed for 31 of 31 days, against 14 of 28 days on the previous bill (+€17.99).',
    );
    expect(fr(cmp)).toBe(
      'Votre facture est plus élevée de 17,99 €, principalement parce que le forfait Premium a été facturé 31 jours sur 31, contre 14 jours sur 28 sur la facture précédente (+17,99 €).',
    );
  });

  it('tax (VAT rate changed)', () => {
    // Premium 2999 in France (20%: 600 → 3599) then in Belgium (21%: 629.79 → 630 → 3629). +30, all VAT.
    const a = account({ subscription: [{ from: '2026-01-01', planId: 'premium', optionIds: [] }] });
    const cmp = compare(a, { ...a, country: 'BE' }, '2026-02', '2026-03');
    expect(causes(cmp)).toEqual([['tax', 30]]);
    expect(en(cmp)).toBe('Your bill is €0.30 higher, mainly because the VAT rate changed from 20% to 21% (+€0.30).');
    expect(fr(cmp)).toBe('Votre facture est plus élevée de 0,30 €, principalement parce que le taux de TVA est passé de 20 % à 21 % (+0,30 €).');
  });

  it('the same bill', () => {
    const a = account({ subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }] });
    const cmp = compare(a, a, '2026-02', '2026-03');
    expect(cmp.difference).toBe(0);
    expect(cmp.causes).toEqual([]);
    expect(en(cmp)).toBe('Your bill is the same as last month.');
    expect(fr(cmp)).toBe('Votre facture est identique à celle du mois dernier.');
  });
});

describe('bill comparison at the start and the end of a subscription', () => {
  it('a first bill against an empty one names the plan that started', () => {
    // Jan: nothing. Feb: Premium from 15 Feb, 2999 × 14/28 = 1499.5 → 1500 + 300 = 1800.
    const a = account({ subscription: [{ from: '2026-02-15', planId: 'premium', optionIds: [] }] });
    const cmp = compare(a, a, '2026-01', '2026-02');
    expect(causes(cmp)).toEqual([['plan-change', 1800]]);
    expect(en(cmp)).toBe('Your bill is €18.00 higher, mainly because your Premium plan started on 15 February (+€18.00).');
  });

  it('a cancellation shows as the days no longer billed', () => {
    // Premium cancelled from 21 March: Mar 1935 + 387 = 2322 against Feb 3599 → −1277; Apr: nothing → −2322.
    const a = account({
      subscription: [
        { from: '2026-01-01', planId: 'premium', optionIds: [] },
        { from: '2026-03-21', planId: null, optionIds: [] },
      ],
    });
    expect(causes(compare(a, a, '2026-02', '2026-03'))).toEqual([['proration', -1277]]);
    const april = compare(a, a, '2026-03', '2026-04');
    expect(causes(april)).toEqual([['plan-change', -2322]]);
    expect(fr(april)).toBe(
      'Votre facture est moins élevée de 23,22 €, principalement parce que votre forfait Premium a été résilié à partir du 21 mars (-23,22 €).',
    );
  });

  it('a promotion lost by changing plan counts with the plan change', () => {
    // Bienvenue (50%, from 1 Jan) applies to Premium, not to Premium Bis. Switch on 1 March.
    // Feb: 2999 + 600 − 1500 − 300 = 1799. Mar: Premium Bis 2999 + 600 = 3599. +1800, one cause.
    const a = account({
      subscription: [
        { from: '2026-01-01', planId: 'premium', optionIds: [] },
        { from: '2026-03-01', planId: 'premium-bis', optionIds: [] },
      ],
      promotions: [{ promotionId: 'welcome', startDate: '2026-01-01' }],
    });
    const cmp = compare(a, a, '2026-02', '2026-03');
    expect(causes(cmp)).toEqual([['plan-change', 1800]]);
  });
});

describe('bill comparison with several causes', () => {
  // Feb: Confort 1999 + 400, welcome promotion (from 4 Sept, ends 3 March) −1000 − 200 → 1199.
  // Mar: Confort 1–11 709 + 142, promotion 1–3 March (1999 × 50% × 3/31 = 96.73 → −97, VAT −19.4 → −19),
  //      Premium 12–31 1935 + 387 (Bienvenue over by then), installation 4900 + 980, credit −1000
  //      → 709+142−97−19+1935+387+4900+980−1000 = 7937. Difference 6738.
  const a = account({
    subscription: [
      { from: '2025-09-04', planId: 'confort', optionIds: [] },
      { from: '2026-03-12', planId: 'premium', optionIds: [] },
    ],
    promotions: [{ promotionId: 'welcome', startDate: '2025-09-04' }],
    oneOffCharges: [{ id: 'c1', feeId: 'installation', date: '2026-03-12' }],
    ledger: [{ kind: 'credit', id: 'l1', date: '2026-03-20', amount: 1000, reason: 'goodwill' }],
  });
  const cmp = compare(a, a, '2026-02', '2026-03');

  it('adds up exactly to the difference, largest first', () => {
    expect(cmp.difference).toBe(7937 - 1199);
    expect(sumOfCauses(cmp)).toBe(cmp.difference);
    // plan: (709+142+1935+387) − (1999+400) = 774; promotion: (−97−19) − (−1000−200) = 1084.
    expect(causes(cmp)).toEqual([
      ['one-off-fee', 5880],
      ['promotion-ended', 1084],
      ['credit', -1000],
      ['plan-change', 774],
    ]);
  });

  it('explains each cause in both languages', () => {
    expect(cmp.causes.map((c) => plain(explainCause(c, 'EUR', 'en', 2026)))).toEqual([
      'A one-off installation fee was charged: +€58.80',
      'Your 6-month promotion ended on 3 March: +€10.84',
      'You received a credit of €10.00: -€10.00',
      'You changed from the Confort plan to the Premium plan on 12 March: +€7.74',
    ]);
    expect(cmp.causes.map((c) => plain(explainCause(c, 'EUR', 'fr', 2026)))).toEqual([
      "Des frais d'installation ont été facturés : +58,80 €",
      "Votre promotion de 6 mois s'est terminée le 3 mars : +10,84 €",
      'Vous avez reçu un avoir de 10,00 € : -10,00 €',
      'Votre forfait est passé de Confort à Premium le 12 mars : +7,74 €',
    ]);
  });

  it('names the main cause pulling the same way as the difference', () => {
    expect(en(cmp)).toBe('Your bill is €67.38 higher, mainly because a one-off installation fee was charged (+€58.80).');
  });

  it('refuses to compare bills in different currencies', () => {
    const previous = generateInvoice(CATALOG, a, cycleOf('2026-02'));
    expect(refusal(() => compareInvoices(previous, { ...previous, currency: 'GBP' }))).toBe('currency-mismatch');
  });
});
