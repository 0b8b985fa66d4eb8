/**
 * Rows held in memory between a generator and a writer: one flat array of column values, plus
 * the kind (index in ROW_KINDS) of each row. Flat because it crosses threads (structured
 * clone): one array of strings and numbers costs the writer a third of what 100 000 small row
 * arrays do. The benchmark's baseline inserts the same arrays.
 */
import type Database from 'better-sqlite3';
import { INSERT_SQL, ROW_KINDS, type RowSink } from './rows';

/** Columns per row, by kind index (counted from each INSERT's placeholders). */
export const ROW_ARITY: readonly number[] = ROW_KINDS.map((k) => INSERT_SQL[k].split('?').length - 1);

export interface FlatRows {
  readonly kinds: Uint8Array;
  readonly values: unknown[];
}

export class RowBuffer {
  private kinds: number[] = [];
  private values: unknown[] = [];
  readonly sink: RowSink;

  constructor() {
    this.sink = Object.fromEntries(
      ROW_KINDS.map((kind, k) => [
        kind,
        (row: unknown[]) => {
          this.kinds.push(k);
          for (let i = 0; i < row.length; i++) this.values.push(row[i]);
        },
      ]),
    ) as unknown as RowSink;
  }

  /** The rows collected so far; the buffer starts empty again. */
  take(): FlatRows {
    const out = { kinds: Uint8Array.from(this.kinds), values: this.values };
    this.kinds = [];
    this.values = [];
    return out;
  }
}

/** Inserts flat rows with one prepared statement per kind (statements in ROW_KINDS order). */
export function insertFlat(statements: readonly Database.Statement[], rows: FlatRows): void {
  const { kinds, values } = rows;
  let at = 0;
  for (let r = 0; r < kinds.length; r++) {
    const k = kinds[r]!;
    const n = ROW_ARITY[k]!;
    statements[k]!.run(values.slice(at, at + n));
    at += n;
  }
  if (at !== values.length) throw new Error(`row buffer holds ${values.length} values, its rows take ${at}`);
}
