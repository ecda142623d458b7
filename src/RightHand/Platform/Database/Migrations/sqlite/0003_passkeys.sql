-- 0003: passkeys (WebAuthn credentials) as a way to sign in.

CREATE TABLE "passkeys" (
    "id" TEXT NOT NULL CONSTRAINT "pk_passkeys" PRIMARY KEY,
    "person_id" TEXT NOT NULL,
    "credential_id" BLOB NOT NULL,
    "public_key" BLOB NOT NULL,
    "name" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "last_used_at" TEXT NULL,
    "sign_count" INTEGER NOT NULL,
    "transports" TEXT NULL,
    "is_user_verified" INTEGER NOT NULL,
    "is_backup_eligible" INTEGER NOT NULL,
    "is_backed_up" INTEGER NOT NULL,
    "attestation_object" BLOB NOT NULL,
    "client_data_json" BLOB NOT NULL,
    CONSTRAINT "fk_passkeys_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_passkeys_credential_id" ON "passkeys" ("credential_id");

CREATE INDEX "ix_passkeys_person_id" ON "passkeys" ("person_id");
