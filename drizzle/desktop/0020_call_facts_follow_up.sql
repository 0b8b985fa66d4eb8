-- hand-written below the two columns: a call's facts now also hold what its follow-up reads of
-- the customer's other rows — the day of their call just before it, and their first cancellation
-- on or after its day — so the insights read one ordered table, no seek per call
-- (store/call-facts.ts). Those come from other rows than the call's own, so these triggers mark
-- stale the calls whose facts they change: the customer's later calls when a call comes, goes,
-- moves or stops counting; all of the customer's calls when a cancellation is written. The
-- customers' calls index gains what "the call before" reads, so it is read from the index alone.
DROP INDEX `interactions_customer_idx`;--> statement-breakpoint
CREATE INDEX `interactions_customer_idx` ON `interactions` (`customer_id`,`started_at`,`id`,`verified_at`,`ended_at`);--> statement-breakpoint
ALTER TABLE `call_facts` ADD `previous_day_no` integer;--> statement-breakpoint
ALTER TABLE `call_facts` ADD `cancelled_on` text;--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_later_calls_insert` AFTER INSERT ON `interactions`
WHEN new.customer_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = new.customer_id AND (started_at, id) > (new.started_at, new.id)
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_later_calls_update` AFTER UPDATE OF customer_id, started_at, verified_at, ended_at ON `interactions` BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = new.customer_id AND (started_at, id) > (new.started_at, new.id)
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = old.customer_id AND (started_at, id) > (old.started_at, old.id)
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_later_calls_delete` AFTER DELETE ON `interactions`
WHEN old.customer_id IS NOT NULL BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = old.customer_id AND (started_at, id) > (old.started_at, old.id)
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_cancellation_insert` AFTER INSERT ON `customer_outcomes`
WHEN new.kind = 'cancellation' BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = new.customer_id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_cancellation_update` AFTER UPDATE OF customer_id, kind, occurred_on ON `customer_outcomes`
WHEN new.kind = 'cancellation' OR old.kind = 'cancellation' BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = new.customer_id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = old.customer_id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
CREATE TRIGGER `call_facts_stale_cancellation_delete` AFTER DELETE ON `customer_outcomes`
WHEN old.kind = 'cancellation' BEGIN
  INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i WHERE customer_id = old.customer_id
    AND NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id);
END;
--> statement-breakpoint
-- Every call's facts gain the two columns at the next load (in the background on start, in
-- customer order as call_facts did).
INSERT INTO `call_facts_stale` (interaction_id) SELECT id FROM `interactions` i
  WHERE NOT EXISTS (SELECT 1 FROM `call_facts_stale` s WHERE s.interaction_id = i.id) ORDER BY customer_id, started_at, id;
