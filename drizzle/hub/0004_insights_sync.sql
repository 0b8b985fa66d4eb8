CREATE TABLE "call_practices" (
	"interaction_id" text PRIMARY KEY NOT NULL,
	"flags" integer NOT NULL,
	"recorded_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_outcomes" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" text NOT NULL,
	"reason" text,
	"recorded_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiment_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"experiment_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"arm" text NOT NULL,
	"bucket" integer NOT NULL,
	"assigned_on" text NOT NULL,
	"assigned_at" text NOT NULL,
	"policy_version" integer NOT NULL,
	"interaction_id" text,
	"actor_id" text,
	"churn_risk" text NOT NULL,
	"standing" text NOT NULL,
	"tenure_months" integer NOT NULL,
	"bill_shock" integer NOT NULL,
	"command_id" text
);
--> statement-breakpoint
CREATE TABLE "experiment_exposures" (
	"id" text PRIMARY KEY NOT NULL,
	"experiment_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"arm" text NOT NULL,
	"interaction_id" text,
	"actor_id" text,
	"exposed_at" text NOT NULL,
	"offer_made" integer,
	"command_id" text
);
--> statement-breakpoint
ALTER TABLE "customer_outcomes" ADD CONSTRAINT "customer_outcomes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_assignments" ADD CONSTRAINT "experiment_assignments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_exposures" ADD CONSTRAINT "experiment_exposures_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_outcomes_customer_idx" ON "customer_outcomes" USING btree ("customer_id","kind","occurred_on");--> statement-breakpoint
CREATE INDEX "customer_outcomes_kind_day_idx" ON "customer_outcomes" USING btree ("kind","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "experiment_assignments_uq" ON "experiment_assignments" USING btree ("experiment_id","customer_id");--> statement-breakpoint
CREATE INDEX "experiment_assignments_arm_idx" ON "experiment_assignments" USING btree ("experiment_id","arm");--> statement-breakpoint
CREATE INDEX "experiment_exposures_customer_idx" ON "experiment_exposures" USING btree ("experiment_id","customer_id");--> statement-breakpoint
-- hand-written: (as in 0001_change_log.sql) the insights' tables are synced, so every write lands in the change log.
CREATE TRIGGER "experiment_assignments_log" AFTER INSERT OR UPDATE OR DELETE ON "experiment_assignments" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');--> statement-breakpoint
CREATE TRIGGER "experiment_exposures_log" AFTER INSERT OR UPDATE OR DELETE ON "experiment_exposures" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');--> statement-breakpoint
CREATE TRIGGER "customer_outcomes_log" AFTER INSERT OR UPDATE OR DELETE ON "customer_outcomes" FOR EACH ROW EXECUTE FUNCTION ardoise_log_change('id');
