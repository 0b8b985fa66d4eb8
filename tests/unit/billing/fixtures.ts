/** A small catalog with round figures so every worked example can be checked by hand. */
import { BillingError, type AccountBillingContext, type Catalog } from '../../../src/core/billing/index';

export const CATALOG: Catalog = {
  currency: 'EUR',
  plans: [
    {
      id: 'basic',
      name: 'Essentiel',
      monthlyFee: 999,
      allowances: { dataMb: 10_000, voiceMinutes: 100, sms: 100 },
      overageRates: { dataMb: 1, voiceMinutes: 25, sms: 10 },
    },
    {
      id: 'confort',
      name: 'Confort',
      monthlyFee: 1999,
      allowances: { dataMb: 50_000, voiceMinutes: 'unlimited', sms: 'unlimited' },
      overageRates: { dataMb: 1, voiceMinutes: 0, sms: 0 },
    },
    {
      id: 'premium',
      name: 'Premium',
      monthlyFee: 2999,
      allowances: { dataMb: 100_000, voiceMinutes: 'unlimited', sms: 'unlimited' },
      overageRates: { dataMb: 1, voiceMinutes: 0, sms: 0 },
    },
    {
      // Same fee as Premium: switching between the two only splits the line.
      id: 'premium-bis',
      name: 'Premium Bis',
      monthlyFee: 2999,
      allowances: { dataMb: 100_000, voiceMinutes: 'unlimited', sms: 'unlimited' },
      overageRates: { dataMb: 1, voiceMinutes: 0, sms: 0 },
      sellable: false,
    },
  ],
  options: [
    { id: 'europe', name: 'Voyage Europe', monthlyFee: 500 },
    { id: 'data-plus', name: 'Data+', monthlyFee: 499, extraAllowances: { dataMb: 20_000 } },
    { id: 'tv', name: 'TV', monthlyFee: 800 },
  ],
  oneOffFees: [
    { id: 'installation', kind: 'installation', name: 'Installation', amount: 4900, taxable: true },
    { id: 'late', kind: 'late-payment', name: 'Retard', amount: 750, taxable: false },
    { id: 'paper', kind: 'paper-bill', name: 'Papier', amount: 200, taxable: true },
    { id: 'visit', kind: 'other', name: 'Technician visit', amount: 6000, taxable: true },
  ],
  promotions: [
    {
      id: 'welcome',
      name: 'Bienvenue',
      target: { kind: 'plan', planIds: ['basic', 'confort', 'premium'] },
      discount: { kind: 'percent', basisPoints: 5000 },
      cycles: 6,
    },
    { id: 'fixed', name: 'Remise 5 €', target: { kind: 'plan' }, discount: { kind: 'amount', amount: 500 }, cycles: 12 },
    { id: 'tv-free', name: 'TV offerte', target: { kind: 'option', optionId: 'tv' }, discount: { kind: 'percent', basisPoints: 10_000 }, cycles: 3 },
  ],
  priceChanges: [
    { id: 'premium-up', target: { kind: 'plan', planId: 'premium' }, effectiveFrom: '2026-04-15', monthlyFee: 3199 },
    { id: 'tv-up', target: { kind: 'option', optionId: 'tv' }, effectiveFrom: '2026-05-01', monthlyFee: 900 },
  ],
  taxRules: [
    { country: 'FR', category: 'residential', rateBp: 2000 },
    { country: 'FR', category: 'business', rateBp: 2000 },
    { country: 'GB', rateBp: 2000 },
    { country: 'DE', rateBp: 1900 },
    { country: 'BE', rateBp: 2100 },
  ],
};

export function account(overrides: Partial<AccountBillingContext> = {}): AccountBillingContext {
  return {
    accountId: 'acc-1',
    country: 'FR',
    category: 'residential',
    currency: 'EUR',
    paymentTermsDays: 14,
    subscription: [],
    promotions: [],
    usage: [],
    oneOffCharges: [],
    payments: [],
    ledger: [],
    ...overrides,
  };
}

/** Intl puts (narrow) no-break spaces in "19,35 €" and "1 200"; compare on plain spaces. */
export function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** The code of the BillingError `fn` throws, so a test can say which refusal it expects. */
export function refusal(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return e instanceof BillingError ? e.code : `not a BillingError: ${String(e)}`;
  }
  return null;
}
