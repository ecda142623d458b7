-- 0007: spot-check reviews with scores, and the review clock on approval requests (what control costs).

ALTER TABLE "approval_requests" ADD COLUMN "always_review" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "approval_requests" ADD COLUMN "review_seconds" INTEGER NULL;

CREATE INDEX "ix_approval_requests_prepared_by_decided_at" ON "approval_requests" ("prepared_by", "decided_at");

CREATE TABLE "spot_check_reviews" (
    "id" TEXT NOT NULL CONSTRAINT "pk_spot_check_reviews" PRIMARY KEY,
    "approval_request_id" TEXT NOT NULL,
    "reviewed_by" TEXT NOT NULL,
    "correctness" INTEGER NOT NULL,
    "tone" INTEGER NOT NULL,
    "completeness" INTEGER NOT NULL,
    "comment" TEXT NULL,
    "review_seconds" INTEGER NOT NULL,
    "at" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_spot_check_reviews_approval_request_id" ON "spot_check_reviews" ("approval_request_id");

CREATE INDEX "ix_spot_check_reviews_at" ON "spot_check_reviews" ("at");
