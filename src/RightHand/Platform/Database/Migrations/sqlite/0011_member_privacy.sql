-- 0011: GDPR. Per-member data keys that seal personal values in the audit trail (erasure deletes the key),
-- the erasure mark on members, and the member a mail was written to (erasure deletes those mails).

CREATE TABLE "member_keys" (
    "member_id" TEXT NOT NULL CONSTRAINT "pk_member_keys" PRIMARY KEY,
    "key" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

ALTER TABLE "members" ADD COLUMN "erased_at" TEXT NULL;

ALTER TABLE "outgoing_mails" ADD COLUMN "member_id" TEXT NULL;

CREATE INDEX "ix_outgoing_mails_member_id" ON "outgoing_mails" ("member_id");
