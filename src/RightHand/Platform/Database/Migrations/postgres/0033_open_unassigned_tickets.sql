-- 0033: the open unassigned tickets in the lists' order (Support/Ticket.cs). PostgreSQL does not take "assignee_id IS NULL"
-- as a fixed value of 0032's first column, so it read all open unassigned tickets through that index and sorted them
-- (5.4 ms and 3,757 buffers at 1,000,000 tickets, the "unassigned" view p95 128 ms under wrk); this index is read in order.

CREATE INDEX ix_tickets_open_unassigned_last_activity_at_number ON tickets (last_activity_at, number) WHERE merged_into_id IS NULL AND state NOT IN (5, 6) AND assignee_id IS NULL;
