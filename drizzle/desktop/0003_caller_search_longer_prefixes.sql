-- Name search answered from prefix indexes up to five letters: agents type 3–5 letters of a
-- family name and of a given name ("oli simo"); without a prefix index for 4 and 5 letters,
-- FTS5 merges the doclists of every matching term and a two-word lookup on 1M callers can take
-- tens of milliseconds. customer_search is derived data (rebuilt from customers), not synced.
DROP TABLE `customer_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `customer_search` USING fts5(
  `given_name`, `family_name`,
  content='customers', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2',
  prefix='1 2 3 4 5'
);
--> statement-breakpoint
INSERT INTO `customer_search`(`customer_search`) VALUES ('rebuild');
