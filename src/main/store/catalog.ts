/** Queries of the catalog (`plans`). The catalog's VAT rules are in catalog-rules.ts. */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { plans } from './schema';

export type PlanRow = Row<typeof plans>;

export function catalogQueries(db: Database.Database) {
  const names = db.prepare<[], Pick<PlanRow, 'code' | 'name'>>(`SELECT code, name FROM plans`);
  return {
    /** Every catalog item's code and name (plans, options and fees). */
    names: (): Pick<PlanRow, 'code' | 'name'>[] => names.all(),
  };
}

export type CatalogQueries = ReturnType<typeof catalogQueries>;
