CREATE TABLE "invoice_series" (
	"series" text PRIMARY KEY NOT NULL,
	"next_number" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "document_kind" text DEFAULT 'invoice' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "corrects_invoice_id" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_corrects_invoice_id_invoices_id_fk" FOREIGN KEY ("corrects_invoice_id") REFERENCES "invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: issued invoices are frozen documents, as on the desk (src/main/store/frozen-invoices.ts).
-- 1. Bills issued before this migration: a negative one is a credit note correcting the account's
--    invoice before it. Their numbers stay as issued.
UPDATE "invoices" SET "document_kind" = 'credit_note', "corrects_invoice_id" = (
  SELECT p."id" FROM "invoices" p WHERE p."account_id" = "invoices"."account_id" AND p."cycle_start" < "invoices"."cycle_start"
  ORDER BY p."cycle_start" DESC, p."id" DESC LIMIT 1)
WHERE "total" < 0 AND "document_kind" = 'invoice';
--> statement-breakpoint
-- 2. A credit note is a negative bill; only a credit note corrects an invoice.
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_document_kind" CHECK (
  "document_kind" IN ('invoice', 'credit_note')
  AND ("document_kind" = 'invoice' OR "total" < 0)
  AND ("document_kind" = 'credit_note' OR "corrects_invoice_id" IS NULL));
--> statement-breakpoint
-- 3. Once issued, nothing of a bill changes and it is never deleted (writing the same values again
--    is not a change).
CREATE FUNCTION ardoise_frozen_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
    RAISE EXCEPTION '%: an issued invoice is frozen', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoices_frozen" BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION ardoise_frozen_invoice();
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_frozen" BEFORE UPDATE OR DELETE ON "invoice_lines" FOR EACH ROW EXECUTE FUNCTION ardoise_frozen_invoice();
