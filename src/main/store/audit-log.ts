/**
 * Queries of `audit_log`, the append-only, hash-chained, sealed record of every act. Appending
 * (the chain, the seal, the anchor) is the AuditTrail's (services/audit-trail.ts): this module
 * reads and writes rows as they are.
 */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { auditLog } from './schema';

/** A whole entry; `before` and `after` are JSON text. */
export type AuditLogRow = Row<typeof auditLog>;

const COLUMNS = `seq, id, at, actor_id AS actorId, interaction_id AS interactionId, action, subject, before, after, prev_hash AS prevHash, hash, mac`;

export function auditLogQueries(db: Database.Database) {
  const last = db.prepare<[], AuditLogRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1`);
  const insert = db.prepare<[AuditLogRow]>(
    `INSERT INTO audit_log (seq, id, at, actor_id, interaction_id, action, subject, before, after, prev_hash, hash, mac)
       VALUES (@seq, @id, @at, @actorId, @interactionId, @action, @subject, @before, @after, @prevHash, @hash, @mac)`,
  );
  const hashAt = db.prepare<[number], Pick<AuditLogRow, 'hash'>>(`SELECT hash FROM audit_log WHERE seq = ?`);
  const ofInteraction = db.prepare<[string], AuditLogRow>(`SELECT ${COLUMNS} FROM audit_log WHERE interaction_id = ? ORDER BY seq`);
  const withActions = db.prepare<[string], AuditLogRow>(`SELECT ${COLUMNS} FROM audit_log WHERE action IN (SELECT value FROM json_each(?)) ORDER BY seq`);
  const inWriteOrder = db.prepare<[], AuditLogRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY rowid`);
  const count = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM audit_log`);
  const sealedCount = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM audit_log WHERE mac IS NOT NULL`);
  const fullAccountViewed = db.prepare<[string], { one: 1 }>(
    `SELECT 1 AS one FROM audit_log WHERE interaction_id = ? AND action = 'view_full_account' LIMIT 1`,
  );
  return {
    /** The head of the chain: the entry of the highest seq. */
    last: (): AuditLogRow | undefined => last.get(),
    insert: (row: AuditLogRow): void => {
      insert.run(row);
    },
    hashAt: (seq: AuditLogRow['seq']): AuditLogRow['hash'] | undefined => hashAt.get(seq)?.hash,
    ofInteraction: (interactionId: string): AuditLogRow[] => ofInteraction.all(interactionId),
    /** Every entry of these actions, in seq order. */
    withActions: (actions: readonly string[]): AuditLogRow[] => withActions.all(JSON.stringify(actions)),
    /** The whole log in the order rows were written (rowid), for re-verifying the chain. */
    inWriteOrder: (): AuditLogRow[] => inWriteOrder.all(),
    count: (): number => count.get()?.n ?? 0,
    sealedCount: (): number => sealedCount.get()!.n,
    /** Whether the full account was already viewed in this call (audited once per call). */
    fullAccountViewed: (interactionId: string): boolean => fullAccountViewed.get(interactionId) !== undefined,
  };
}

export type AuditLogQueries = ReturnType<typeof auditLogQueries>;
