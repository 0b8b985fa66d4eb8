/** Queries of the catalog (`plans`, `catalog_prices`, `promotions`). The catalog's VAT rules are in catalog-rules.ts. */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { catalogPrices, plans, promotions } from './schema';

export type PlanRow = Row<typeof plans>;
export type CatalogPriceRow = Row<typeof catalogPrices>;
export type PromotionRow = Row<typeof promotions>;

/** The catalog as stored: each item's and promotion's `terms` is JSON text. */
export interface CatalogRows {
  readonly items: readonly Pick<PlanRow, 'code' | 'name' | 'kind' | 'terms'>[];
  /** By item, oldest first. */
  readonly prices: readonly Pick<CatalogPriceRow, 'itemCode' | 'amount' | 'currency' | 'effectiveFrom'>[];
  readonly promotions: readonly Pick<PromotionRow, 'code' | 'name' | 'terms'>[];
}

export function catalogQueries(db: Database.Database) {
  const names = db.prepare<[], Pick<PlanRow, 'code' | 'name'>>(`SELECT code, name FROM plans`);
  return {
    /** Every catalog item's code and name (plans, options and fees). */
    names: (): Pick<PlanRow, 'code' | 'name'>[] => names.all(),
  };
}

export type CatalogQueries = ReturnType<typeof catalogQueries>;

/** The whole catalog as stored, in the order it was written. */
export function catalogRows(db: Database.Database): CatalogRows {
  return {
    items: db.prepare<[], CatalogRows['items'][number]>(`SELECT code, name, kind, terms FROM plans ORDER BY rowid`).all(),
    prices: db
      .prepare<[], CatalogRows['prices'][number]>(
        `SELECT item_code AS itemCode, amount, currency, effective_from AS effectiveFrom FROM catalog_prices ORDER BY item_code, effective_from, rowid`,
      )
      .all(),
    promotions: db.prepare<[], CatalogRows['promotions'][number]>(`SELECT code, name, terms FROM promotions ORDER BY rowid`).all(),
  };
}
