-- Caller search by name: prefix, accent- and case-insensitive ("helene" finds "Hélène").
-- External-content FTS5 over customers, kept in step by triggers.
CREATE VIRTUAL TABLE `customer_search` USING fts5(
  `given_name`, `family_name`,
  content='customers', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2',
  prefix='1 2 3'
);
--> statement-breakpoint
CREATE TRIGGER `customers_search_ai` AFTER INSERT ON `customers` BEGIN
  INSERT INTO `customer_search`(rowid, given_name, family_name) VALUES (new.rowid, new.given_name, new.family_name);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_ad` AFTER DELETE ON `customers` BEGIN
  INSERT INTO `customer_search`(`customer_search`, rowid, given_name, family_name) VALUES ('delete', old.rowid, old.given_name, old.family_name);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_au` AFTER UPDATE OF given_name, family_name ON `customers` BEGIN
  INSERT INTO `customer_search`(`customer_search`, rowid, given_name, family_name) VALUES ('delete', old.rowid, old.given_name, old.family_name);
  INSERT INTO `customer_search`(rowid, given_name, family_name) VALUES (new.rowid, new.given_name, new.family_name);
END;
--> statement-breakpoint
-- The audit trail and the ledger are append-only: a correction is a new row, never an edit.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries` BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries` BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
