import { describe, expect, it } from 'vitest';
import { cycleOf, explainLine, generateInvoice, type Invoice, type LineCode } from '../../../src/core/billing/index';
import { account, CATALOG, plain } from './fixtures';

const sentences = (invoice: Invoice, code: LineCode, locale: 'en' | 'fr') =>
  invoice.lines.filter((l) => l.explanation.code === code).map((l) => plain(explainLine(l, locale)));

describe('line explanations in English and French', () => {
  const planChange = generateInvoice(
    CATALOG,
    account({
      subscription: [
        { from: '2025-09-01', planId: 'confort', optionIds: [] },
        { from: '2026-03-12', planId: 'premium', optionIds: ['europe'] },
      ],
      promotions: [{ promotionId: 'welcome', startDate: '2025-10-04' }],
    }),
    cycleOf('2026-03'),
  );

  it('explains a prorated fee: days used of the days in the month', () => {
    expect(sentences(planChange, 'recurring-fee', 'en')).toEqual([
      'Confort plan from 1 to 11 March: 11 of 31 days at €19.99 a month = €7.09',
      'Premium plan from 12 to 31 March: 20 of 31 days at €29.99 a month = €19.35',
      'Voyage Europe option from 12 to 31 March: 20 of 31 days at €5.00 a month = €3.23',
    ]);
    expect(sentences(planChange, 'recurring-fee', 'fr')).toEqual([
      'Forfait Confort du 1er au 11 mars : 11 jours sur 31 à 19,99 € par mois = 7,09 €',
      'Forfait Premium du 12 au 31 mars : 20 jours sur 31 à 29,99 € par mois = 19,35 €',
      'Option Voyage Europe du 12 au 31 mars : 20 jours sur 31 à 5,00 € par mois = 3,23 €',
    ]);
  });

  it('explains a promotion with its discount, length and end date', () => {
    // Confort 1–11 March, 50%: 1999 × 50% × 11/31 = 354.66 → 355. Premium 12–31 March: 2999 × 50% × 20/31 = 967.42 → 967.
    expect(sentences(planChange, 'promotion', 'en')).toEqual([
      'Promotion Bienvenue (50% off the Confort plan, 6 months until 3 April) from 1 to 11 March: 11 of 31 days = -€3.55',
      'Promotion Bienvenue (50% off the Premium plan, 6 months until 3 April) from 12 to 31 March: 20 of 31 days = -€9.67',
    ]);
    expect(sentences(planChange, 'promotion', 'fr')).toEqual([
      "Promotion Bienvenue (-50 % sur le forfait Confort, 6 mois jusqu'au 3 avril) du 1er au 11 mars : 11 jours sur 31 = -3,55 €",
      "Promotion Bienvenue (-50 % sur le forfait Premium, 6 mois jusqu'au 3 avril) du 12 au 31 mars : 20 jours sur 31 = -9,67 €",
    ]);
  });

  it('explains a full month, a new price and an amount off', () => {
    const april = generateInvoice(
      CATALOG,
      account({
        subscription: [{ from: '2026-01-01', planId: 'premium', optionIds: [] }],
        promotions: [{ promotionId: 'fixed', startDate: '2026-01-01' }],
      }),
      cycleOf('2026-04'),
    );
    expect(sentences(april, 'recurring-fee', 'en')).toEqual([
      'Premium plan from 1 to 14 April: 14 of 30 days at €29.99 a month = €14.00',
      'Premium plan from 15 to 30 April: 16 of 30 days at €31.99 a month (new price from 15 April, was €29.99) = €17.06',
    ]);
    expect(sentences(april, 'recurring-fee', 'fr')[1]).toBe(
      'Forfait Premium du 15 au 30 avril : 16 jours sur 30 à 31,99 € par mois (nouveau prix depuis le 15 avril, au lieu de 29,99 €) = 17,06 €',
    );
    // €5.00 a month: 500 × 14/30 = 233.33 → 233; 500 × 16/30 = 266.67 → 267.
    expect(sentences(april, 'promotion', 'en')[0]).toBe(
      'Promotion Remise 5 € (€5.00 a month off the Premium plan, 12 months until 31 December) from 1 to 14 April: 14 of 30 days = -€2.33',
    );
    expect(sentences(april, 'promotion', 'fr')[1]).toBe(
      "Promotion Remise 5 € (-5,00 € par mois sur le forfait Premium, 12 mois jusqu'au 31 décembre) du 15 au 30 avril : 16 jours sur 30 = -2,67 €",
    );
    const may = generateInvoice(CATALOG, account({ subscription: [{ from: '2026-01-01', planId: 'premium', optionIds: [] }] }), cycleOf('2026-05'));
    expect(sentences(may, 'recurring-fee', 'en')).toEqual(['Premium plan from 1 to 31 May: full month at €31.99 a month = €31.99']);
    expect(sentences(may, 'recurring-fee', 'fr')).toEqual(['Forfait Premium du 1er au 31 mai : mois complet à 31,99 € par mois = 31,99 €']);
  });

  it('explains overage with usage, allowance and rate', () => {
    const invoice = generateInvoice(
      CATALOG,
      account({
        subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }],
        usage: [{ cycleStart: '2026-03-01', dataMb: 12_500, voiceMinutes: 130, sms: 120 }],
      }),
      cycleOf('2026-03'),
    );
    expect(sentences(invoice, 'overage', 'en')).toEqual([
      'Data above the Essentiel plan allowance: 12,500 MB used, 10,000 MB included, 2,500 MB over at €0.01 per MB = €25.00',
      'Calls above the Essentiel plan allowance: 130 minutes used, 100 minutes included, 30 minutes over at €0.25 per minute = €7.50',
      'Texts above the Essentiel plan allowance: 120 SMS sent, 100 SMS included, 20 SMS over at €0.10 per SMS = €2.00',
    ]);
    expect(sentences(invoice, 'overage', 'fr')).toEqual([
      'Dépassement de données du forfait Essentiel : 12 500 Mo consommés, 10 000 Mo inclus, 2 500 Mo en plus à 0,01 € par Mo = 25,00 €',
      "Dépassement d'appels du forfait Essentiel : 130 minutes consommées, 100 minutes incluses, 30 minutes en plus à 0,25 € la minute = 7,50 €",
      'Dépassement de SMS du forfait Essentiel : 120 SMS envoyés, 100 SMS inclus, 20 SMS en plus à 0,10 € par SMS = 2,00 €',
    ]);
  });

  it('explains one-off fees, the late fee and credits', () => {
    const invoice = generateInvoice(
      CATALOG,
      account({
        subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }],
        oneOffCharges: [
          { id: 'c1', feeId: 'installation', date: '2026-03-05' },
          { id: 'c2', feeId: 'visit', date: '2026-03-06' },
        ],
        payments: [{ id: 'p1', date: '2026-03-10', amount: 2000 }],
        ledger: [
          { kind: 'credit', id: 'l1', date: '2026-03-20', amount: 1000, reason: 'service-outage' },
          { kind: 'credit', id: 'l2', date: '2026-03-21', amount: -1000, reason: 'reversal', reversesId: 'l1' },
        ],
      }),
      cycleOf('2026-03'),
      { id: 'acc-1:2026-02-01', issueDate: '2026-03-01', dueDate: '2026-03-15', amountDue: 3000 },
    );
    expect(sentences(invoice, 'one-off-fee', 'en')).toEqual(['Installation fee on 5 March: €49.00', 'Technician visit charge on 6 March: €60.00']);
    expect(sentences(invoice, 'one-off-fee', 'fr')).toEqual(["Frais d'installation le 5 mars : 49,00 €", 'Frais « Technician visit » le 6 mars : 60,00 €']);
    expect(sentences(invoice, 'late-fee', 'en')).toEqual([
      'Late payment fee: your previous bill (€30.00 due on 15 March) was not paid in full by its due date (only €20.00 received) = €7.50',
    ]);
    expect(sentences(invoice, 'late-fee', 'fr')).toEqual([
      "Frais de retard de paiement : votre facture précédente (30,00 € à régler au plus tard le 15 mars) n'a pas été entièrement payée à l'échéance (seulement 20,00 € reçus) = 7,50 €",
    ]);
    // Credits now lower the taxable base (the issue: a price reduction reduces the VAT too); the
    // sentence says the amount VAT included and its VAT treatment.
    expect(sentences(invoice, 'credit', 'en')).toEqual([
      'Credit on 20 March (service outage): -€10.00 (price reduction, VAT included: -€8.33 excl. VAT, -€1.67 VAT)',
      'Reversal of a credit on 21 March: €10.00 (price reduction, VAT included: €8.33 excl. VAT, €1.67 VAT)',
    ]);
    expect(sentences(invoice, 'credit', 'fr')).toEqual([
      'Avoir du 20 mars (panne de service) : -10,00 € (réduction de prix, TVA incluse : -8,33 € HT, -1,67 € de TVA)',
      "Annulation d'un avoir le 21 mars : 10,00 € (réduction de prix, TVA incluse : 8,33 € HT, 1,67 € de TVA)",
    ]);
  });

  it('says "on" for a single day', () => {
    const invoice = generateInvoice(CATALOG, account({ subscription: [{ from: '2026-03-31', planId: 'premium', optionIds: [] }] }), cycleOf('2026-03'));
    // 2999 × 1/31 = 96.74 → 97
    expect(sentences(invoice, 'recurring-fee', 'en')).toEqual(['Premium plan on 31 March: 1 of 31 days at €29.99 a month = €0.97']);
    expect(sentences(invoice, 'recurring-fee', 'fr')).toEqual(['Forfait Premium le 31 mars : 1 jour sur 31 à 29,99 € par mois = 0,97 €']);
  });
});
