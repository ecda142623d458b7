-- 0018: the support desk's tickets: categories, tickets, tags, the conversation, attachments (content in the attachment store) and saved views;
-- outgoing mail learns threading (In-Reply-To, References) and that a person's reply is not auto-submitted.

CREATE TABLE "ticket_categories" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ticket_categories" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "archived" INTEGER NOT NULL
);

CREATE TABLE "tickets" (
    "id" TEXT NOT NULL CONSTRAINT "pk_tickets" PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "requester_member_id" TEXT NULL,
    "requester_email" TEXT NOT NULL,
    "requester_email_key" TEXT NOT NULL,
    "requester_name" TEXT NULL,
    "channel" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL,
    "category_id" TEXT NULL,
    "assignee_id" TEXT NULL,
    "language" TEXT NOT NULL,
    "first_response_due_at" TEXT NULL,
    "resolution_due_at" TEXT NULL,
    "first_responded_at" TEXT NULL,
    "solved_at" TEXT NULL,
    "closed_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "last_activity_at" TEXT NOT NULL,
    "rating" INTEGER NULL,
    "rating_comment" TEXT NULL,
    "merged_into_id" TEXT NULL,
    "parent_id" TEXT NULL,
    CONSTRAINT "fk_tickets_members_requester_member_id" FOREIGN KEY ("requester_member_id") REFERENCES "members" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_tickets_ticket_categories_category_id" FOREIGN KEY ("category_id") REFERENCES "ticket_categories" ("id") ON DELETE RESTRICT
);

CREATE TABLE "ticket_tags" (
    "ticket_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    CONSTRAINT "pk_ticket_tags" PRIMARY KEY ("ticket_id", "tag")
);

CREATE TABLE "ticket_messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ticket_messages" PRIMARY KEY,
    "ticket_id" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "author_person_id" TEXT NULL,
    "author_member_id" TEXT NULL,
    "requester_member_id" TEXT NULL,
    "from_address" TEXT NULL,
    "from_name" TEXT NULL,
    "body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "mail_message_id" TEXT NULL,
    "channel" INTEGER NOT NULL,
    CONSTRAINT "fk_ticket_messages_tickets_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE CASCADE
);

CREATE TABLE "ticket_attachments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ticket_attachments" PRIMARY KEY,
    "message_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    CONSTRAINT "fk_ticket_attachments_ticket_messages_message_id" FOREIGN KEY ("message_id") REFERENCES "ticket_messages" ("id") ON DELETE CASCADE
);

CREATE TABLE "saved_ticket_views" (
    "id" TEXT NOT NULL CONSTRAINT "pk_saved_ticket_views" PRIMARY KEY,
    "person_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_ticket_categories_name" ON "ticket_categories" ("name");

CREATE INDEX "ix_tickets_assignee_id_state_last_activity_at" ON "tickets" ("assignee_id", "state", "last_activity_at");

CREATE INDEX "ix_tickets_category_id_state" ON "tickets" ("category_id", "state");

CREATE UNIQUE INDEX "ix_tickets_number" ON "tickets" ("number");

CREATE INDEX "ix_tickets_requester_email_key" ON "tickets" ("requester_email_key");

CREATE INDEX "ix_tickets_requester_member_id_created_at" ON "tickets" ("requester_member_id", "created_at");

CREATE INDEX "ix_tickets_state_first_response_due_at" ON "tickets" ("state", "first_response_due_at");

CREATE INDEX "ix_tickets_state_last_activity_at" ON "tickets" ("state", "last_activity_at");

CREATE INDEX "ix_tickets_state_resolution_due_at" ON "tickets" ("state", "resolution_due_at");

CREATE INDEX "ix_ticket_tags_tag_ticket_id" ON "ticket_tags" ("tag", "ticket_id");

CREATE INDEX "ix_ticket_messages_mail_message_id" ON "ticket_messages" ("mail_message_id");

CREATE INDEX "ix_ticket_messages_ticket_id_created_at" ON "ticket_messages" ("ticket_id", "created_at");

CREATE INDEX "ix_ticket_attachments_message_id" ON "ticket_attachments" ("message_id");

CREATE INDEX "ix_ticket_attachments_sha256" ON "ticket_attachments" ("sha256");

CREATE UNIQUE INDEX "ix_saved_ticket_views_person_id_name" ON "saved_ticket_views" ("person_id", "name");

ALTER TABLE "outgoing_mails" ADD COLUMN "in_reply_to" TEXT NULL;
ALTER TABLE "outgoing_mails" ADD COLUMN "references" TEXT NULL;
ALTER TABLE "outgoing_mails" ADD COLUMN "auto_submitted" TEXT NULL;
-- Everything written so far was written by the system.
UPDATE "outgoing_mails" SET "auto_submitted" = 'auto-generated';
