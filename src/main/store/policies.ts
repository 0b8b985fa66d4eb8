/** Queries of `policies`: the versioned discount policy documents (JSON text). */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { policies } from './schema';

export type PolicyRow = Row<typeof policies>;
export type PolicyVersionRow = Pick<PolicyRow, 'version' | 'effectiveFrom' | 'document'>;

export function policyQueries(db: Database.Database) {
  const inForce = db.prepare<[string], PolicyVersionRow>(
    `SELECT version, effective_from AS effectiveFrom, document FROM policies WHERE effective_from <= ? ORDER BY version DESC LIMIT 1`,
  );
  const earliest = db.prepare<[], PolicyVersionRow>(`SELECT version, effective_from AS effectiveFrom, document FROM policies ORDER BY version ASC LIMIT 1`);
  const count = db.prepare<[], number>(`SELECT count(*) FROM policies`).pluck();
  const insert = db.prepare<[string, number, string, string, string]>(
    `INSERT INTO policies (id, version, effective_from, document, created_at) VALUES (?, ?, ?, ?, ?)`,
  );
  return {
    /** The highest version in force on `day`. */
    inForceOn: (day: string): PolicyVersionRow | undefined => inForce.get(day),
    earliest: (): PolicyVersionRow | undefined => earliest.get(),
    count: (): number => count.get()!,
    insert: (row: PolicyRow): void => {
      insert.run(row.id, row.version, row.effectiveFrom, row.document, row.createdAt);
    },
  };
}

export type PolicyQueries = ReturnType<typeof policyQueries>;
