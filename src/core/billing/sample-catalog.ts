/**
 * A realistic catalog for demos and tests: French mobile and broadband plans, prices net of VAT
 * in euro cents. The April 2026 price increase and the promotions give the bill comparison
 * something to explain.
 */
import type { Catalog } from './types';

const MB_PER_GB = 1024;

export const SAMPLE_CATALOG: Catalog = {
  currency: 'EUR',
  plans: [
    {
      id: 'essentiel',
      name: 'Essentiel',
      monthlyFee: 999,
      allowances: { dataMb: 10 * MB_PER_GB, voiceMinutes: 120, sms: 'unlimited' },
      overageRates: { dataMb: 1, voiceMinutes: 25, sms: 10 },
    },
    {
      id: 'confort',
      name: 'Confort',
      monthlyFee: 1999,
      allowances: { dataMb: 50 * MB_PER_GB, voiceMinutes: 'unlimited', sms: 'unlimited' },
      overageRates: { dataMb: 1, voiceMinutes: 0, sms: 0 },
    },
    {
      id: 'premium',
      name: 'Premium',
      monthlyFee: 2999,
      allowances: { dataMb: 150 * MB_PER_GB, voiceMinutes: 'unlimited', sms: 'unlimited' },
      overageRates: { dataMb: 1, voiceMinutes: 0, sms: 0 },
    },
    {
      id: 'illimite',
      name: 'Illimité',
      monthlyFee: 3999,
      allowances: { dataMb: 'unlimited', voiceMinutes: 'unlimited', sms: 'unlimited' },
      overageRates: { dataMb: 0, voiceMinutes: 0, sms: 0 },
    },
    {
      id: 'fibre-mobile',
      name: 'Fibre + Mobile',
      monthlyFee: 4999,
      allowances: { dataMb: 100 * MB_PER_GB, voiceMinutes: 'unlimited', sms: 'unlimited' },
      overageRates: { dataMb: 1, voiceMinutes: 0, sms: 0 },
    },
    {
      // Legacy plan: customers keep it, nobody can switch to it.
      id: 'decouverte',
      name: 'Découverte',
      monthlyFee: 499,
      allowances: { dataMb: 2 * MB_PER_GB, voiceMinutes: 60, sms: 100 },
      overageRates: { dataMb: 2, voiceMinutes: 35, sms: 10 },
      sellable: false,
    },
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
