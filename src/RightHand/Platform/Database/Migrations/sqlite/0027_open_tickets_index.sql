-- 0027: the open tickets alone, in the lists' order (Support): at a million tickets the views and their tab counts read
-- the open ones instead of the whole table (bench/RESULTS.md §8).

CREATE INDEX "ix_tickets_open_last_activity_at_number" ON "tickets" ("last_activity_at", "number") WHERE merged_into_id IS NULL AND state NOT IN (5, 6);
