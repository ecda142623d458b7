-- 0015: the member list at a million members: the tag filter's index leads with the tag; on PostgreSQL, trigram and
-- pattern indexes serve the search (see Members/MemberSearchIndexes.cs).

DROP INDEX "ix_member_tags_tag";

CREATE INDEX "ix_member_tags_tag_member_id" ON "member_tags" ("tag", "member_id");

