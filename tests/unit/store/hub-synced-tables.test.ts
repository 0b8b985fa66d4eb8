import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../../src/core/sync/tables';
import { syncedTablesOf } from '../../../src/hub/db/synced-tables';
import * as desk from '../../../src/main/store/schema';
import * as hubCopy from '../../../scripts/hub-schema';

describe("the hub's copy of the synced desk tables", () => {
  it('has every synced table, exported under the desk’s name, with the desk’s columns, keys and indexes', () => {
    const copies = syncedTablesOf(desk, SYNCED_TABLES);
    expect(Object.keys(copies).sort()).toEqual(Object.keys(hubCopy).sort());
    for (const [key, copy] of Object.entries(copies)) {
      const d = sqliteConfig((desk as unknown as Record<string, Parameters<typeof sqliteConfig>[0]>)[key]!);
      const h = pgConfig(copy);
      expect(h.name).toBe(d.name);
      expect(h.columns.map((c) => [c.name, c.primary, c.notNull])).toEqual(d.columns.map((c) => [c.name, c.primary, c.notNull]));
      expect(h.indexes.map((i) => [i.config.name, i.config.unique])).toEqual(d.indexes.map((i) => [i.config.name, !!i.config.unique]));
      for (const fk of h.foreignKeys) expect(SYNCED_TABLES).toContain(pgConfig(fk.reference().foreignTable).name);
    }
    // Money and flags stay integers, everything else text: a change row moves between the two stores as it is.
    const invoices = pgConfig(copies['invoices']!);
    expect(invoices.columns.find((c) => c.name === 'total')?.getSQLType()).toBe('integer');
    expect(invoices.columns.find((c) => c.name === 'id')?.getSQLType()).toBe('text');
  });

  it('refuses a synced table the desk does not define', () => {
    const other = sqliteTable('other', { id: text('id').primaryKey() });
    expect(() => syncedTablesOf({ other }, ['other', 'missing'])).toThrow('no desktop table missing');
  });
});
