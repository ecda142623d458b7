-- 0025: escalations of tickets to IT (a structured report) and to the owner (a personal matter), and their history
-- (Support/Escalations). Screenshots are attachments of the ticket's internal note that carries the report.

CREATE TABLE "escalations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_escalations" PRIMARY KEY,
    "ticket_id" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "summary" TEXT NULL,
    "steps_to_reproduce" TEXT NULL,
    "expected" TEXT NULL,
    "actual" TEXT NULL,
    "affected_member_id" TEXT NULL,
    "environment" TEXT NULL,
    "severity" INTEGER NOT NULL,
    "reason" INTEGER NULL,
    "reason_note" TEXT NULL,
    "question" TEXT NULL,
    "resolution" TEXT NULL,
    "note_message_id" TEXT NULL,
    "external_reference" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "resolved_at" TEXT NULL,
    CONSTRAINT "fk_escalations_members_affected_member_id" FOREIGN KEY ("affected_member_id") REFERENCES "members" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_escalations_tickets_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE CASCADE
);

CREATE TABLE "escalation_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_escalation_events" PRIMARY KEY,
    "escalation_id" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "by_person_id" TEXT NULL,
    "text" TEXT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_escalation_events_escalations_escalation_id" FOREIGN KEY ("escalation_id") REFERENCES "escalations" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_escalation_events_escalation_id_at" ON "escalation_events" ("escalation_id", "at");

CREATE INDEX "ix_escalations_affected_member_id" ON "escalations" ("affected_member_id");

CREATE INDEX "ix_escalations_kind_status_created_at" ON "escalations" ("kind", "status", "created_at");

CREATE INDEX "ix_escalations_ticket_id_created_at" ON "escalations" ("ticket_id", "created_at");
