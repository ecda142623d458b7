-- 0031: the merge and parent indexes hold only tickets that have one (Support/Ticket.cs): the same definition as on
-- SQLite, where the full index misled the planner, and a fraction of the size (0.5 % of tickets are merged).

DROP INDEX ix_tickets_merged_into_id;

CREATE INDEX ix_tickets_merged_into_id ON tickets (merged_into_id) WHERE merged_into_id IS NOT NULL;

DROP INDEX ix_tickets_parent_id;

CREATE INDEX ix_tickets_parent_id ON tickets (parent_id) WHERE parent_id IS NOT NULL;
