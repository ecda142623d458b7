-- 0004: work types with autonomy levels and their history, approval requests (the delegation seam).

CREATE TABLE "approval_requests" (
    "id" TEXT NOT NULL CONSTRAINT "pk_approval_requests" PRIMARY KEY,
    "work_type_key" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "preview" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "amount_cents" INTEGER NULL,
    "prepared_by" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "sampled_for_review" INTEGER NOT NULL,
    "decided_by" TEXT NULL,
    "decided_at" TEXT NULL,
    "comment" TEXT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "autonomy_changes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_autonomy_changes" PRIMARY KEY,
    "work_type_key" TEXT NOT NULL,
    "from" INTEGER NOT NULL,
    "to" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "changed_by" TEXT NULL,
    "at" TEXT NOT NULL
);

CREATE TABLE "work_types" (
    "key" TEXT NOT NULL CONSTRAINT "pk_work_types" PRIMARY KEY,
    "is_money" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "sample_rate_percent" INTEGER NOT NULL,
    "promotion_threshold" INTEGER NOT NULL,
    "approvals_in_a_row" INTEGER NOT NULL,
    "promotion_offered" INTEGER NOT NULL,
    "four_eyes_above_cents" INTEGER NOT NULL
);

CREATE INDEX "ix_approval_requests_module_item_id_state" ON "approval_requests" ("module", "item_id", "state");

CREATE INDEX "ix_approval_requests_state_created_at" ON "approval_requests" ("state", "created_at");

CREATE INDEX "ix_autonomy_changes_work_type_key_at" ON "autonomy_changes" ("work_type_key", "at");

-- The kinds of delegated work the design names; modules add their own at start-up. All start at
-- "approve each" (level 0): trust is earned. Money (payment files, payouts) always has four eyes.
INSERT INTO "work_types" ("key", "is_money", "level", "sample_rate_percent", "promotion_threshold", "approvals_in_a_row", "promotion_offered", "four_eyes_above_cents") VALUES
    ('task-result', 0, 0, 20, 10, 0, 0, 0),
    ('newsletter', 0, 0, 20, 10, 0, 0, 0),
    ('payment-file', 1, 0, 20, 10, 0, 0, 0),
    ('payout', 1, 0, 20, 10, 0, 0, 0),
    ('share-transfer', 0, 0, 20, 10, 0, 0, 0),
    ('canned-answer', 0, 0, 20, 10, 0, 0, 0),
    ('marketing-material', 0, 0, 20, 10, 0, 0, 0),
    ('bulk-member-update', 0, 0, 20, 10, 0, 0, 0);
