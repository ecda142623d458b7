-- 0034: the member list sorted by name or status stays fast under a tag or any other filter (Members/Member.cs), as on
-- PostgreSQL. A member's tags carry copies of the member's names, indexed per tag in the list's name order; triggers
-- keep them equal to the member's names. SQLite adds a NOT NULL column only with a default, so the table is rebuilt.

CREATE TABLE "member_tags_0034" (
    "member_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "member_sequence" INTEGER NOT NULL,
    "last_name" TEXT NOT NULL,
    "first_name" TEXT NULL,
    CONSTRAINT "pk_member_tags" PRIMARY KEY ("member_id", "tag")
);

INSERT INTO "member_tags_0034" ("member_id", "tag", "member_sequence", "last_name", "first_name")
SELECT t."member_id", t."tag", t."member_sequence", m."last_name", m."first_name" FROM "member_tags" t JOIN "members" m ON m."id" = t."member_id";

DROP TABLE "member_tags";

ALTER TABLE "member_tags_0034" RENAME TO "member_tags";

CREATE INDEX "ix_member_tags_tag_member_id" ON "member_tags" ("tag", "member_id");

CREATE UNIQUE INDEX "ix_member_tags_tag_member_sequence" ON "member_tags" ("tag", "member_sequence");

CREATE INDEX "ix_member_tags_tag_name_order" ON "member_tags" ("tag", "last_name", "first_name", "member_sequence", "member_id");

CREATE INDEX "ix_members_status_sequence" ON "members" ("status", "sequence");

-- A tag takes its member's names when the member is there already (a tag written first keeps the names it was given).
CREATE TRIGGER "member_tags_take_member_names" AFTER INSERT ON "member_tags"
WHEN EXISTS (SELECT 1 FROM "members" m WHERE m."id" = new."member_id" AND (m."last_name" IS NOT new."last_name" OR m."first_name" IS NOT new."first_name"))
BEGIN
    UPDATE "member_tags" SET
        "last_name" = (SELECT m."last_name" FROM "members" m WHERE m."id" = new."member_id"),
        "first_name" = (SELECT m."first_name" FROM "members" m WHERE m."id" = new."member_id")
    WHERE "member_id" = new."member_id" AND "tag" = new."tag";
END;

CREATE TRIGGER "members_pass_names_to_tags" AFTER UPDATE OF "last_name", "first_name" ON "members"
WHEN old."last_name" IS NOT new."last_name" OR old."first_name" IS NOT new."first_name"
BEGIN
    UPDATE "member_tags" SET "last_name" = new."last_name", "first_name" = new."first_name" WHERE "member_id" = new."id";
END;
