-- 0022: the ticket API's paging index (at the end), and full-text search over tickets' subjects and messages (Support/Search/TicketSearch.cs). Each ticket and each message
-- carries a generated tsvector with German and English stemming, so "Rechnungen" finds "Rechnung" and "refunds" finds
-- "refund" whichever language the text is in; GIN indexes serve the search at millions of messages. The columns are in the
-- model on PostgreSQL only (Support/Search/TicketSearchIndexes.cs).

ALTER TABLE tickets ADD search tsvector GENERATED ALWAYS AS (to_tsvector('german'::regconfig, subject::text) || to_tsvector('english'::regconfig, subject::text)) STORED;

ALTER TABLE ticket_messages ADD search tsvector GENERATED ALWAYS AS (to_tsvector('german'::regconfig, body::text) || to_tsvector('english'::regconfig, body::text)) STORED;

CREATE INDEX ix_tickets_search ON tickets USING gin (search);

CREATE INDEX ix_ticket_messages_search ON ticket_messages USING gin (search);

-- The ticket API pages by (updated_at, id) (Support/Api/TicketSync.cs).
CREATE INDEX ix_tickets_updated_at_id ON tickets (updated_at, id);
