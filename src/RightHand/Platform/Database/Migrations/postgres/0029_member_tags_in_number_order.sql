-- 0029: a member's tags carry the member's sequence (given once, never changed), indexed per tag, so that a page of a
-- tag in member number order is a range of that index instead of a walk along all members probing each for the tag
-- (page 20 of a tag carried by 5 % of a million members). Tags of members that no longer exist show nowhere; they go.

ALTER TABLE member_tags ADD COLUMN member_sequence bigint;

UPDATE member_tags t SET member_sequence = m.sequence FROM members m WHERE m.id = t.member_id;

DELETE FROM member_tags WHERE member_sequence IS NULL;

ALTER TABLE member_tags ALTER COLUMN member_sequence SET NOT NULL;

CREATE UNIQUE INDEX ix_member_tags_tag_member_sequence ON member_tags (tag, member_sequence);
