/**
 * Queries of `interactions`: a call from its start to its wrap-up. Whose call it is and whether
 * it is open are decided by the dispatcher's InteractionGate and the services; this module reads
 * and writes rows.
 */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { interactions } from './schema';
import type { UserRow } from './users';

export type InteractionRow = Row<typeof interactions>;
/** A call as lists and the audit view show it, with its agent's name. */
export type InteractionSummaryRow = Pick<
  InteractionRow,
  'id' | 'customerId' | 'agentId' | 'callerNumber' | 'startedAt' | 'verifiedAt' | 'endedAt' | 'disposition' | 'handleSeconds'
> & { agentName: UserRow['displayName'] | null };
/** What the guard checks of a call. */
export type CallStateRow = Pick<InteractionRow, 'id' | 'customerId' | 'agentId' | 'startedAt' | 'verifiedAt' | 'endedAt'>;
export type NewInteractionRow = Pick<InteractionRow, 'id' | 'customerId' | 'agentId' | 'callerNumber' | 'startedAt'>;
export interface InteractionFilter {
  readonly customerId: string | null;
  readonly agentId: string | null;
  readonly limit: number;
}

const SUMMARY = `SELECT i.id, i.customer_id AS customerId, i.agent_id AS agentId, u.display_name AS agentName, i.caller_number AS callerNumber,
                    i.started_at AS startedAt, i.verified_at AS verifiedAt, i.ended_at AS endedAt, i.disposition,
                    i.handle_seconds AS handleSeconds
             FROM interactions i LEFT JOIN users u ON u.id = i.agent_id`;

export function interactionQueries(db: Database.Database) {
  const insert = db.prepare<[string, string | null, string, string | null, string]>(
    `INSERT INTO interactions (id, customer_id, agent_id, channel, caller_number, started_at) VALUES (?, ?, ?, 'phone', ?, ?)`,
  );
  const summary = db.prepare<[string], InteractionSummaryRow>(`${SUMMARY} WHERE i.id = ?`);
  const openOfAgent = db.prepare<[string], InteractionSummaryRow>(
    `${SUMMARY} WHERE i.agent_id = ? AND i.ended_at IS NULL ORDER BY i.started_at DESC, i.id DESC LIMIT 50`,
  );
  const recent = db.prepare<[InteractionFilter], InteractionSummaryRow>(
    `${SUMMARY}
         WHERE (@customerId IS NULL OR i.customer_id = @customerId) AND (@agentId IS NULL OR i.agent_id = @agentId)
         ORDER BY i.started_at DESC, i.id DESC LIMIT @limit`,
  );
  const callState = db.prepare<[string], CallStateRow>(
    `SELECT id, customer_id AS customerId, agent_id AS agentId, started_at AS startedAt, verified_at AS verifiedAt, ended_at AS endedAt
       FROM interactions WHERE id = ?`,
  );
  const markVerified = db.prepare<[string, string]>(`UPDATE interactions SET verified_at = ? WHERE id = ? AND verified_at IS NULL AND ended_at IS NULL`);
  const wrapUp = db.prepare<[string, string, string | null, number, string]>(
    `UPDATE interactions SET ended_at = ?, disposition = ?, note = ?, handle_seconds = ? WHERE id = ? AND ended_at IS NULL`,
  );
  const practices = db.prepare<[string], number>(`SELECT flags FROM call_practices WHERE interaction_id = ?`).pluck();
  return {
    insert: (row: NewInteractionRow): void => {
      insert.run(row.id, row.customerId, row.agentId, row.callerNumber, row.startedAt);
    },
    summary: (id: InteractionRow['id']): InteractionSummaryRow | undefined => summary.get(id),
    /** This agent's calls not wrapped up, newest first (at most 50). */
    openOfAgent: (agentId: InteractionRow['agentId']): InteractionSummaryRow[] => openOfAgent.all(agentId),
    /** The latest calls, of one customer and/or one agent when given. */
    recent: (filter: InteractionFilter): InteractionSummaryRow[] => recent.all(filter),
    callState: (id: InteractionRow['id']): CallStateRow | undefined => callState.get(id),
    /** Marks an open, unverified call verified; the number of rows changed (0: ended or verified already). */
    markVerified: (id: InteractionRow['id'], verifiedAt: string): number => markVerified.run(verifiedAt, id).changes,
    /** What the call's audit entries say the agent did (call_practices bits; 0: nothing yet). */
    practices: (id: InteractionRow['id']): number => practices.get(id) ?? 0,
    /** Ends an open call; the number of rows changed (0: it had ended). */
    wrapUp: (id: InteractionRow['id'], end: { endedAt: string; disposition: string; note: string | null; handleSeconds: number }): number =>
      wrapUp.run(end.endedAt, end.disposition, end.note, end.handleSeconds, id).changes,
  };
}

export type InteractionQueries = ReturnType<typeof interactionQueries>;
