-- 0027: the open tickets alone, in the lists' order (Support): at a million tickets the views and their tab counts read
-- the open ones instead of the whole table, with what the counts filter on carried in the index (bench/RESULTS.md §8).

CREATE INDEX ix_tickets_open_last_activity_at_number ON tickets (last_activity_at, number) INCLUDE (state, assignee_id, first_responded_at, first_response_due_at, resolution_due_at) WHERE merged_into_id IS NULL AND state NOT IN (5, 6);
