import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/main/store/db';

/** A store in its own temp folder, removed by the returned cleanup. */
export function tempStore(): { db: Store; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ardoise-demo-'));
  const file = join(dir, 'ardoise.db');
  const db = openStore({ file });
  return {
    db,
    file,
    cleanup: () => {
      try {
        db.$client.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Tables the demo loader writes, in a fixed order, for whole-database comparisons. */
export const DEMO_TABLES = [
  'roles',
  'users',
  'plans',
  'catalog_prices',
  'promotions',
  'customers',
  'customer_phones',
  'customer_emails',
  'addresses',
  'accounts',
  'subscriptions',
  'subscription_changes',
  'usage_records',
  'invoices',
  'invoice_lines',
  'payments',
  'ledger_entries',
  'price_notices',
  'sync_state',
  'customer_outcomes',
  'experiment_assignments',
  'experiment_exposures',
] as const;

export function dump(db: Store): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of DEMO_TABLES) out[t] = JSON.stringify(db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all());
  return out;
}

export const TODAY = '2026-11-30';
