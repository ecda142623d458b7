-- 0014: bulk member updates: one change for a fixed set of members, approved through the delegation module, applied by a job.

CREATE TABLE "bulk_member_updates" (
    "id" TEXT NOT NULL CONSTRAINT "pk_bulk_member_updates" PRIMARY KEY,
    "change" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "field_id" TEXT NULL,
    "filter" TEXT NOT NULL,
    "member_ids" TEXT NOT NULL,
    "member_count" INTEGER NOT NULL,
    "prepared_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "comment" TEXT NULL,
    "finished_at" TEXT NULL
);

CREATE INDEX "ix_bulk_member_updates_created_at" ON "bulk_member_updates" ("created_at");
