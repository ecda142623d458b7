-- 0008: the member register: members with their status history, tags and custom field values, the custom fields, membership plans,
-- consent records and saved views of the list.

CREATE TABLE "consent_records" (
    "id" TEXT NOT NULL CONSTRAINT "pk_consent_records" PRIMARY KEY,
    "member_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "granted" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "wording_version" TEXT NOT NULL,
    "recorded_by" TEXT NULL
);

CREATE TABLE "member_custom_fields" (
    "id" TEXT NOT NULL CONSTRAINT "pk_member_custom_fields" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "options" TEXT NULL
);

CREATE TABLE "member_custom_values" (
    "member_id" TEXT NOT NULL,
    "field_id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    CONSTRAINT "pk_member_custom_values" PRIMARY KEY ("member_id", "field_id")
);

CREATE TABLE "member_status_changes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_member_status_changes" PRIMARY KEY,
    "member_id" TEXT NOT NULL,
    "from" INTEGER NULL,
    "to" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "by" TEXT NULL
);

CREATE TABLE "member_tags" (
    "member_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    CONSTRAINT "pk_member_tags" PRIMARY KEY ("member_id", "tag")
);

CREATE TABLE "members" (
    "id" TEXT NOT NULL CONSTRAINT "pk_members" PRIMARY KEY,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "salutation" TEXT NULL,
    "first_name" TEXT NULL,
    "last_name" TEXT NOT NULL,
    "company" TEXT NULL,
    "email" TEXT NOT NULL,
    "email_key" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "phone" TEXT NULL,
    "language" TEXT NOT NULL,
    "street" TEXT NULL,
    "postcode" TEXT NULL,
    "city" TEXT NULL,
    "country" TEXT NULL,
    "date_of_birth" TEXT NULL,
    "status" INTEGER NOT NULL,
    "status_since" TEXT NOT NULL,
    "plan_id" TEXT NULL,
    "notes" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "membership_plans" (
    "id" TEXT NOT NULL CONSTRAINT "pk_membership_plans" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "fee_cents" INTEGER NOT NULL,
    "interval" INTEGER NOT NULL
);

CREATE TABLE "saved_member_views" (
    "id" TEXT NOT NULL CONSTRAINT "pk_saved_member_views" PRIMARY KEY,
    "person_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE INDEX "ix_consent_records_member_id_at" ON "consent_records" ("member_id", "at");

CREATE UNIQUE INDEX "ix_member_custom_fields_name" ON "member_custom_fields" ("name");

CREATE INDEX "ix_member_custom_values_field_id_value" ON "member_custom_values" ("field_id", "value");

CREATE INDEX "ix_member_status_changes_member_id_at" ON "member_status_changes" ("member_id", "at");

CREATE INDEX "ix_member_tags_tag" ON "member_tags" ("tag");

CREATE INDEX "ix_members_created_at" ON "members" ("created_at");

CREATE UNIQUE INDEX "ix_members_email_key" ON "members" ("email_key");

CREATE INDEX "ix_members_last_name_first_name" ON "members" ("last_name", "first_name");

CREATE UNIQUE INDEX "ix_members_number" ON "members" ("number");

CREATE INDEX "ix_members_plan_id" ON "members" ("plan_id");

CREATE UNIQUE INDEX "ix_members_sequence" ON "members" ("sequence");

CREATE INDEX "ix_members_status" ON "members" ("status");

CREATE UNIQUE INDEX "ix_membership_plans_name" ON "membership_plans" ("name");

CREATE UNIQUE INDEX "ix_saved_member_views_person_id_name" ON "saved_member_views" ("person_id", "name");
