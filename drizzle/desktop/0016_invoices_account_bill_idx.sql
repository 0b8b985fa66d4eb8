DROP INDEX `invoices_account_idx`;--> statement-breakpoint
CREATE INDEX `invoices_account_bill_idx` ON `invoices` (`account_id`,`cycle_start`,`issued_on`,`total`);