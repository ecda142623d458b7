-- 0001: people and access, the audit trail, settings and the data-protection key ring.

CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "pk_api_tokens" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "person_id" TEXT NULL,
    "created_by" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "last_used_at" TEXT NULL,
    "revoked_at" TEXT NULL
);

CREATE TABLE "audit_entries" (
    "seq" INTEGER NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY,
    "at" TEXT NOT NULL,
    "actor_person_id" TEXT NULL,
    "actor_token_id" TEXT NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NOT NULL,
    "xml" TEXT NOT NULL
);

CREATE TABLE "invitations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_invitations" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "accepted_at" TEXT NULL,
    "person_id" TEXT NULL,
    "withdrawn_at" TEXT NULL
);

CREATE TABLE "people" (
    "id" TEXT NOT NULL CONSTRAINT "pk_people" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "normalized_email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "authenticator_key" TEXT NULL,
    "recovery_codes" TEXT NULL,
    "access_failed_count" INTEGER NOT NULL,
    "lockout_end_utc" TEXT NULL,
    "language" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    "revoked_by" TEXT NULL
);

CREATE TABLE "settings" (
    "key" TEXT NOT NULL CONSTRAINT "pk_settings" PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "user_sessions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_user_sessions" PRIMARY KEY,
    "person_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_seen_at" TEXT NOT NULL,
    "ended_at" TEXT NULL,
    "ended_reason" TEXT NULL,
    "ip_address" TEXT NULL,
    "user_agent" TEXT NULL,
    CONSTRAINT "fk_user_sessions_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_api_tokens_token_hash" ON "api_tokens" ("token_hash");

CREATE INDEX "ix_audit_entries_actor_person_id" ON "audit_entries" ("actor_person_id");

CREATE INDEX "ix_audit_entries_at" ON "audit_entries" ("at");

CREATE INDEX "ix_audit_entries_module_at" ON "audit_entries" ("module", "at");

CREATE UNIQUE INDEX "ix_invitations_token_hash" ON "invitations" ("token_hash");

CREATE UNIQUE INDEX "ix_people_normalized_email" ON "people" ("normalized_email");

CREATE INDEX "ix_user_sessions_person_id_ended_at" ON "user_sessions" ("person_id", "ended_at");

-- The audit trail is append-only: the database itself refuses to change or delete an entry.
CREATE TRIGGER "audit_entries_no_update" BEFORE UPDATE ON "audit_entries"
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER "audit_entries_no_delete" BEFORE DELETE ON "audit_entries"
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
