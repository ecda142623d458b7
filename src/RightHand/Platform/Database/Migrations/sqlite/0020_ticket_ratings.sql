-- 0020: when a ticket's requester gave or changed their satisfaction rating (Support/Ratings): the satisfaction report
-- counts ratings by this time, over its own index.

ALTER TABLE "tickets" ADD COLUMN "rated_at" TEXT NULL;

CREATE INDEX "ix_tickets_rated_at" ON "tickets" ("rated_at");
