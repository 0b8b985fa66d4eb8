import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../src/main/demo/load';
import { dump, tempStore, TODAY } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function generated(customers: number, seed: number) {
  const store = tempStore();
  cleanups.push(store.cleanup);
  loadDemoData(store.db, { customers, seed, today: TODAY, batchSize: 64 });
  return dump(store.db);
}

describe('demo data is deterministic', () => {
  it('writes identical rows for the same seed, size and day', () => {
    const a = generated(150, 42);
    const b = generated(150, 42);
    for (const table of Object.keys(a)) expect(b[table], table).toBe(a[table]);
  });

  it('writes different people for another seed', () => {
    const a = generated(60, 42);
    const b = generated(60, 43);
    expect(b.customers).not.toBe(a.customers);
    expect(b.customer_phones).not.toBe(a.customer_phones);
    expect(b.invoices).not.toBe(a.invoices);
  });

  it('keeps customer i the same person whatever the size of the set and the batch size', () => {
    const small = tempStore();
    const large = tempStore();
    cleanups.push(small.cleanup, large.cleanup);
    loadDemoData(small.db, { customers: 40, seed: 7, today: TODAY, batchSize: 7 });
    loadDemoData(large.db, { customers: 120, seed: 7, today: TODAY });
    const first = (db: typeof small.db, sql: string) => JSON.stringify(db.$client.prepare(sql).raw().all());
    for (const sql of [
      'SELECT * FROM customers ORDER BY rowid LIMIT 40',
      `SELECT i.* FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE a.rowid <= 40 ORDER BY i.rowid`,
    ]) {
      expect(first(large.db, sql)).toBe(first(small.db, sql));
    }
  });
});
