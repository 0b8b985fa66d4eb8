-- The ledger stays append-only, with one exception: a desk takes back the entries of its own
-- command that the hub rejected (src/main/sync/provisional.ts), recorded in the audit trail.
DROP TRIGGER `ledger_entries_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
WHEN NOT EXISTS (SELECT 1 FROM `command_outbox` o WHERE o.`id` = OLD.`command_id` AND o.`status` = 'rejected')
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
