/**
 * What the fairness check reads besides the bill and the history (services/billing/fairness-service.ts):
 * when each subscription change was recorded, and the billing-error corrections already granted
 * on an invoice after it was issued.
 */
import type Database from 'better-sqlite3';

/** The policy's reason code and the engine's older spelling (core/billing/credits.ts maps both). */
const BILLING_ERROR_REASONS = `('billing_error', 'billing-error')`;

export function fairnessQueries(db: Database.Database) {
  const recordedChanges = db.prepare<[string], { effectiveOn: string; recordedOn: string }>(
    `SELECT sc.effective_on AS effectiveOn, substr(sc.recorded_at, 1, 10) AS recordedOn
     FROM subscriptions s JOIN subscription_changes sc ON sc.subscription_id = s.id
     WHERE s.account_id = ? ORDER BY sc.recorded_at, sc.rowid`,
  );
  // A credit on this invoice granted on or after its issue day (the credits printed on it are
  // older), net of its reversal.
  const corrected = db.prepare<[string, string], { corrected: number }>(
    `SELECT coalesce(sum(e.amount - coalesce((SELECT sum(abs(r.amount)) FROM ledger_entries r WHERE r.kind = 'reversal' AND r.reverses_id = e.id), 0)), 0) AS corrected
     FROM ledger_entries e
     WHERE e.invoice_id = ? AND e.kind = 'credit' AND e.reason_code IN ${BILLING_ERROR_REASONS} AND e.effective_on >= ?`,
  );
  return {
    recordedChanges: (accountId: string) => recordedChanges.all(accountId),
    corrected: (invoiceId: string, issuedOn: string) => corrected.get(invoiceId, issuedOn)?.corrected ?? 0,
  };
}
