CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`interaction_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`due_at` text NOT NULL,
	`text` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`done_at` text,
	`done_by` text,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_ups_customer_idx` ON `follow_ups` (`customer_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `follow_ups_owner_idx` ON `follow_ups` (`created_by`,`done_at`,`due_at`);