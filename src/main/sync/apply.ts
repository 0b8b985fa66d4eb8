/**
 * Writing what the hub sends into the desk's store.
 *
 *   - A batch of changes and the new cursor are written in ONE transaction: a desk killed
 *     half-way applies the batch again from the old cursor, and nothing is half-written.
 *   - Per row, a change is applied only if it is newer than the version the desk holds
 *     (sync_versions; the change log arrives in transaction order, not commit order); a delete
 *     leaves its sequence behind as a tombstone.
 *   - The hub's rows replace the desk's own (a call the desk started offline comes back as the
 *     hub recorded it). The hub enforces foreign keys; a batch may bring a child before its
 *     parent, so the desk does not check them while it applies.
 *   - Ledger entries are append-only here too: a ledger row the desk already has is kept.
 * Large downloads are applied in chunks (the caller's), so a lookup never waits long.
 */
import type Database from 'better-sqlite3';
import { PRIMARY_KEYS, SYNCED_TABLES, WITHHELD_COLUMNS, type SyncedTable } from '../../core/sync/tables';
import type { Change, Cursor } from '../../core/sync/protocol';
import { FROZEN_TABLES } from '../store/frozen-invoices';

const APPEND_ONLY: ReadonlySet<string> = new Set(['ledger_entries']);

/** One prepared statement and the parameters it runs with, in order. */
export interface SnapshotStep {
  readonly sql: string;
  readonly params: readonly (Record<string, unknown> | readonly unknown[])[];
}

export interface SyncApplier {
  /** Applies changes and stores the cursor after them, atomically. Returns how many rows changed. */
  applyChanges(changes: readonly Change[], cursor: Cursor | null): number;
  /** Writes snapshot rows (version 0) of one table, atomically with the snapshot's progress. */
  applySnapshotRows(table: SyncedTable, rows: readonly Record<string, unknown>[], progress: string): number;
  /**
   * The statements that write snapshot rows of one table (what applySnapshotRows runs), for a
   * writer on another connection (snapshot-writer.ts): SQL text and bound parameters.
   */
  snapshotSteps(table: SyncedTable, rows: readonly Record<string, unknown>[]): SnapshotStep[];
  /**
   * Empties every synced table, for a download from scratch (the hub's history changed). The
   * append-only rule of the ledger and the frozen invoices' (store/frozen-invoices.ts) are lifted for this one transaction and put back as it was;
   * the desk's own audit log is not touched.
   */
  wipe(): void;
}

