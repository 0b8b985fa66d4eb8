CREATE TABLE `invoice_series` (
	`series` text PRIMARY KEY NOT NULL,
	`next_number` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `invoices` ADD `document_kind` text DEFAULT 'invoice' NOT NULL;--> statement-breakpoint
ALTER TABLE `invoices` ADD `corrects_invoice_id` text REFERENCES invoices(id);--> statement-breakpoint
-- hand-written: issued invoices are frozen documents (store/frozen-invoices.ts says why).
-- 1. Bills issued before this migration: a negative one is a credit note correcting the account's
--    invoice before it (the engine's rule, core/billing/invoice.ts documentOf). Their numbers stay
--    as issued (a number already printed on a bill is never changed).
UPDATE `invoices` SET `document_kind` = 'credit_note', `corrects_invoice_id` = (
  SELECT p.`id` FROM `invoices` p WHERE p.`account_id` = `invoices`.`account_id` AND p.`cycle_start` < `invoices`.`cycle_start`
  ORDER BY p.`cycle_start` DESC, p.`id` DESC LIMIT 1)
WHERE `total` < 0;--> statement-breakpoint
-- 2. A credit note is a negative bill; only a credit note corrects an invoice.
CREATE TRIGGER `invoices_document_kind` BEFORE INSERT ON `invoices`
WHEN NEW.`document_kind` NOT IN ('invoice', 'credit_note')
  OR (NEW.`document_kind` = 'credit_note' AND NEW.`total` >= 0)
  OR (NEW.`document_kind` = 'invoice' AND NEW.`corrects_invoice_id` IS NOT NULL) BEGIN
  SELECT RAISE(ABORT, 'invoices: a credit note is a negative bill, and only a credit note corrects an invoice');
END;--> statement-breakpoint
-- 3. Once issued, nothing of a bill changes and it is never deleted. Writing the same values again
--    (the hub sending a row the desk holds) is not a change.
CREATE TRIGGER `invoices_frozen` BEFORE UPDATE ON `invoices`
WHEN NEW.`id` IS NOT OLD.`id` OR NEW.`account_id` IS NOT OLD.`account_id` OR NEW.`number` IS NOT OLD.`number`
  OR NEW.`cycle_start` IS NOT OLD.`cycle_start` OR NEW.`cycle_end` IS NOT OLD.`cycle_end` OR NEW.`issued_on` IS NOT OLD.`issued_on`
  OR NEW.`due_on` IS NOT OLD.`due_on` OR NEW.`currency` IS NOT OLD.`currency` OR NEW.`subtotal` IS NOT OLD.`subtotal`
  OR NEW.`tax` IS NOT OLD.`tax` OR NEW.`total` IS NOT OLD.`total` OR NEW.`previous_balance` IS NOT OLD.`previous_balance`
  OR NEW.`payments_received` IS NOT OLD.`payments_received` OR NEW.`amount_due` IS NOT OLD.`amount_due`
  OR NEW.`document_kind` IS NOT OLD.`document_kind` OR NEW.`corrects_invoice_id` IS NOT OLD.`corrects_invoice_id` BEGIN
  SELECT RAISE(ABORT, 'invoices: an issued invoice is frozen');
END;--> statement-breakpoint
CREATE TRIGGER `invoices_no_delete` BEFORE DELETE ON `invoices` BEGIN
  SELECT RAISE(ABORT, 'invoices: an issued invoice is frozen');
END;--> statement-breakpoint
CREATE TRIGGER `invoice_lines_frozen` BEFORE UPDATE ON `invoice_lines`
WHEN NEW.`id` IS NOT OLD.`id` OR NEW.`invoice_id` IS NOT OLD.`invoice_id` OR NEW.`position` IS NOT OLD.`position`
  OR NEW.`kind` IS NOT OLD.`kind` OR NEW.`amount` IS NOT OLD.`amount` OR NEW.`tax_rate_bp` IS NOT OLD.`tax_rate_bp`
  OR NEW.`explanation` IS NOT OLD.`explanation` BEGIN
  SELECT RAISE(ABORT, 'invoice_lines: an issued invoice is frozen');
END;--> statement-breakpoint
CREATE TRIGGER `invoice_lines_no_delete` BEFORE DELETE ON `invoice_lines` BEGIN
  SELECT RAISE(ABORT, 'invoice_lines: an issued invoice is frozen');
END;
