-- The ticket search table filled as migration 0022 fills it: subject and every message of a ticket in one row, keyed by the number.
-- Run by bench/sqlite-exec.py after bench/seed-tickets-sqlite.sql (the sqlite3 command line cannot open this table).
INSERT INTO "ticket_search" ("rowid", "subject", "body")
SELECT t."number", t."subject", coalesce((SELECT group_concat(m."body", char(10)) FROM "ticket_messages" m WHERE m."ticket_id" = t."id"), '')
FROM "tickets" t;
