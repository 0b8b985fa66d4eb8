/**
 * The hub's PostgreSQL copy of every table it syncs down to desks, built from the desktop's own
 * drizzle table definitions — one source, so the two can never drift: same table and column
 * names, same representation (text for ids, instants, dates and JSON; integers for money and
 * flags), so a change row read in PostgreSQL is written to SQLite as it is. Same primary keys,
 * NOT NULL, constant defaults, single-column foreign keys between synced tables and indexes.
 *
 * The hub never reads these objects: its SQL is written by hand and its tables come from the
 * migrations in drizzle/hub. They exist for drizzle-kit (`npm run db:generate:hub`), which is
 * handed the desk's tables by scripts/hub-schema.ts (the hub's code may not import the
 * desk's: eslint-rules/layers.mjs).
 */
import { getTableColumns } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, type PgColumn, type PgTableWithColumns } from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';

type AnyPgTable = PgTableWithColumns<{ name: string; schema: undefined; columns: Record<string, PgColumn>; dialect: 'pg' }>;

const INTEGER_COLUMNS = new Set(['SQLiteInteger', 'SQLiteBoolean', 'SQLiteTimestamp']);

function columnNamed(columns: Record<string, PgColumn>, name: string): PgColumn {
  const column = Object.values(columns).find((c) => c.name === name);
  if (!column) throw new Error(`no column ${name}`);
  return column;
}

/**
 * The PostgreSQL copies of the desk's tables named `names`, keyed as the desk's module exports
 * them (`deskModule`: the desk schema's exports).
 */
export function syncedTablesOf(deskModule: Record<string, unknown>, names: readonly string[]): Record<string, AnyPgTable> {
  const desk = new Map<string, { key: string; table: SQLiteTable }>();
  for (const [key, value] of Object.entries(deskModule)) {
    if (value instanceof SQLiteTable) desk.set(getTableConfig(value).name, { key, table: value });
  }
  const copies = new Map<string, AnyPgTable>();
  const out: Record<string, AnyPgTable> = {};
  for (const name of names) {
    const found = desk.get(name);
    if (!found) throw new Error(`no desktop table ${name}`);
    const config = getTableConfig(found.table);
    const columns: Record<string, unknown> = {};
    for (const [key, col] of Object.entries(getTableColumns(found.table)) as [string, SQLiteColumn][]) {
      columns[key] = pgColumnOf(col, config, names, copies);
    }
    const copy = pgTable(name, columns as Record<string, never>, (t) =>
      config.indexes.map((i) => {
        const on = i.config.columns.map((c) => columnNamed(t as Record<string, PgColumn>, (c as { name: string }).name));
        return (i.config.unique ? uniqueIndex : index)(i.config.name).on(...(on as [PgColumn, ...PgColumn[]]));
      }),
    ) as unknown as AnyPgTable;
    copies.set(name, copy);
    out[found.key] = copy;
  }
  return out;
}

function pgColumnOf(col: SQLiteColumn, config: ReturnType<typeof getTableConfig>, synced: readonly string[], copies: ReadonlyMap<string, AnyPgTable>) {
  let column = INTEGER_COLUMNS.has(col.columnType) ? integer(col.name) : text(col.name);
  if (col.primary) column = column.primaryKey() as typeof column;
  else if (col.notNull) column = column.notNull() as typeof column;
  if (col.hasDefault && col.default !== undefined && typeof col.default !== 'object') {
    const value = typeof col.default === 'boolean' ? (col.default ? 1 : 0) : col.default;
    column = (column as { default(v: unknown): typeof column }).default(value);
  }
  // A foreign key to another synced table (the first that names this column, as the desk has it).
  const fk = config.foreignKeys.find((f) => f.reference().columns.some((c) => c.name === col.name));
  if (fk) {
    const ref = fk.reference();
    const target = getTableConfig(ref.foreignTable).name;
    const targetColumn = ref.foreignColumns[0]!.name;
    if (synced.includes(target)) column = column.references(() => columnNamed(getTableColumns(copies.get(target)!), targetColumn)) as typeof column;
  }
  return column;
}
