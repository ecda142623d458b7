-- 0009: the member events outbox (webhooks read it after the change commits) and an index for the sync API's updatedSince.

CREATE TABLE "member_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_member_events" PRIMARY KEY,
    "member_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "dispatched_at" TEXT NULL
);

CREATE INDEX "ix_member_events_dispatched_at_at" ON "member_events" ("dispatched_at", "at");

CREATE INDEX "ix_member_events_member_id" ON "member_events" ("member_id");

CREATE INDEX "ix_members_updated_at_id" ON "members" ("updated_at", "id");

