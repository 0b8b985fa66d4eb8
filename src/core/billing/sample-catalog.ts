/**
 * A realistic catalog for demos and tests: French mobile and broadband plans, prices net of VAT
 * in euro cents. The April 2026 price increase and the promotions give the bill comparison
 * something to explain.
 */
import type { Minor } from '../money/money';
import type { Catalog, Id, Plan } from './types';

const MB_PER_GB = 1024;
const U = 'unlimited';

/**
 * A plan in one row: its monthly fee, what it includes (data in GB, call minutes, SMS) and the
 * price of each MB, minute and SMS beyond that, in euro cents net of VAT.
 */
function plan(
  id: Id,
  name: string,
  monthlyFee: Minor,
  [dataGb, voiceMinutes, sms]: readonly [number | typeof U, number | typeof U, number | typeof U],
  [perMb, perMinute, perSms]: readonly [number, number, number],
): Plan {
  return {
    id,
    name,
    monthlyFee,
    allowances: { dataMb: dataGb === U ? U : dataGb * MB_PER_GB, voiceMinutes, sms },
    overageRates: { dataMb: perMb, voiceMinutes: perMinute, sms: perSms },
  };
}

export const SAMPLE_CATALOG: Catalog = {
  currency: 'EUR',
  plans: [
    plan('essentiel', 'Essentiel', 999, [10, 120, U], [1, 25, 10]),
    plan('confort', 'Confort', 1999, [50, U, U], [1, 0, 0]),
    plan('premium', 'Premium', 2999, [150, U, U], [1, 0, 0]),
    plan('illimite', 'Illimité', 3999, [U, U, U], [0, 0, 0]),
    plan('fibre-mobile', 'Fibre + Mobile', 4999, [100, U, U], [1, 0, 0]),
    // Legacy plan: customers keep it, nobody can switch to it.
    { ...plan('decouverte', 'Découverte', 499, [2, 60, 100], [2, 35, 10]), sellable: false },
  ],
  options: [
    { id: 'voyage-europe', name: 'Voyage Europe', monthlyFee: 500 },
    { id: 'data-plus', name: 'Data+ 20 Go', monthlyFee: 499, extraAllowances: { dataMb: 20 * MB_PER_GB } },
    { id: 'tv', name: 'TV Essentielle', monthlyFee: 799 },
    { id: 'assurance', name: 'Assurance mobile', monthlyFee: 699 },
  ],
  oneOffFees: [
    { id: 'installation', kind: 'installation', name: 'Installation', amount: 4900, taxable: true },
    { id: 'late-payment', kind: 'late-payment', name: 'Frais de retard', amount: 750, taxable: false },
    { id: 'paper-bill', kind: 'paper-bill', name: 'Facture papier', amount: 200, taxable: true },
    { id: 'sim-card', kind: 'sim-card', name: 'Carte SIM', amount: 1000, taxable: true },
  ],
  promotions: [
    {
      id: 'bienvenue',
      name: 'Bienvenue',
      target: { kind: 'plan', planIds: ['essentiel', 'confort', 'premium'] },
      discount: { kind: 'percent', basisPoints: 5000 },
      cycles: 6,
    },
    {
      id: 'fibre-decouverte',
      name: 'Fibre Découverte',
      target: { kind: 'plan', planIds: ['fibre-mobile'] },
      discount: { kind: 'amount', amount: 1000 },
      cycles: 12,
    },
    {
      id: 'tv-offerte',
      name: 'TV offerte',
      target: { kind: 'option', optionId: 'tv' },
      discount: { kind: 'percent', basisPoints: 10_000 },
      cycles: 3,
    },
  ],
  priceChanges: [
    { id: 'premium-2026-04', target: { kind: 'plan', planId: 'premium' }, effectiveFrom: '2026-04-01', monthlyFee: 3199 },
    { id: 'tv-2026-04', target: { kind: 'option', optionId: 'tv' }, effectiveFrom: '2026-04-01', monthlyFee: 899 },
  ],
  taxRules: [
    { country: 'FR', category: 'residential', rateBp: 2000 },
    { country: 'FR', category: 'business', rateBp: 2000 },
    { country: 'GB', rateBp: 2000 },
    { country: 'DE', rateBp: 1900 },
    { country: 'BE', rateBp: 2100 },
    { country: 'LU', rateBp: 1700 },
    { country: 'ES', rateBp: 2100 },
    { country: 'IT', rateBp: 2200 },
  ],
};
