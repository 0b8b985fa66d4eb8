CREATE TABLE "disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"invoice_line_id" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"reason_code" text NOT NULL,
	"customer_said" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" text NOT NULL,
	"interaction_id" text NOT NULL,
	"command_id" text NOT NULL,
	"resolved_by" text,
	"resolved_at" text,
	"credited_amount" integer,
	"credit_entry_id" text,
	"rejection_reason" text,
	"resolve_command_id" text
);
--> statement-breakpoint
CREATE TABLE "payment_plan_instalments" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"seq" integer NOT NULL,
	"due_on" text NOT NULL,
	"amount" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"balance" integer NOT NULL,
	"currency" text NOT NULL,
	"instalment_count" integer NOT NULL,
	"agreed_on" text NOT NULL,
	"status" text DEFAULT 'agreed' NOT NULL,
	"decision" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	"interaction_id" text NOT NULL,
	"command_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_invoice_line_id_invoice_lines_id_fk" FOREIGN KEY ("invoice_line_id") REFERENCES "invoice_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_instalments" ADD CONSTRAINT "payment_plan_instalments_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_account_idx" ON "disputes" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "disputes_line_idx" ON "disputes" USING btree ("invoice_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_instalments_plan_seq_uq" ON "payment_plan_instalments" USING btree ("plan_id","seq");--> statement-breakpoint
CREATE INDEX "payment_plans_account_idx" ON "payment_plans" USING btree ("account_id","agreed_on");--> statement-breakpoint
-- hand-written: (as in 0001_change_log.sql) disputes and payment plans are synced tables, so every write lands in the change log.
CREATE TRIGGER "disputes_log" AFTER INSERT OR UPDATE OR DELETE ON "disputes" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');--> statement-breakpoint
CREATE TRIGGER "payment_plans_log" AFTER INSERT OR UPDATE OR DELETE ON "payment_plans" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');--> statement-breakpoint
CREATE TRIGGER "payment_plan_instalments_log" AFTER INSERT OR UPDATE OR DELETE ON "payment_plan_instalments" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
