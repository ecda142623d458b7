-- 0029: a member's tags carry the member's sequence (given once, never changed), indexed per tag, so that a page of a
-- tag in member number order is a range of that index instead of a walk along all members probing each for the tag.
-- SQLite adds a NOT NULL column only with a default, so the table is rebuilt; tags of members that no longer exist go.

CREATE TABLE "member_tags_0029" (
    "member_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "member_sequence" INTEGER NOT NULL,
    CONSTRAINT "pk_member_tags" PRIMARY KEY ("member_id", "tag")
);

INSERT INTO "member_tags_0029" ("member_id", "tag", "member_sequence")
SELECT t."member_id", t."tag", m."sequence" FROM "member_tags" t JOIN "members" m ON m."id" = t."member_id";

DROP TABLE "member_tags";

ALTER TABLE "member_tags_0029" RENAME TO "member_tags";

CREATE INDEX "ix_member_tags_tag_member_id" ON "member_tags" ("tag", "member_id");

CREATE UNIQUE INDEX "ix_member_tags_tag_member_sequence" ON "member_tags" ("tag", "member_sequence");
