-- 0030: the ticket views at a million tickets (bench/RESULTS.md §8).
-- PostgreSQL estimated "open and unassigned" (or "open and mine") as if the two were unrelated: 105 rows instead of 3,835,
-- so it read every unassigned ticket and sorted them (9.5 ms) instead of walking the open-tickets index in order (0.1 ms).
-- A multi-column MCV list on state, assignee and merge tells it which combinations are common.
-- The open-tickets index also carries category, priority, creation time and id, so the list's filters count the open
-- tickets from the index alone (priority + category: 25 → 7 ms) and a search checks its hashed matches against the id.
-- ANALYZE fills the statistics now rather than at autovacuum's next visit.

CREATE STATISTICS st_tickets_state_assignee_merged (mcv) ON state, assignee_id, merged_into_id FROM tickets;

DROP INDEX ix_tickets_open_last_activity_at_number;

CREATE INDEX ix_tickets_open_last_activity_at_number ON tickets (last_activity_at, number) INCLUDE (state, assignee_id, first_responded_at, first_response_due_at, resolution_due_at, category_id, priority, created_at, id) WHERE merged_into_id IS NULL AND state NOT IN (5, 6);

ANALYZE tickets;
