-- 0011: GDPR. Per-member data keys that seal personal values in the audit trail (erasure deletes the key),
-- the erasure mark on members, and the member a mail was written to (erasure deletes those mails).

CREATE TABLE member_keys (
    member_id uuid NOT NULL,
    key character varying(44) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_member_keys PRIMARY KEY (member_id)
);

ALTER TABLE members ADD COLUMN erased_at timestamp with time zone;

ALTER TABLE outgoing_mails ADD COLUMN member_id uuid;

CREATE INDEX ix_outgoing_mails_member_id ON outgoing_mails (member_id);
