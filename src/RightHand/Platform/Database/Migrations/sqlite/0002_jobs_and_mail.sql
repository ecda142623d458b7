-- 0002: background jobs and outgoing mail.

CREATE TABLE "jobs" (
    "id" TEXT NOT NULL CONSTRAINT "pk_jobs" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "idempotency_key" TEXT NULL,
    "state" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "max_attempts" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "run_after" TEXT NOT NULL,
    "lease_owner" TEXT NULL,
    "lease_until" TEXT NULL,
    "progress" INTEGER NOT NULL,
    "progress_text" TEXT NULL,
    "last_error" TEXT NULL,
    "started_at" TEXT NULL,
    "finished_at" TEXT NULL
);

CREATE TABLE "outgoing_mails" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outgoing_mails" PRIMARY KEY,
    "to" TEXT NOT NULL,
    "to_name" TEXT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "last_error" TEXT NULL
);

CREATE UNIQUE INDEX "ix_jobs_idempotency_key" ON "jobs" ("idempotency_key");

CREATE INDEX "ix_jobs_state_run_after" ON "jobs" ("state", "run_after");

CREATE INDEX "ix_outgoing_mails_created_at" ON "outgoing_mails" ("created_at");
