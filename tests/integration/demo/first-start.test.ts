import { afterEach, describe, expect, it } from 'vitest';
import { DemoOptionsError } from '../../../src/main/demo/generate';
import { ensureDemoData, loadDemoData, readDemoMarker } from '../../../src/main/demo/load';
import { dump, tempStore, TODAY } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function store() {
  const s = tempStore();
  cleanups.push(s.cleanup);
  return s.db;
}
const count = (db: ReturnType<typeof store>, table: string) => db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('first start', () => {
  it('loads the demo set into an empty store, once', () => {
    const db = store();
    const first = ensureDemoData(db, { customers: 80, seed: 42, today: TODAY });
    expect(first).not.toBeNull();
    expect(first!.customers).toBe(80);
    expect(first!.rows).toBeGreaterThan(80 * 50);
    expect(count(db, 'customers')).toBe(80);
    expect(count(db, 'users')).toBe(5);
    const before = dump(db);

    expect(ensureDemoData(db, { customers: 80, seed: 42, today: TODAY })).toBeNull();
    expect(ensureDemoData(db, { customers: 500, seed: 7, today: '2027-01-15' })).toBeNull();
    expect(dump(db)).toEqual(before);
    expect(readDemoMarker(db)).toMatchObject({ customers: 80, seed: 42, months: 14, today: TODAY });
  });

  it('never adds demo customers to a store that has customers', () => {
    const db = store();
    loadDemoData(db, { customers: 5, seed: 1, today: TODAY });
    expect(() => loadDemoData(db, { customers: 5, seed: 2, today: TODAY })).toThrow(DemoOptionsError);
    expect(count(db, 'customers')).toBe(5);
  });

  it.each([
    [{ customers: -1 }, /customers/],
    [{ customers: 1.5 }, /customers/],
    [{ months: 0 }, /months/],
    [{ today: '2026-02-30' }, /today/],
    [{ today: 'yesterday' }, /today/],
    [{ seed: Number.NaN }, /seed/],
    [{ batchSize: 0 }, /batchSize/],
  ])('refuses %o with a typed error and writes nothing', (bad, message) => {
    const db = store();
    expect(() => loadDemoData(db, { customers: 10, seed: 1, today: TODAY, ...bad })).toThrow(message);
    expect(() => loadDemoData(db, { customers: 10, seed: 1, today: TODAY, ...bad })).toThrow(DemoOptionsError);
    expect(count(db, 'customers')).toBe(0);
    expect(count(db, 'users')).toBe(0);
  });

  it('loads an empty set (catalog and staff only) when asked for no customers', () => {
    const db = store();
    const result = loadDemoData(db, { customers: 0, seed: 3, today: TODAY });
    expect(result.customers).toBe(0);
    expect(count(db, 'customers')).toBe(0);
    expect(count(db, 'plans')).toBeGreaterThan(3);
    expect(count(db, 'users')).toBe(5);
  });
});
