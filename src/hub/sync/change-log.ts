/**
 * Reading the change log without ever skipping a row.
 *
 * Every write to a synced table adds a change_log row in its own transaction (a trigger), with
 * that transaction's id (xid) and a sequence. Sequences and xids are handed out before commit
 * and transactions commit in any order, so "everything after the last sequence I saw" would skip
 * a row whose transaction committed late (google/nomulus issue 1557). Instead, a pull returns
 * only rows whose xid is below the oldest transaction still running on the hub
 * (pg_snapshot_xmin(pg_current_snapshot())): every such transaction has finished, so no row can
 * ever appear below the horizon again. The cursor is (xid, seq) of the last row returned.
 *
 * Rows come in xid order, which is not commit order: when two transactions change the same row,
 * the later version always carries the larger sequence (the second writer waits for the row lock
 * and takes its sequence after it), so a desk keeps, per row, the version with the larger
 * sequence (main/sync/apply.ts). A snapshot (first download, resync) reads tables directly; it
 * hands out the cursor that replays every transaction not finished when it began, so the replay
 * brings each row to its latest version.
 */
import { PRIMARY_KEYS, SYNCED_TABLES, WITHHELD_COLUMNS, type SyncedTable } from '../../core/sync/tables';
import type { Change, Cursor } from '../../core/sync/protocol';
import type { Sql } from '../db/open';

interface LogRow {
  seq: string;
  xid: string;
  tbl: string;
  pk: string;
  op: 'upsert' | 'delete';
  row: string | null;
}

const MAX_SEQ = '9223372036854775807';

/**
 * Changes after `after` (null: from the start), at most `limit`, all below the horizon.
 * `waiting` says that rows exist above the horizon: a transaction anywhere on the server (the
 * horizon is the cluster's) has not finished yet, and the desk should ask again shortly rather
 * than wait for the next nudge.
 */
export async function pullChanges(
  sql: Sql,
  after: Cursor | null,
  limit: number,
): Promise<{ changes: Change[]; cursor: Cursor | null; more: boolean; waiting: boolean }> {
  const rows = await sql.query<LogRow>(
    // Ordered by the bigint columns themselves (c.xid, c.seq), never by their text aliases:
    // ORDER BY would take the output column and sort '1000' before '999'.
    `SELECT c.seq::text AS seq, c.xid::text AS xid, c.tbl, c.pk, c.op, c."row"
       FROM change_log c
      WHERE c.xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        AND (c.xid, c.seq) > ($1::bigint, $2::bigint)
      ORDER BY c.xid, c.seq
      LIMIT $3`,
    [after?.xid ?? '0', after?.seq ?? '0', limit + 1],
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  const [above] = more
    ? [{ waiting: false }]
    : await sql.query<{ waiting: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM change_log c WHERE c.xid >= pg_snapshot_xmin(pg_current_snapshot())::text::bigint AND (c.xid, c.seq) > ($1::bigint, $2::bigint)) AS waiting`,
        [last?.xid ?? after?.xid ?? '0', last?.seq ?? after?.seq ?? '0'],
      );
  return {
    changes: page.map((r) => ({
      xid: r.xid,
      seq: r.seq,
      table: r.tbl,
      pk: r.pk,
      op: r.op,
      row: r.row === null ? null : (JSON.parse(r.row) as Record<string, unknown>),
    })),
    cursor: last ? { xid: last.xid, seq: last.seq } : after,
    more,
    waiting: Boolean(above?.waiting),
  };
}

/**
 * The cursor a snapshot hands out: it replays every transaction that had not finished when the
 * snapshot began (xid ≥ horizon), so what a page missed, or read half-way, comes after it.
 */
export async function snapshotCursor(sql: Sql): Promise<Cursor> {
  const [row] = await sql.query<{ horizon: string }>(`SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint - 1)::text AS horizon`);
  return { xid: row!.horizon, seq: MAX_SEQ };
}

/** One page of a synced table by primary key, without the columns a desk is never sent. */
export async function snapshotPage(
  sql: Sql,
  table: string,
  after: string | null,
  limit: number,
): Promise<{ rows: Record<string, unknown>[]; after: string | null; more: boolean }> {
  if (!(SYNCED_TABLES as readonly string[]).includes(table)) throw new Error(`not a synced table: ${table}`);
  const t = table as SyncedTable;
  const pk = PRIMARY_KEYS[t];
  const withheld = WITHHELD_COLUMNS[t] ?? [];
  const rows = await sql.query<{ j: string; k: string }>(
    `SELECT (to_jsonb(x.*) ${withheld.map((c) => `- '${c}'`).join(' ')})::text AS j, x."${pk}" AS k
       FROM "${t}" x WHERE $1::text IS NULL OR x."${pk}" > $1 ORDER BY x."${pk}" LIMIT $2`,
    [after, limit + 1],
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page.map((r) => JSON.parse(r.j) as Record<string, unknown>), after: page.at(-1)?.k ?? after, more };
}
