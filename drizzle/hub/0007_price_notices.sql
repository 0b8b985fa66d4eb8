CREATE TABLE "price_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"item_code" text NOT NULL,
	"effective_from" text NOT NULL,
	"notified_on" text NOT NULL,
	"channel" text NOT NULL,
	"recorded_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "price_notices" ADD CONSTRAINT "price_notices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_notices_account_idx" ON "price_notices" USING btree ("account_id","item_code","effective_from");--> statement-breakpoint
-- hand-written: (as in 0001_change_log.sql) price_notices is synced, so every write lands in the change log.
CREATE TRIGGER "price_notices_log" AFTER INSERT OR UPDATE OR DELETE ON "price_notices" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');--> statement-breakpoint
-- Accounts billed before this migration had every increase billed from its date: one notice per
-- increase to every account that had the item before it, on the 1st of the month before (the desk's
-- 0015 backfill, the same rows with the same ids).
INSERT INTO "price_notices" ("id", "account_id", "item_code", "effective_from", "notified_on", "channel", "recorded_at")
SELECT 'notice:' || a."id" || ':' || p."item_code" || '@' || p."effective_from", a."id", p."item_code", p."effective_from",
       to_char(date_trunc('month', p."effective_from"::date) - interval '1 month', 'YYYY-MM-DD'), 'letter',
       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
FROM "catalog_prices" p CROSS JOIN "accounts" a
WHERE p."amount" > (SELECT q."amount" FROM "catalog_prices" q WHERE q."item_code" = p."item_code" AND q."currency" = p."currency"
                    AND q."effective_from" < p."effective_from" ORDER BY q."effective_from" DESC LIMIT 1)
  AND EXISTS (SELECT 1 FROM "subscriptions" s JOIN "subscription_changes" sc ON sc."subscription_id" = s."id"
              WHERE s."account_id" = a."id" AND sc."item_code" = p."item_code" AND sc."effective_on" < p."effective_from");
