/**
 * Queries of the command outbox (`command_outbox`): the next device sequence and the row a
 * command writes. The transaction that makes the sequence gapless is the CommandLog's
 * (services/command-log.ts), around both.
 */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { commandOutbox } from './schema';

export type OutboxRow = Row<typeof commandOutbox>;
/** What a command writes; it is 'pending' until sync sends it. */
export type NewOutboxRow = Pick<OutboxRow, 'id' | 'deviceSeq' | 'type' | 'payload' | 'actorId' | 'interactionId' | 'createdAt'>;

export function commandQueries(db: Database.Database) {
  const nextSeq = db.prepare<[], { next: OutboxRow['deviceSeq'] }>(`SELECT coalesce(max(device_seq), 0) + 1 AS next FROM command_outbox`);
  const insert = db.prepare<[string, number, string, string, string, string | null, string]>(
    `INSERT INTO command_outbox (id, device_seq, type, payload, actor_id, interaction_id, created_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`,
  );
  return {
    nextSeq: (): OutboxRow['deviceSeq'] => nextSeq.get()!.next,
    insert: (row: NewOutboxRow): void => {
      insert.run(row.id, row.deviceSeq, row.type, row.payload, row.actorId, row.interactionId, row.createdAt);
    },
  };
}

export type CommandQueries = ReturnType<typeof commandQueries>;
