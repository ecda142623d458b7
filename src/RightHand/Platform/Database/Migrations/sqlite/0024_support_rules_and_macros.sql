-- 0024: support rules (ordered conditions and actions run on new tickets and requester replies) and macros (one-click
-- answer, state, tags and assignee on a ticket).

CREATE TABLE "support_macros" (
    "id" TEXT NOT NULL CONSTRAINT "pk_support_macros" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "answer_de_id" TEXT NULL,
    "answer_en_id" TEXT NULL,
    "state_after" INTEGER NULL,
    "tags" TEXT NULL,
    "assignee" INTEGER NOT NULL,
    "assignee_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "support_rules" (
    "id" TEXT NOT NULL CONSTRAINT "pk_support_rules" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "enabled" INTEGER NOT NULL,
    "stop_after" INTEGER NOT NULL,
    "on_new_tickets" INTEGER NOT NULL,
    "on_requester_replies" INTEGER NOT NULL,
    "channel" INTEGER NULL,
    "category_id" TEXT NULL,
    "subject_words" TEXT NULL,
    "body_words" TEXT NULL,
    "member_status" INTEGER NULL,
    "member_plan_id" TEXT NULL,
    "member_tag" TEXT NULL,
    "from_minute" INTEGER NULL,
    "to_minute" INTEGER NULL,
    "weekdays" INTEGER NOT NULL,
    "outside_business_hours" INTEGER NOT NULL,
    "set_category_id" TEXT NULL,
    "set_priority" INTEGER NULL,
    "assign_to" TEXT NULL,
    "add_tag" TEXT NULL,
    "answer_de_id" TEXT NULL,
    "answer_en_id" TEXT NULL,
    "set_waiting" INTEGER NULL,
    "escalate" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_support_macros_name" ON "support_macros" ("name");
CREATE INDEX "ix_support_rules_position" ON "support_rules" ("position");
