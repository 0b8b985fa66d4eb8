/**
 * What the catalog tables (plans, catalog_prices, promotions) do not hold: the VAT rules and
 * the ids of price changes. Kept with the catalog in the store (settings CATALOG_RULES_KEY),
 * so the engine's Catalog is rebuilt from the store alone — never from the demo generator.
 */
import type Database from 'better-sqlite3';
import type { Catalog } from '../../core/billing';
import { CATALOG_RULES_KEY, type CatalogRules } from '../../core/billing/billing-input';
import { settingsQueries } from './settings';

export { CATALOG_RULES_KEY, type CatalogRules };

export function catalogRulesOf(catalog: Catalog): CatalogRules {
  const priceChangeIds: Record<string, string> = {};
  for (const c of catalog.priceChanges) priceChangeIds[`${c.target.kind === 'plan' ? c.target.planId : c.target.optionId}@${c.effectiveFrom}`] = c.id;
  return { taxRules: catalog.taxRules, priceChangeIds };
}

/** Writes the rules if the store has none; true when written. */
export function writeCatalogRules(client: Database.Database, rules: CatalogRules, at: string): boolean {
  return settingsQueries(client).putIfAbsent(CATALOG_RULES_KEY, JSON.stringify(rules), at);
}

export function readCatalogRules(client: Database.Database): CatalogRules | null {
  const value = settingsQueries(client).value(CATALOG_RULES_KEY);
  return value === undefined ? null : (JSON.parse(value) as CatalogRules);
}
