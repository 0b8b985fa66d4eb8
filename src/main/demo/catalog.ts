/**
 * The demo operator's catalog is core/billing's sample catalog — the same plans, options, fees,
 * promotions and April 2026 price increase the billing engine is tested with — so every demo
 * invoice is one the engine really produces. This file adds what the generator needs on top:
 * which plans customers pick and move between, and the catalog as store rows.
 */
import { SAMPLE_CATALOG, type Catalog, type Id } from '../../core/billing';
import type Database from 'better-sqlite3';
import { catalogRulesOf, writeCatalogRules, type CatalogRules } from '../store/catalog-rules';
import type { Minor } from '../../core/money';

export const DEMO_CATALOG: Catalog = SAMPLE_CATALOG;

/**
 * Plans customers move up and down (a heavy user outgrows Essentiel; a caller who wants to pay
 * less steps down). Fibre + Mobile and the legacy Découverte are off the ladder.
 */
export const PLAN_LADDER: readonly Id[] = ['essentiel', 'confort', 'premium', 'illimite'];

/** Plans new customers take, by weight. */
export const NEW_PLAN_WEIGHTS = {
  residential: [
    ['essentiel', 32],
    ['confort', 34],
    ['premium', 18],
    ['illimite', 6],
    ['fibre-mobile', 10],
  ],
  business: [
    ['confort', 30],
    ['premium', 35],
    ['illimite', 20],
    ['fibre-mobile', 15],
  ],
} as const satisfies Record<'residential' | 'business', ReadonlyArray<readonly [Id, number]>>;

/** The one-off fees the generator charges, by catalog id. */
export const FEES = { paperBill: 'paper-bill', simCard: 'sim-card', installation: 'installation' } as const;
export const PROMOTIONS = { welcome: 'bienvenue', fibre: 'fibre-decouverte', tv: 'tv-offerte' } as const;
export const OPTIONS = { tv: 'tv', dataPlus: 'data-plus' } as const;

/** Base prices have no date in the engine's catalog; the store needs one. */
export const CATALOG_SINCE = '2020-01-01';

/** Refuses, at load, a sample catalog that no longer has what the generator refers to. */
export function checkCatalog(catalog: Catalog): void {
  const plans = new Set(catalog.plans.map((p) => p.id));
  const missing = [
    ...PLAN_LADDER.filter((id) => !plans.has(id)),
    ...[...NEW_PLAN_WEIGHTS.residential, ...NEW_PLAN_WEIGHTS.business].map(([id]) => id).filter((id) => !plans.has(id)),
    ...Object.values(FEES).filter((id) => !catalog.oneOffFees.some((f) => f.id === id)),
    ...Object.values(PROMOTIONS).filter((id) => !catalog.promotions.some((p) => p.id === id)),
    ...Object.values(OPTIONS).filter((id) => !catalog.options.some((o) => o.id === id)),
  ];
  if (missing.length > 0) throw new Error(`the demo generator refers to catalog items that are gone: ${missing.join(', ')}`);
  if (catalog.options.length === 0) throw new Error('the demo generator needs at least one option in the catalog');
}

export interface CatalogRows {
  readonly items: ReadonlyArray<{ code: Id; name: string; kind: 'plan' | 'option' | 'fee'; terms: unknown }>;
  readonly prices: ReadonlyArray<{ itemCode: Id; amount: Minor; effectiveFrom: string }>;
  readonly promotions: ReadonlyArray<{ code: Id; name: string; terms: unknown }>;
  /** What the rows do not hold: the VAT rules and the price changes' ids (settings CATALOG_RULES_KEY). */
  readonly rules: CatalogRules;
}

/**
 * The catalog as rows of plans, catalog_prices and promotions. `terms` keeps the engine's own
 * fields, so the engine's Catalog can be rebuilt from the store; a price increase is a second
 * catalog_prices row, never an edit.
 */
export function catalogRows(catalog: Catalog): CatalogRows {
  const items: Array<CatalogRows['items'][number]> = [];
  const prices: Array<CatalogRows['prices'][number]> = [];
  for (const { id, name, monthlyFee, ...terms } of catalog.plans) {
    items.push({ code: id, name, kind: 'plan', terms });
    prices.push({ itemCode: id, amount: monthlyFee, effectiveFrom: CATALOG_SINCE });
  }
  for (const { id, name, monthlyFee, ...terms } of catalog.options) {
    items.push({ code: id, name, kind: 'option', terms });
    prices.push({ itemCode: id, amount: monthlyFee, effectiveFrom: CATALOG_SINCE });
  }
  for (const { id, name, amount, ...terms } of catalog.oneOffFees) {
    items.push({ code: id, name, kind: 'fee', terms });
    prices.push({ itemCode: id, amount, effectiveFrom: CATALOG_SINCE });
  }
  for (const change of catalog.priceChanges) {
    const itemCode = change.target.kind === 'plan' ? change.target.planId : change.target.optionId;
    prices.push({ itemCode, amount: change.monthlyFee, effectiveFrom: change.effectiveFrom });
  }
  const promotions = catalog.promotions.map(({ id, name, ...terms }) => ({ code: id, name, terms }));
  return { items, prices, promotions, rules: catalogRulesOf(catalog) };
}

/** Writes the demo catalog's rules into a demo store that was made before they were stored. */
export function ensureCatalogRules(client: Database.Database, at: string): boolean {
  return writeCatalogRules(client, catalogRulesOf(DEMO_CATALOG), at);
}
