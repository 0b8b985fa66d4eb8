/**
 * A data version for figures kept between asks: the largest key of each table they read, joined.
 * It serves where those tables only grow, or where every rewrite also adds a row to one of them,
 * so an unchanged answer means nothing the figures read has changed. A row rewritten in place by
 * another connection — an edit made behind the app's back, a sync writer's — is caught by
 * changedElsewhere.
 */
import type Database from 'better-sqlite3';

/** A table's largest rowid (or other ever-growing column); 0 while it is empty. */
export function largestKey(table: string, column = 'rowid'): string {
  return `(SELECT coalesce(max(${column}), 0) FROM ${table})`;
}

/** An AUTOINCREMENT table's counter: it grows with each row added, even when rows are deleted. */
export function rowsEverAdded(table: string): string {
  return `(SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = '${table}'), 0))`;
}

/**
 * SQLite's count of commits made by other connections since this one opened (PRAGMA
 * data_version): it moves with any write that is not this connection's own, in-place updates and
 * deletes included.
 */
export function changedElsewhere(): string {
  return '(SELECT data_version FROM pragma_data_version)';
}

/** Reads the version of `marks` (largestKey, rowsEverAdded) in one statement, as 'a/b/c'. */
export function dataVersion(db: Database.Database, marks: readonly string[]): () => string {
  const version = db.prepare<[], string>(`SELECT ${marks.join(` || '/' || `)}`).pluck();
  return () => version.get()!;
}
