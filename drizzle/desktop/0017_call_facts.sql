-- hand-written: WITHOUT ROWID (drizzle cannot say it), so the rows are stored in key order.
CREATE TABLE `call_facts` (
	`customer_id` text NOT NULL,
	`started_at` text NOT NULL,
	`interaction_id` text NOT NULL,
	`day_no` integer NOT NULL,
	`account_id` text NOT NULL,
	`agent_id` text,
	`disposition` text,
	`mask` integer NOT NULL,
	`high_risk` integer NOT NULL,
	`new_customer` integer NOT NULL,
	`bill_shock` integer NOT NULL,
	`not_good` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `started_at`, `interaction_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE UNIQUE INDEX `call_facts_interaction_uq` ON `call_facts` (`interaction_id`);--> statement-breakpoint
CREATE TABLE `call_facts_stale` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interaction_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_facts_stale_interaction_id_unique` ON `call_facts_stale` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `experiment_assignments_interaction_idx` ON `experiment_assignments` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `experiment_exposures_interaction_idx` ON `experiment_exposures` (`interaction_id`);--> statement-breakpoint
-- hand-written: what puts a call in call_facts_stale — any change to a row its facts are read
-- from, made by the app or behind its back (store/call-facts.ts reads the same rows):
-- the call; its practice bits, offer exposures, enrolment, approval requests and verification
-- attempts; its customer's churn risk; the customer's accounts (the first one's opening day and
-- status); a bill of theirs issued on or before the call's day (bill shock).
CREATE TRIGGER `call_facts_stale_interaction_insert` AFTER INSERT ON `interactions` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_interaction_update` AFTER UPDATE OF customer_id, agent_id, started_at, verified_at, ended_at, disposition, handle_seconds ON `interactions` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_interaction_delete` AFTER DELETE ON `interactions` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_practices_insert` AFTER INSERT ON `call_practices`
WHEN new.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_practices_update` AFTER UPDATE ON `call_practices` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE new.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE old.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_practices_delete` AFTER DELETE ON `call_practices`
WHEN old.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_exposure_insert` AFTER INSERT ON `experiment_exposures`
WHEN new.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_exposure_update` AFTER UPDATE ON `experiment_exposures` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE new.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE old.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_exposure_delete` AFTER DELETE ON `experiment_exposures`
WHEN old.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_assignment_insert` AFTER INSERT ON `experiment_assignments`
WHEN new.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_assignment_update` AFTER UPDATE ON `experiment_assignments` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE new.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE old.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_assignment_delete` AFTER DELETE ON `experiment_assignments`
WHEN old.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_approval_insert` AFTER INSERT ON `approval_requests`
WHEN new.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_approval_update` AFTER UPDATE ON `approval_requests` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE new.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE old.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_approval_delete` AFTER DELETE ON `approval_requests`
WHEN old.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_attempt_insert` AFTER INSERT ON `verification_attempts`
WHEN new.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_attempt_update` AFTER UPDATE ON `verification_attempts` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT new.interaction_id WHERE new.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = new.interaction_id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE old.interaction_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_attempt_delete` AFTER DELETE ON `verification_attempts`
WHEN old.interaction_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT old.interaction_id WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` WHERE interaction_id = old.interaction_id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_customer_churn` AFTER UPDATE OF churn_risk ON `customers` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = new.id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_account_insert` AFTER INSERT ON `accounts` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = new.customer_id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_account_update` AFTER UPDATE OF customer_id, status, opened_on ON `accounts` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = new.customer_id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = old.customer_id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_account_delete` AFTER DELETE ON `accounts` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = old.customer_id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_invoice_insert` AFTER INSERT ON `invoices` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = (SELECT customer_id FROM `accounts` WHERE id = new.account_id) AND started_at >= new.issued_on
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_invoice_update` AFTER UPDATE OF account_id, cycle_start, issued_on, total ON `invoices` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = (SELECT customer_id FROM `accounts` WHERE id = new.account_id) AND started_at >= new.issued_on
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = (SELECT customer_id FROM `accounts` WHERE id = old.account_id) AND started_at >= old.issued_on
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_invoice_delete` AFTER DELETE ON `invoices` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = (SELECT customer_id FROM `accounts` WHERE id = old.account_id) AND started_at >= old.issued_on
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
-- Every call already in the store: its facts are worked out at the next insights load, in
-- customer order (the order of the reads and of call_facts' key: several times quicker).
INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` ORDER BY customer_id, started_at, id;
