-- An agent's credits today (the daily limit) and whether an entry was reversed are read on
-- every live policy evaluation while the agent types: index both instead of scanning the ledger.
CREATE INDEX `ledger_entries_actor_created_idx` ON `ledger_entries` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_entries_reverses_idx` ON `ledger_entries` (`reverses_id`);