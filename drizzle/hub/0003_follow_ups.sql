CREATE TABLE "follow_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"interaction_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"due_at" text NOT NULL,
	"text" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	"done_at" text,
	"done_by" text
);
--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_ups_customer_idx" ON "follow_ups" USING btree ("customer_id","due_at");--> statement-breakpoint
CREATE INDEX "follow_ups_owner_idx" ON "follow_ups" USING btree ("created_by","done_at","due_at");--> statement-breakpoint
-- Hand-written (as in 0001_change_log.sql): follow-ups are a synced table, so every write lands in the change log.
CREATE TRIGGER "follow_ups_log" AFTER INSERT OR UPDATE OR DELETE ON "follow_ups" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
