-- Name search with guaranteed recall (src/main/services/caller-lookup.ts explains the ranking
-- and how it is read). customer_search is derived data rebuilt here from customers; it is not
-- synced, and no synced table changes.
--
-- The index now holds marked terms rather than the raw name columns, for every customer:
--   given_terms   g<word> for each word of the given name, and g<joined> when it has several
--                 ("Jean-Pierre" → gjean gpierre gjeanpierre);
--   family_terms  the same with f ("N'Diaye" → fn fdiaye fndiaye, "Le Goff" → fle fgoff flegoff);
--   full_terms    n<given><family> and n<family><given>, joined ("nmariemartin nmartinmarie").
-- A typed word is then looked up in the given or the family name by its term alone ("fmartin",
-- "gmar"*), never through an FTS5 column filter, which reads a term's whole doclist to keep the
-- rows of one column.
--
-- Prefix indexes cover 1 to 10 typed letters (2 to 11 characters with the marker): a prefix
-- query with no index of its length first merges every term of its range into a temporary
-- doclist — milliseconds for a common name typed in full ("fmartin"*) — where an index streams.
-- detail=none: every phrase asked is a single term, so positions are never needed; dropping them
-- pays for the longer prefixes (60 MB for 1,000,000 callers, against 52 MB for the index it
-- replaces, with positions and prefixes of 1 to 5 letters).
-- Words are split at spaces, hyphens, apostrophes (' ’ ʼ), full stops and no-break spaces;
-- œ æ ß are spelled out as foldName does (src/core/search/query.ts: nameWords, fullNameKeys —
-- the same rules in TypeScript). unicode61 then removes accents and case.
--
-- The terms are computed once, in the view customer_search_source; the table is contentless
-- with contentless_delete (SQLite 3.43+), so the triggers delete by rowid and insert from the
-- view, and no expression is written twice.
DROP TRIGGER `customers_search_ai`;
--> statement-breakpoint
DROP TRIGGER `customers_search_ad`;
--> statement-breakpoint
DROP TRIGGER `customers_search_au`;
--> statement-breakpoint
DROP TABLE `customer_search`;
--> statement-breakpoint
CREATE VIEW `customer_search_source` AS
SELECT
  rid,
  'g' || replace(replace(replace(replace(replace(replace(replace(replace(g,
    ' ', ' g'), '-', ' g'), '''', ' g'), '’', ' g'), 'ʼ', ' g'), '.', ' g'), char(160), ' g'), '‐', ' g')
    || CASE WHEN gj <> g THEN ' g' || gj ELSE '' END AS given_terms,
  'f' || replace(replace(replace(replace(replace(replace(replace(replace(f,
    ' ', ' f'), '-', ' f'), '''', ' f'), '’', ' f'), 'ʼ', ' f'), '.', ' f'), char(160), ' f'), '‐', ' f')
    || CASE WHEN fj <> f THEN ' f' || fj ELSE '' END AS family_terms,
  'n' || gj || fj || ' n' || fj || gj AS full_terms
FROM (
  SELECT
    rid, g, f,
    replace(replace(replace(replace(replace(replace(replace(replace(g,
      ' ', ''), '-', ''), '''', ''), '’', ''), 'ʼ', ''), '.', ''), char(160), ''), '‐', '') AS gj,
    replace(replace(replace(replace(replace(replace(replace(replace(f,
      ' ', ''), '-', ''), '''', ''), '’', ''), 'ʼ', ''), '.', ''), char(160), ''), '‐', '') AS fj
  FROM (
    SELECT
      rowid AS rid,
      replace(replace(replace(replace(replace(given_name, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss') AS g,
      replace(replace(replace(replace(replace(family_name, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss') AS f
    FROM `customers`
  )
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `customer_search` USING fts5(
  `given_terms`, `family_terms`, `full_terms`,
  content='', contentless_delete=1, detail=none,
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3 4 5 6 7 8 9 10 11'
);
--> statement-breakpoint
CREATE TRIGGER `customers_search_ai` AFTER INSERT ON `customers` BEGIN
  INSERT INTO `customer_search`(rowid, given_terms, family_terms, full_terms)
    SELECT rid, given_terms, family_terms, full_terms FROM `customer_search_source` WHERE rid = new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_ad` AFTER DELETE ON `customers` BEGIN
  DELETE FROM `customer_search` WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_au` AFTER UPDATE OF given_name, family_name ON `customers` BEGIN
  DELETE FROM `customer_search` WHERE rowid = old.rowid;
  INSERT INTO `customer_search`(rowid, given_terms, family_terms, full_terms)
    SELECT rid, given_terms, family_terms, full_terms FROM `customer_search_source` WHERE rid = new.rowid;
END;
--> statement-breakpoint
INSERT INTO `customer_search`(rowid, given_terms, family_terms, full_terms)
  SELECT rid, given_terms, family_terms, full_terms FROM `customer_search_source`;
