CREATE TABLE `credential_failures` (
	`username` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`paused_until` text,
	`last_failure_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`method` text NOT NULL,
	`payload_hash` text NOT NULL,
	`result` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `mac` text;--> statement-breakpoint
ALTER TABLE `customer_secrets` ADD `account_pin_digest` text;--> statement-breakpoint
-- INSERT OR REPLACE deletes the row it collides with WITHOUT firing DELETE triggers (unless
-- recursive_triggers is on in that connection), so the append-only tables also refuse any
-- insert that collides with a row already there: a ledger entry or an audit entry can only
-- ever be added, from any connection, whatever its pragmas.
CREATE TRIGGER `ledger_entries_no_replace` BEFORE INSERT ON `ledger_entries`
WHEN EXISTS (SELECT 1 FROM `ledger_entries` WHERE `id` = NEW.`id`) BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_replace` BEFORE INSERT ON `audit_log`
WHEN EXISTS (SELECT 1 FROM `audit_log` WHERE `id` = NEW.`id` OR `seq` = NEW.`seq`) BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
