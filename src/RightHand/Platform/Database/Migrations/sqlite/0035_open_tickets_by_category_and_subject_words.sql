-- 0035: a category (and priority) of open tickets has its own index in the lists' order, as on PostgreSQL (the other half
-- of the PostgreSQL migration, the subject words in the open-tickets index, has no counterpart: SQLite searches FTS5).

CREATE INDEX "ix_tickets_open_category_id_priority_last_activity_at_number" ON "tickets" ("category_id", "priority", "last_activity_at", "number") WHERE merged_into_id IS NULL AND state NOT IN (5, 6);
