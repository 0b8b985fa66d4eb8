ALTER TABLE "receipts" ADD COLUMN "interaction_id" text;--> statement-breakpoint
CREATE INDEX "receipts_interaction_idx" ON "receipts" USING btree ("interaction_id","type");