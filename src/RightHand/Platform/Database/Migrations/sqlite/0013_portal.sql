-- 0013: the member portal: members' accounts, their one-time links (invitation, sign-in, reset, registration), the logo and the consents offered.

CREATE TABLE "consent_offers" (
    "id" TEXT NOT NULL CONSTRAINT "pk_consent_offers" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "wording" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "portal_accounts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_portal_accounts" PRIMARY KEY,
    "member_id" TEXT NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NOT NULL,
    "email_confirmed_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "last_sign_in_at" TEXT NULL,
    "failed_sign_ins" INTEGER NOT NULL,
    "locked_until" TEXT NULL
);

CREATE TABLE "portal_links" (
    "id" TEXT NOT NULL CONSTRAINT "pk_portal_links" PRIMARY KEY,
    "member_id" TEXT NULL,
    "email" TEXT NULL,
    "purpose" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "used_at" TEXT NULL,
    "created_by" TEXT NULL
);

CREATE TABLE "portal_logos" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_portal_logos" PRIMARY KEY,
    "content_type" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_at" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_consent_offers_kind_version" ON "consent_offers" ("kind", "version");

CREATE UNIQUE INDEX "ix_portal_accounts_member_id" ON "portal_accounts" ("member_id");

CREATE INDEX "ix_portal_links_member_id_purpose" ON "portal_links" ("member_id", "purpose");

CREATE UNIQUE INDEX "ix_portal_links_token_hash" ON "portal_links" ("token_hash");
