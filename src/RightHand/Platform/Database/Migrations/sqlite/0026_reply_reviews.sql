-- 0026: replies to members are delegated work (Support/Replies). An approval item about a member names them, so its
-- title and preview are sealed in the audit trail under that member's key and blanked when the member is erased.

ALTER TABLE "approval_requests" ADD COLUMN "subject_member_id" TEXT NULL;

CREATE INDEX "ix_approval_requests_subject_member_id" ON "approval_requests" ("subject_member_id");
