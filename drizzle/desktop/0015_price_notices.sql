CREATE TABLE `price_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`item_code` text NOT NULL,
	`effective_from` text NOT NULL,
	`notified_on` text NOT NULL,
	`channel` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `price_notices_account_idx` ON `price_notices` (`account_id`,`item_code`,`effective_from`);--> statement-breakpoint
-- hand-written: accounts billed before this migration had every catalog increase billed from its
-- date, as if each customer had been told in time. Say so: one notice per increase to every account
-- that had the item before that date, on the 1st of the month before (always a full month before:
-- the notice rule then bills exactly what was billed). The id is made from what it records, so the
-- hub's copy of this backfill (drizzle/hub 0007) gives the same rows the same ids.
INSERT INTO `price_notices` (`id`, `account_id`, `item_code`, `effective_from`, `notified_on`, `channel`, `recorded_at`)
SELECT 'notice:' || a.`id` || ':' || p.`item_code` || '@' || p.`effective_from`, a.`id`, p.`item_code`, p.`effective_from`,
       date(p.`effective_from`, 'start of month', '-1 month'), 'letter', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `catalog_prices` p JOIN `accounts` a
WHERE p.`amount` > (SELECT q.`amount` FROM `catalog_prices` q WHERE q.`item_code` = p.`item_code` AND q.`currency` = p.`currency`
                    AND q.`effective_from` < p.`effective_from` ORDER BY q.`effective_from` DESC LIMIT 1)
  AND EXISTS (SELECT 1 FROM `subscriptions` s JOIN `subscription_changes` sc ON sc.`subscription_id` = s.`id`
              WHERE s.`account_id` = a.`id` AND sc.`item_code` = p.`item_code` AND sc.`effective_on` < p.`effective_from`);
