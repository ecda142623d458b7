-- 0015: the member list at a million members: the tag filter's index leads with the tag, the custom field filter's
-- index covers the member; on PostgreSQL, trigram and pattern indexes serve the search (Members/MemberSearchIndexes.cs).

DROP INDEX "ix_member_tags_tag";

CREATE INDEX "ix_member_tags_tag_member_id" ON "member_tags" ("tag", "member_id");

DROP INDEX "ix_member_custom_values_field_id_value";

CREATE INDEX "ix_member_custom_values_field_id_value_member_id" ON "member_custom_values" ("field_id", "value", "member_id");
