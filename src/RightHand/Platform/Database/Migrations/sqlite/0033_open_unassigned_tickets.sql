-- 0033: the open unassigned tickets in the lists' order (Support/Ticket.cs), as on PostgreSQL, where 0032's index could
-- not give the "unassigned" view its order. SQLite reads 0032's index in order already; the index is small (open
-- unassigned tickets only) and keeps the schema the same on both engines.

CREATE INDEX "ix_tickets_open_unassigned_last_activity_at_number" ON "tickets" ("last_activity_at", "number") WHERE merged_into_id IS NULL AND state NOT IN (5, 6) AND assignee_id IS NULL;
