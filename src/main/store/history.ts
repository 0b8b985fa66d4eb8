/**
 * Queries of a customer's history, for the timeline of earlier calls: the calls, their notes,
 * the ledger entries made on them, and the plan changes recorded while they were open. Every
 * query takes the customer id and reads nothing of anyone else (the service passes the verified
 * caller's, never an id from the input).
 */
import type Database from 'better-sqlite3';
import type { InteractionRow } from './interactions';
import type { LedgerRow } from './ledger';
import type { ListedNoteRow } from './notes';
import type { UserRow } from './users';

export type HistoryCallRow = Pick<InteractionRow, 'id' | 'startedAt' | 'endedAt' | 'agentId' | 'disposition' | 'note'> & {
  agentName: UserRow['displayName'] | null;
};

/** A note as the call screen lists it (notes.ts), here of any of the customer's calls. */
export type HistoryNoteRow = ListedNoteRow;

/** Only entries made on a call are read, so their interactionId is never null. */
export type HistoryCreditRow = Pick<LedgerRow, 'id' | 'kind' | 'amount' | 'currency' | 'reasonCode' | 'createdAt'> & {
  interactionId: NonNullable<LedgerRow['interactionId']>;
};

export interface HistoryPlanChangeRow {
  readonly interactionId: string;
  readonly planCode: string;
  readonly planName: string | null;
  readonly effectiveOn: string;
}

export function historyQueries(db: Database.Database) {
  const calls = db.prepare<[string, string, number], HistoryCallRow>(
    `SELECT i.id, i.started_at AS startedAt, i.ended_at AS endedAt, i.agent_id AS agentId, u.display_name AS agentName, i.disposition, i.note
       FROM interactions i LEFT JOIN users u ON u.id = i.agent_id
      WHERE i.customer_id = ? AND i.id <> ?
      ORDER BY i.started_at DESC, i.id DESC LIMIT ?`,
  );
  const notes = db.prepare<[string, string], HistoryNoteRow>(
    `SELECT n.id AS noteId, n.interaction_id AS interactionId, n.at, u.display_name AS authorName, n.author_id AS authorId, n.text
       FROM interaction_notes n JOIN interactions i ON i.id = n.interaction_id LEFT JOIN users u ON u.id = n.author_id
      WHERE i.customer_id = ? AND n.interaction_id IN (SELECT value FROM json_each(?)) ORDER BY n.at, n.id`,
  );
  const credits = db.prepare<[string, string], HistoryCreditRow>(
    `SELECT l.id, l.interaction_id AS interactionId, l.kind, l.amount, l.currency, l.reason_code AS reasonCode, l.created_at AS createdAt
       FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
      WHERE a.customer_id = ? AND l.interaction_id IN (SELECT value FROM json_each(?)) ORDER BY l.created_at, l.id`,
  );
  // A plan change carries no call id: it belongs to the call during which it was recorded.
  const planChanges = db.prepare<[string, string], HistoryPlanChangeRow>(
    `SELECT i.id AS interactionId, sc.item_code AS planCode, p.name AS planName, sc.effective_on AS effectiveOn
       FROM interactions i
       JOIN accounts a ON a.customer_id = i.customer_id
       JOIN subscriptions s ON s.account_id = a.id
       JOIN subscription_changes sc ON sc.subscription_id = s.id AND sc.change = 'plan_change'
        AND sc.recorded_at >= i.started_at AND (i.ended_at IS NULL OR sc.recorded_at <= i.ended_at)
       LEFT JOIN plans p ON p.code = sc.item_code
      WHERE i.customer_id = ? AND i.id IN (SELECT value FROM json_each(?)) ORDER BY sc.recorded_at, sc.id`,
  );
  return {
    /** The customer's calls but one (the current), newest first. */
    calls: (customerId: string, exceptInteractionId: string, limit: number): HistoryCallRow[] => calls.all(customerId, exceptInteractionId, limit),
    notes: (customerId: string, interactionIds: readonly string[]): HistoryNoteRow[] => notes.all(customerId, JSON.stringify(interactionIds)),
    credits: (customerId: string, interactionIds: readonly string[]): HistoryCreditRow[] => credits.all(customerId, JSON.stringify(interactionIds)),
    planChanges: (customerId: string, interactionIds: readonly string[]): HistoryPlanChangeRow[] => planChanges.all(customerId, JSON.stringify(interactionIds)),
  };
}

export type HistoryQueries = ReturnType<typeof historyQueries>;
