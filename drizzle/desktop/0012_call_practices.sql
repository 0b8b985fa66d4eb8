CREATE TABLE `call_practices` (
	`interaction_id` text PRIMARY KEY NOT NULL,
	`flags` integer NOT NULL
);
--> statement-breakpoint
-- hand-written:
-- Kept in the same transaction as each audit entry: the practice bits of its call (audit_log is
-- append-only, so inserts are all there is). Bits as store/practices.ts PRACTICE_BIT.
CREATE TRIGGER `call_practices_from_audit` AFTER INSERT ON `audit_log`
WHEN new.interaction_id IS NOT NULL AND new.action IN ('bill_viewed', 'bills_compared', 'plan_quoted', 'plan_changed', 'credit_granted', 'approval_requested') BEGIN
  INSERT INTO `call_practices` (interaction_id, flags)
  VALUES (new.interaction_id, CASE new.action WHEN 'bill_viewed' THEN 1 WHEN 'bills_compared' THEN 2 WHEN 'plan_quoted' THEN 4
                                              WHEN 'plan_changed' THEN 8 WHEN 'credit_granted' THEN 16 ELSE 32 END)
  ON CONFLICT (interaction_id) DO UPDATE SET flags = flags | excluded.flags;
END;
--> statement-breakpoint
-- The calls already in the store, from their audit entries.
INSERT INTO `call_practices` (interaction_id, flags)
SELECT interaction_id,
       max(action = 'bill_viewed') | (max(action = 'bills_compared') << 1) | (max(action = 'plan_quoted') << 2)
       | (max(action = 'plan_changed') << 3) | (max(action = 'credit_granted') << 4) | (max(action = 'approval_requested') << 5)
  FROM `audit_log`
 WHERE interaction_id IS NOT NULL AND action IN ('bill_viewed', 'bills_compared', 'plan_quoted', 'plan_changed', 'credit_granted', 'approval_requested')
 GROUP BY interaction_id;
--> statement-breakpoint
-- A customer enrolled on two desks offline has two assignment rows (same arm: the hash); the hub
-- keeps the first and syncs it down: its row replaces this desk's own (intention to treat).
CREATE TRIGGER `experiment_assignments_hub_first` BEFORE INSERT ON `experiment_assignments`
WHEN EXISTS (SELECT 1 FROM `experiment_assignments` WHERE experiment_id = new.experiment_id AND customer_id = new.customer_id AND id <> new.id) BEGIN
  DELETE FROM `experiment_assignments` WHERE experiment_id = new.experiment_id AND customer_id = new.customer_id AND id <> new.id;
END;
