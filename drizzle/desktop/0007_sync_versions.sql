CREATE TABLE `sync_versions` (
	`tbl` text NOT NULL,
	`pk` text NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_versions_row_uq` ON `sync_versions` (`tbl`,`pk`);