export function createSyncApplier(
  client: Database.Database,
  state: { setCursor: (c: Cursor | null) => void; setSnapshotProgress: (p: string) => void },
): SyncApplier {
  const columnsOf = new Map<string, string[]>();
  const columns = (table: string): string[] => {
    let cols = columnsOf.get(table);
    if (!cols) {
      cols = (client.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      columnsOf.set(table, cols);
    }
    return cols;
  };
  const statements = new Map<string, Database.Statement>();
  const upsertOf = (table: string): Database.Statement => {
    let st = statements.get(`u:${table}`);
    if (!st) {
      const cols = columns(table);
      const pk = PRIMARY_KEYS[table as SyncedTable];
      // A column the hub withholds (a password hash) is never overwritten; a new row gets an
      // unusable value until the desk learns it (a hub sign-in at this desk).
      const withheld = new Set(WITHHELD_COLUMNS[table as SyncedTable] ?? []);
      const list = cols.map((c) => `"${c}"`).join(', ');
      const values = cols.map((c) => (withheld.has(c) ? `'!'` : `@${c}`)).join(', ');
      const sql = APPEND_ONLY.has(table)
        ? `INSERT INTO "${table}" (${list}) SELECT ${values} WHERE NOT EXISTS (SELECT 1 FROM "${table}" WHERE "${pk}" = @${pk})`
        : `INSERT INTO "${table}" (${list}) VALUES (${values}) ON CONFLICT ("${pk}") DO UPDATE SET ${cols
            .filter((c) => c !== pk && !withheld.has(c))
            .map((c) => `"${c}" = excluded."${c}"`)
            .join(', ')}`;
      statements.set(`u:${table}`, (st = client.prepare(sql)));
    }
    return st;
  };
  const deleteOf = (table: string): Database.Statement => {
    let st = statements.get(`d:${table}`);
    if (!st) statements.set(`d:${table}`, (st = client.prepare(`DELETE FROM "${table}" WHERE "${PRIMARY_KEYS[table as SyncedTable]}" = ?`)));
    return st;
  };
  const versionOf = client.prepare<[string, string], { seq: number }>(`SELECT seq FROM sync_versions WHERE tbl = ? AND pk = ?`);
  const setVersion = client.prepare(`INSERT INTO sync_versions (tbl, pk, seq) VALUES (?, ?, ?) ON CONFLICT (tbl, pk) DO UPDATE SET seq = excluded.seq`);

  /** A row as the hub sent it, shaped for this store's columns (a column the desk lacks is left out). */
  const bind = (table: string, row: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const c of columns(table)) {
      const v = row[c];
      out[c] = v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    }
    return out;
  };

  const isSynced = (t: string): t is SyncedTable => (SYNCED_TABLES as readonly string[]).includes(t);

  /** Foreign keys are the hub's to enforce: off while a batch is applied (never inside a transaction). */
  const withoutForeignKeys = <T>(run: () => T): T => {
    client.pragma('foreign_keys = OFF');
    try {
      return run();
    } finally {
      client.pragma('foreign_keys = ON');
    }
  };

  const applyChanges = client.transaction((changes: readonly Change[], cursor: Cursor | null): number => {
    let applied = 0;
    for (const change of changes) {
      if (!isSynced(change.table)) continue; // a table this desk does not keep (a newer hub)
      const seq = Number(change.seq);
      const held = versionOf.get(change.table, change.pk)?.seq ?? 0;
      if (held >= seq) continue;
      if (change.op === 'delete') deleteOf(change.table).run(change.pk);
      else if (change.row) upsertOf(change.table).run(bind(change.table, change.row));
      setVersion.run(change.table, change.pk, seq);
      applied++;
    }
    state.setCursor(cursor);
    return applied;
  });

  const applySnapshot = client.transaction((table: SyncedTable, rows: readonly Record<string, unknown>[], progress: string): number => {
    const st = upsertOf(table);
    // Ledger rows are marked as the hub's (version 0): reconciliation leaves them to the hub.
    const mark = APPEND_ONLY.has(table);
    const pk = PRIMARY_KEYS[table];
    for (const row of rows) {
      st.run(bind(table, row));
      if (mark) setVersion.run(table, String(row[pk]), 0);
    }
    state.setSnapshotProgress(progress);
    return rows.length;
  });

  const wipe = client.transaction(() => {
    const guards = client
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify([...APPEND_ONLY, ...FROZEN_TABLES])) as { name: string; sql: string }[];
    for (const g of guards) client.exec(`DROP TRIGGER "${g.name}"`);
    for (const table of [...SYNCED_TABLES].reverse()) client.exec(`DELETE FROM "${table}"`);
    client.exec(`DELETE FROM sync_versions`);
    for (const g of guards) client.exec(g.sql);
  });

  const snapshotSteps = (table: SyncedTable, rows: readonly Record<string, unknown>[]): SnapshotStep[] => {
    const steps: SnapshotStep[] = [{ sql: upsertOf(table).source, params: rows.map((r) => bind(table, r)) }];
    if (APPEND_ONLY.has(table)) steps.push({ sql: setVersion.source, params: rows.map((r) => [table, String(r[PRIMARY_KEYS[table]]), 0]) });
    return steps;
  };

  return {
    snapshotSteps,
    wipe: () => withoutForeignKeys(() => wipe()),
    applyChanges: (changes, cursor) => withoutForeignKeys(() => applyChanges(changes, cursor)),
    applySnapshotRows: (table, rows, progress) => withoutForeignKeys(() => applySnapshot(table, rows, progress)),
  };
}
