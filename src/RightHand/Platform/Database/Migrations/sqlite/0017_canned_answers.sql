-- 0017: canned answers of the support desk (Support/Answers): the working copy an author edits and the approved,
-- live version agents use and members read in the FAQ.

CREATE TABLE "canned_answers" (
    "id" TEXT NOT NULL CONSTRAINT "pk_canned_answers" PRIMARY KEY,
    "language" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NULL,
    "body" TEXT NOT NULL,
    "in_faq" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "review_comment" TEXT NULL,
    "live_title" TEXT NULL,
    "live_category" TEXT NULL,
    "live_body" TEXT NULL,
    "live_in_faq" INTEGER NOT NULL,
    "approved_at" TEXT NULL,
    "last_reviewed_at" TEXT NULL,
    "usage_count" INTEGER NOT NULL,
    "deflections" INTEGER NOT NULL,
    "archived" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE INDEX "ix_canned_answers_language_live_title" ON "canned_answers" ("language", "live_title");
