/** Queries of `idempotency_keys`: the first answer kept under each money command's key. */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { idempotencyKeys } from './schema';

export type IdempotencyKeyRow = Row<typeof idempotencyKeys>;
/** What a repeat is compared with, and the answer it gets back (JSON text). */
export type KeptAnswerRow = Pick<IdempotencyKeyRow, 'actorId' | 'method' | 'payloadHash' | 'result'>;

export function idempotencyQueries(db: Database.Database) {
  const get = db.prepare<[string], KeptAnswerRow>(
    `SELECT actor_id AS actorId, method, payload_hash AS payloadHash, result FROM idempotency_keys WHERE key = ?`,
  );
  const put = db.prepare<[string, string, string, string, string, string]>(
    `INSERT INTO idempotency_keys (key, actor_id, method, payload_hash, result, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return {
    get: (key: IdempotencyKeyRow['key']): KeptAnswerRow | undefined => get.get(key),
    put: (row: IdempotencyKeyRow): void => {
      put.run(row.key, row.actorId, row.method, row.payloadHash, row.result, row.createdAt);
    },
  };
}

export type IdempotencyQueries = ReturnType<typeof idempotencyQueries>;
