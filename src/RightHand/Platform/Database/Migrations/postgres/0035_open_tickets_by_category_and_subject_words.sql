-- 0035: two list pages at a million tickets (bench/RESULTS.md §8).
-- A category (and priority) of open tickets has its own index, in the lists' order: the filter counted and sorted its
-- matches from all ~26,000 open tickets (priority + category by creation: 10 → 2.4 ms of database time a page).
-- The open-tickets index also carries each ticket's subject words (its tsvector): a search walks the open tickets checking
-- each, and with the words in the index it picks the page's ids without visiting the table (a rare word: 22 → 9 ms).

CREATE INDEX ix_tickets_open_category_id_priority_last_activity_at_number ON tickets (category_id, priority, last_activity_at, number) INCLUDE (state, assignee_id, created_at, id) WHERE merged_into_id IS NULL AND state NOT IN (5, 6);

DROP INDEX ix_tickets_open_last_activity_at_number;

CREATE INDEX ix_tickets_open_last_activity_at_number ON tickets (last_activity_at, number) INCLUDE (state, assignee_id, first_responded_at, first_response_due_at, resolution_due_at, category_id, priority, created_at, id, search) WHERE merged_into_id IS NULL AND state NOT IN (5, 6);
