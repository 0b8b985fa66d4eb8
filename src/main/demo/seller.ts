/**
 * The demo operator's legal identity, stored with the demo data (settings SELLER_SETTING_KEY):
 * the seller printed on every bill. A plausible French company, not a real one: its SIREN has a
 * valid Luhn check digit (84271935 + 3) and its VAT number the matching key
 * ((12 + 3 × (842719353 mod 97)) mod 97 = 26), checked by core's parseSeller and by
 * tests/unit/billing/demo-seller.test.ts.
 */
import type Database from 'better-sqlite3';
import { SELLER_SETTING_KEY, type Seller } from '../../core/billing';
import { settingsQueries } from '../store/settings';

export const DEMO_SELLER: Seller = {
  name: 'Ardoise Télécom',
  legalForm: 'SAS',
  shareCapital: 250_000_000,
  currency: 'EUR',
  registry: 'RCS Paris',
  address: { line1: '18 rue de la Fontaine-au-Roi', line2: null, postcode: '75011', city: 'Paris', country: 'FR' },
  siren: '842719353',
  vatNumber: 'FR26842719353',
  // Three times the French legal interest rate is the floor (L441-10); the demo states 12.15 %.
  latePenaltyRateBp: 1215,
};

/** Stores the demo seller unless a seller is stored already; true when written. */
export function ensureDemoSeller(client: Database.Database, at: string): boolean {
  return settingsQueries(client).putIfAbsent(SELLER_SETTING_KEY, JSON.stringify(DEMO_SELLER), at);
}
