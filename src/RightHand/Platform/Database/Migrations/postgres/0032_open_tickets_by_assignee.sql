-- 0032: the open tickets per assignee in the lists' order (Support/Ticket.cs), as on SQLite: "mine", "unassigned" and
-- the assignee filter read them in order whatever the statistics say.

CREATE INDEX ix_tickets_open_assignee_id_last_activity_at_number ON tickets (assignee_id, last_activity_at, number) WHERE merged_into_id IS NULL AND state NOT IN (5, 6);
