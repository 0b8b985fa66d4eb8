/**
 * The audit trail: every command appends one hash-chained entry (core/audit). Appends happen
 * inside the caller's transaction, so an entry exists exactly when its effect does.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { sealEntry, verifyChain, type AuditEntry, type AuditFields, type ChainReport } from '../../core/audit';
import { uuidv7 } from '../store/ids';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

interface AuditRow {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  interactionId: string | null;
  action: string;
  subject: string | null;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

const COLUMNS = `seq, id, at, actor_id AS actorId, interaction_id AS interactionId, action, subject, before, after, prev_hash AS prevHash, hash`;

export class AuditTrail {
  private readonly last: Database.Statement<[], AuditRow>;
  private readonly insert: Database.Statement;

  constructor(private readonly client: Database.Database) {
    this.last = client.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1`);
    this.insert = client.prepare(
      `INSERT INTO audit_log (seq, id, at, actor_id, interaction_id, action, subject, before, after, prev_hash, hash)
       VALUES (@seq, @id, @at, @actorId, @interactionId, @action, @subject, @before, @after, @prevHash, @hash)`,
    );
  }

  /** Appends one entry. Call inside the transaction that makes the change it records. */
  append(fields: Omit<AuditFields, 'id'> & { id?: string }): AuditEntry {
    const lastRow = this.last.get();
    const prev = lastRow ? toEntry(lastRow) : null;
    const entry = sealEntry(prev, { ...fields, id: fields.id ?? uuidv7() } as AuditFields, sha256Hex);
    this.insert.run({
      ...entry,
      before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    });
    return entry;
  }

  entriesOfInteraction(interactionId: string): AuditEntry[] {
    return (this.client.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE interaction_id = ? ORDER BY seq`).all(interactionId) as AuditRow[]).map(toEntry);
  }

  /** Re-hashes the whole log: reports any edited, deleted, inserted or reordered entry. */
  verify(): ChainReport {
    const rows = this.client.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY rowid`).all() as AuditRow[];
    return verifyChain(rows.map(toEntry), sha256Hex);
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    interactionId: r.interactionId,
    action: r.action,
    subject: r.subject,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    prevHash: r.prevHash,
    hash: r.hash,
  };
}
