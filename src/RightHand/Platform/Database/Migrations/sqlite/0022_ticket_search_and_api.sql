-- 0022: the ticket API's paging index (at the end), and full-text search over tickets' subjects and messages (Support/Search/TicketSearch.cs). One FTS5 row per ticket, keyed by
-- the ticket's number (an integer that never changes, unlike the implicit rowid of a table keyed by a GUID, which VACUUM may
-- renumber), holding the subject and every message's text. Contentless: the text stays in tickets and ticket_messages only.
-- Triggers rebuild a ticket's row whenever its subject or one of its messages changes; unicode61 with remove_diacritics 2 lets
-- "Kundigung" find "Kündigung". SQLite has no German stemmer: the query side trims endings and searches by prefix.

CREATE VIRTUAL TABLE "ticket_search" USING fts5("subject", "body", content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO "ticket_search" ("rowid", "subject", "body")
SELECT t."number", t."subject", coalesce((SELECT group_concat(m."body", char(10)) FROM "ticket_messages" m WHERE m."ticket_id" = t."id"), '')
FROM "tickets" t;

CREATE TRIGGER "ticket_search_ticket_inserted" AFTER INSERT ON "tickets" BEGIN
    INSERT INTO "ticket_search" ("rowid", "subject", "body") VALUES (new."number", new."subject", '');
END;

CREATE TRIGGER "ticket_search_ticket_changed" AFTER UPDATE OF "number", "subject" ON "tickets" BEGIN
    DELETE FROM "ticket_search" WHERE "rowid" = old."number";
    INSERT INTO "ticket_search" ("rowid", "subject", "body")
    VALUES (new."number", new."subject", coalesce((SELECT group_concat(m."body", char(10)) FROM "ticket_messages" m WHERE m."ticket_id" = new."id"), ''));
END;

CREATE TRIGGER "ticket_search_ticket_deleted" AFTER DELETE ON "tickets" BEGIN
    DELETE FROM "ticket_search" WHERE "rowid" = old."number";
END;

CREATE TRIGGER "ticket_search_message_inserted" AFTER INSERT ON "ticket_messages" BEGIN
    DELETE FROM "ticket_search" WHERE "rowid" = (SELECT t."number" FROM "tickets" t WHERE t."id" = new."ticket_id");
    INSERT INTO "ticket_search" ("rowid", "subject", "body")
    SELECT t."number", t."subject", coalesce((SELECT group_concat(m."body", char(10)) FROM "ticket_messages" m WHERE m."ticket_id" = t."id"), '')
    FROM "tickets" t WHERE t."id" = new."ticket_id";
END;

CREATE TRIGGER "ticket_search_message_changed" AFTER UPDATE OF "body", "ticket_id" ON "ticket_messages" BEGIN
    DELETE FROM "ticket_search" WHERE "rowid" IN (SELECT t."number" FROM "tickets" t WHERE t."id" IN (old."ticket_id", new."ticket_id"));
    INSERT INTO "ticket_search" ("rowid", "subject", "body")
    SELECT t."number", t."subject", coalesce((SELECT group_concat(m."body", char(10)) FROM "ticket_messages" m WHERE m."ticket_id" = t."id"), '')
    FROM "tickets" t WHERE t."id" IN (old."ticket_id", new."ticket_id");
END;

CREATE TRIGGER "ticket_search_message_deleted" AFTER DELETE ON "ticket_messages" BEGIN
    DELETE FROM "ticket_search" WHERE "rowid" = (SELECT t."number" FROM "tickets" t WHERE t."id" = old."ticket_id");
    INSERT INTO "ticket_search" ("rowid", "subject", "body")
    SELECT t."number", t."subject", coalesce((SELECT group_concat(m."body", char(10)) FROM "ticket_messages" m WHERE m."ticket_id" = t."id"), '')
    FROM "tickets" t WHERE t."id" = old."ticket_id";
END;

-- The ticket API pages by (updated_at, id) (Support/Api/TicketSync.cs).
CREATE INDEX "ix_tickets_updated_at_id" ON "tickets" ("updated_at", "id");
