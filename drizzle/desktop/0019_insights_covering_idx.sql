-- Covering indexes for the insights' per-enrolment reads (store/experiment-risk-sets.ts): a
-- customer's accounts, a window of an account's payments and whether a customer was offered are
-- read from the index alone, not by a seek into the table per row. Same leading columns as
-- before, so every other plan is unchanged.
DROP INDEX `accounts_customer_idx`;--> statement-breakpoint
CREATE INDEX `accounts_customer_idx` ON `accounts` (`customer_id`,`id`);--> statement-breakpoint
DROP INDEX `experiment_exposures_customer_idx`;--> statement-breakpoint
CREATE INDEX `experiment_exposures_customer_idx` ON `experiment_exposures` (`experiment_id`,`customer_id`,`offer_made`);--> statement-breakpoint
DROP INDEX `payments_account_idx`;--> statement-breakpoint
CREATE INDEX `payments_account_idx` ON `payments` (`account_id`,`received_on`,`currency`,`status`,`amount`,`returned_amount`);