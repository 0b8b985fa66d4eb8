CREATE TABLE `disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`invoice_line_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason_code` text NOT NULL,
	`customer_said` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` text NOT NULL,
	`interaction_id` text NOT NULL,
	`command_id` text NOT NULL,
	`resolved_by` text,
	`resolved_at` text,
	`credited_amount` integer,
	`credit_entry_id` text,
	`rejection_reason` text,
	`resolve_command_id` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_line_id`) REFERENCES `invoice_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disputes_account_idx` ON `disputes` (`account_id`,`status`);--> statement-breakpoint
CREATE INDEX `disputes_line_idx` ON `disputes` (`invoice_line_id`);--> statement-breakpoint
CREATE TABLE `payment_plan_instalments` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`seq` integer NOT NULL,
	`due_on` text NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `payment_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_plan_instalments_plan_seq_uq` ON `payment_plan_instalments` (`plan_id`,`seq`);--> statement-breakpoint
CREATE TABLE `payment_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`balance` integer NOT NULL,
	`currency` text NOT NULL,
	`instalment_count` integer NOT NULL,
	`agreed_on` text NOT NULL,
	`status` text DEFAULT 'agreed' NOT NULL,
	`decision` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`interaction_id` text NOT NULL,
	`command_id` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_plans_account_idx` ON `payment_plans` (`account_id`,`agreed_on`);