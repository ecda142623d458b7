-- 0023: merged and linked tickets (Support/Links): a survivor's merged tickets and a parent's children are looked up by these.

CREATE INDEX "ix_tickets_merged_into_id" ON "tickets" ("merged_into_id");

CREATE INDEX "ix_tickets_parent_id" ON "tickets" ("parent_id");
