-- The change log desks pull from: every INSERT, UPDATE and DELETE on a synced table writes one
-- row here, in the same transaction, with the writing transaction's id (xid) — whatever code
-- made the write. A desk's cursor is read below the oldest transaction still running
-- (pg_snapshot_xmin), so a row that commits late is never skipped (src/hub/sync/change-log.ts).
-- Columns a desk is never sent (a staff member's password hash) are left out of the row.
-- A bulk load (the demo set) sets ardoise.bulk_load = 'on' for its transaction and skips the log:
-- desks then take a snapshot instead (the epoch says so).
CREATE FUNCTION ardoise_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pk_column text := TG_ARGV[0];
  withheld text[] := TG_ARGV[1:];
  data jsonb;
BEGIN
  IF coalesce(current_setting('ardoise.bulk_load', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_log (xid, tbl, pk, op, "row")
    VALUES (pg_current_xact_id()::text::bigint, TG_TABLE_NAME, to_jsonb(OLD) ->> pk_column, 'delete', NULL);
  ELSE
    data := to_jsonb(NEW);
    IF withheld IS NOT NULL AND array_length(withheld, 1) > 0 THEN
      data := data - withheld;
    END IF;
    INSERT INTO change_log (xid, tbl, pk, op, "row")
    VALUES (pg_current_xact_id()::text::bigint, TG_TABLE_NAME, data ->> pk_column, 'upsert', data::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "roles_log" AFTER INSERT OR UPDATE OR DELETE ON "roles" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('name');
--> statement-breakpoint
CREATE TRIGGER "users_log" AFTER INSERT OR UPDATE OR DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id', 'password_hash');
--> statement-breakpoint
CREATE TRIGGER "customers_log" AFTER INSERT OR UPDATE OR DELETE ON "customers" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "customer_phones_log" AFTER INSERT OR UPDATE OR DELETE ON "customer_phones" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "customer_emails_log" AFTER INSERT OR UPDATE OR DELETE ON "customer_emails" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "addresses_log" AFTER INSERT OR UPDATE OR DELETE ON "addresses" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "customer_secrets_log" AFTER INSERT OR UPDATE OR DELETE ON "customer_secrets" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('customer_id');
--> statement-breakpoint
CREATE TRIGGER "accounts_log" AFTER INSERT OR UPDATE OR DELETE ON "accounts" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "plans_log" AFTER INSERT OR UPDATE OR DELETE ON "plans" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "catalog_prices_log" AFTER INSERT OR UPDATE OR DELETE ON "catalog_prices" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "promotions_log" AFTER INSERT OR UPDATE OR DELETE ON "promotions" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "subscriptions_log" AFTER INSERT OR UPDATE OR DELETE ON "subscriptions" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "subscription_changes_log" AFTER INSERT OR UPDATE OR DELETE ON "subscription_changes" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "usage_records_log" AFTER INSERT OR UPDATE OR DELETE ON "usage_records" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "invoices_log" AFTER INSERT OR UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_log" AFTER INSERT OR UPDATE OR DELETE ON "invoice_lines" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "payments_log" AFTER INSERT OR UPDATE OR DELETE ON "payments" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_log" AFTER INSERT OR UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "interactions_log" AFTER INSERT OR UPDATE OR DELETE ON "interactions" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "verification_attempts_log" AFTER INSERT OR UPDATE OR DELETE ON "verification_attempts" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "verification_unlocks_log" AFTER INSERT OR UPDATE OR DELETE ON "verification_unlocks" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "interaction_notes_log" AFTER INSERT OR UPDATE OR DELETE ON "interaction_notes" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "approval_requests_log" AFTER INSERT OR UPDATE OR DELETE ON "approval_requests" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "policies_log" AFTER INSERT OR UPDATE OR DELETE ON "policies" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
--> statement-breakpoint
CREATE TRIGGER "settings_log" AFTER INSERT OR UPDATE OR DELETE ON "settings" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('key');
--> statement-breakpoint
-- Money and the record are append-only on the hub too: a correction is a new row.
CREATE FUNCTION ardoise_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION ardoise_append_only();
--> statement-breakpoint
CREATE TRIGGER "receipts_append_only" BEFORE UPDATE OR DELETE ON "receipts" FOR EACH ROW EXECUTE FUNCTION ardoise_append_only();
--> statement-breakpoint
CREATE TRIGGER "change_log_append_only" BEFORE UPDATE OR DELETE ON "change_log" FOR EACH ROW EXECUTE FUNCTION ardoise_append_only();
