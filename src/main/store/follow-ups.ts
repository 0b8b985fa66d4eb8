/**
 * Queries of `follow_ups`: callbacks and promises a wrap-up scheduled. Who may read or mark one
 * is the history service's rule (services/history.ts); this module reads and writes rows.
 */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { followUps } from './schema';
import type { UserRow } from './users';

export type FollowUpRow = Row<typeof followUps>;
/** A follow-up with the names of who made it and who did it. */
export type ListedFollowUpRow = FollowUpRow & { createdByName: UserRow['displayName'] | null; doneByName: UserRow['displayName'] | null };
export type NewFollowUpRow = Pick<FollowUpRow, 'id' | 'interactionId' | 'customerId' | 'kind' | 'dueAt' | 'text' | 'createdBy' | 'createdAt'>;

const LISTED = `SELECT f.id, f.interaction_id AS interactionId, f.customer_id AS customerId, f.kind, f.due_at AS dueAt, f.text,
                       f.created_by AS createdBy, f.created_at AS createdAt, f.done_at AS doneAt, f.done_by AS doneBy,
                       cu.display_name AS createdByName, du.display_name AS doneByName
                  FROM follow_ups f LEFT JOIN users cu ON cu.id = f.created_by LEFT JOIN users du ON du.id = f.done_by`;

export function followUpQueries(db: Database.Database) {
  const insert = db.prepare<[NewFollowUpRow]>(
    `INSERT INTO follow_ups (id, interaction_id, customer_id, kind, due_at, text, created_by, created_at)
       VALUES (@id, @interactionId, @customerId, @kind, @dueAt, @text, @createdBy, @createdAt)`,
  );
  const byId = db.prepare<[string], ListedFollowUpRow>(`${LISTED} WHERE f.id = ?`);
  const openOfOwner = db.prepare<[string, number], ListedFollowUpRow>(`${LISTED} WHERE f.created_by = ? AND f.done_at IS NULL ORDER BY f.due_at, f.id LIMIT ?`);
  const openOfCustomer = db.prepare<[string], ListedFollowUpRow>(`${LISTED} WHERE f.customer_id = ? AND f.done_at IS NULL ORDER BY f.due_at, f.id`);
  const ofInteractions = db.prepare<[string], ListedFollowUpRow>(
    `${LISTED} WHERE f.interaction_id IN (SELECT value FROM json_each(?)) ORDER BY f.due_at, f.id`,
  );
  const markDone = db.prepare<[string, string, string]>(`UPDATE follow_ups SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL`);
  return {
    insert: (row: NewFollowUpRow): void => {
      insert.run(row);
    },
    byId: (id: FollowUpRow['id']): ListedFollowUpRow | undefined => byId.get(id),
    /** Someone's follow-ups not done, soonest due first. */
    openOfOwner: (userId: string, limit: number): ListedFollowUpRow[] => openOfOwner.all(userId, limit),
    /** A customer's follow-ups not done, soonest due first. */
    openOfCustomer: (customerId: string): ListedFollowUpRow[] => openOfCustomer.all(customerId),
    /** Every follow-up these calls scheduled. */
    ofInteractions: (interactionIds: readonly string[]): ListedFollowUpRow[] => ofInteractions.all(JSON.stringify(interactionIds)),
    /** Marks one done; the rows changed (0: it was done already). */
    markDone: (id: FollowUpRow['id'], doneAt: string, doneBy: string): number => markDone.run(doneAt, doneBy, id).changes,
  };
}

export type FollowUpQueries = ReturnType<typeof followUpQueries>;
