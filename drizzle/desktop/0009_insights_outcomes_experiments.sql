CREATE TABLE `customer_outcomes` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`occurred_on` text NOT NULL,
	`reason` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_outcomes_customer_idx` ON `customer_outcomes` (`customer_id`,`kind`,`occurred_on`);--> statement-breakpoint
CREATE INDEX `customer_outcomes_kind_day_idx` ON `customer_outcomes` (`kind`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `experiment_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`experiment_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`arm` text NOT NULL,
	`bucket` integer NOT NULL,
	`assigned_on` text NOT NULL,
	`assigned_at` text NOT NULL,
	`policy_version` integer NOT NULL,
	`interaction_id` text,
	`actor_id` text,
	`churn_risk` text NOT NULL,
	`standing` text NOT NULL,
	`tenure_months` integer NOT NULL,
	`bill_shock` integer NOT NULL,
	`command_id` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experiment_assignments_uq` ON `experiment_assignments` (`experiment_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `experiment_assignments_arm_idx` ON `experiment_assignments` (`experiment_id`,`arm`);--> statement-breakpoint
CREATE TABLE `experiment_exposures` (
	`id` text PRIMARY KEY NOT NULL,
	`experiment_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`arm` text NOT NULL,
	`interaction_id` text,
	`actor_id` text,
	`exposed_at` text NOT NULL,
	`offer_made` integer,
	`command_id` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `experiment_exposures_customer_idx` ON `experiment_exposures` (`experiment_id`,`customer_id`);