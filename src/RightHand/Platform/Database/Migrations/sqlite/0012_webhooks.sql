-- 0012: webhooks for member events, their deliveries and the log of each attempt.

CREATE TABLE "webhook_attempts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_attempts" PRIMARY KEY,
    "delivery_id" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "status_code" INTEGER NULL,
    "error" TEXT NULL,
    "duration_ms" INTEGER NOT NULL,
    "response_excerpt" TEXT NULL,
    "resend" INTEGER NOT NULL
);

CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY,
    "webhook_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "occurred_at" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "scheduled_attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NULL,
    "last_status_code" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    "delivered_at" TEXT NULL
);

CREATE TABLE "webhooks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhooks" PRIMARY KEY,
    "url" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "secret" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL
);

CREATE INDEX "ix_webhook_attempts_delivery_id_at" ON "webhook_attempts" ("delivery_id", "at");

CREATE INDEX "ix_webhook_deliveries_webhook_id_created_at" ON "webhook_deliveries" ("webhook_id", "created_at");

CREATE UNIQUE INDEX "ix_webhook_deliveries_webhook_id_event_id" ON "webhook_deliveries" ("webhook_id", "event_id");
