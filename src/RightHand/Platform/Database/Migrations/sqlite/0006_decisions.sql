-- 0006: the decision log (decisions, their versions, participants and agreements) and offboarding records with the handover report.

CREATE TABLE "decision_agreements" (
    "id" TEXT NOT NULL CONSTRAINT "pk_decision_agreements" PRIMARY KEY,
    "decision_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "person_id" TEXT NOT NULL,
    "at" TEXT NOT NULL
);

CREATE TABLE "decision_participants" (
    "decision_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    CONSTRAINT "pk_decision_participants" PRIMARY KEY ("decision_id", "person_id")
);

CREATE TABLE "decision_versions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_decision_versions" PRIMARY KEY,
    "decision_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "reason" TEXT NULL,
    "author_id" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "late_change" INTEGER NOT NULL
);

CREATE TABLE "decisions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_decisions" PRIMARY KEY,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "event_at" TEXT NULL,
    "state" INTEGER NOT NULL,
    "current_version" INTEGER NOT NULL,
    "has_late_change" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_changed_at" TEXT NOT NULL,
    "agreed_at" TEXT NULL
);

CREATE TABLE "offboarding_records" (
    "id" TEXT NOT NULL CONSTRAINT "pk_offboarding_records" PRIMARY KEY,
    "person_id" TEXT NOT NULL,
    "successor_id" TEXT NOT NULL,
    "offboarded_by" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "items_reassigned" INTEGER NOT NULL,
    "report" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_decision_agreements_decision_id_version_person_id" ON "decision_agreements" ("decision_id", "version", "person_id");

CREATE INDEX "ix_decision_participants_person_id" ON "decision_participants" ("person_id");

CREATE UNIQUE INDEX "ix_decision_versions_decision_id_number" ON "decision_versions" ("decision_id", "number");

CREATE INDEX "ix_decisions_event_at" ON "decisions" ("event_at");

CREATE INDEX "ix_offboarding_records_person_id_at" ON "offboarding_records" ("person_id", "at");
