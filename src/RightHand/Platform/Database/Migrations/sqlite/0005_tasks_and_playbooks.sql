-- 0005: delegated tasks with briefs (checklists, comments, time logs, files), recurring tasks, playbooks with versions.

CREATE TABLE "delegated_tasks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_delegated_tasks" PRIMARY KEY,
    "title" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "definition_of_done" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "work_language" TEXT NOT NULL,
    "links" TEXT NOT NULL,
    "assignee_id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "state_changed_at" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "playbook_id" TEXT NULL,
    "is_trial" INTEGER NOT NULL,
    "recurring_task_id" TEXT NULL,
    "occurrence_date" TEXT NULL
);

CREATE TABLE "playbook_versions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_playbook_versions" PRIMARY KEY,
    "playbook_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title_de" TEXT NOT NULL,
    "body_de" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "change_note" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "playbooks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_playbooks" PRIMARY KEY,
    "title_de" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "current_version" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "recurring_tasks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_recurring_tasks" PRIMARY KEY,
    "title" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "definition_of_done" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "work_language" TEXT NOT NULL,
    "links" TEXT NOT NULL,
    "checklist" TEXT NOT NULL,
    "assignee_id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "playbook_id" TEXT NULL,
    "kind" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "day_of_month" INTEGER NOT NULL,
    "deadline_after_days" INTEGER NOT NULL,
    "starts_on" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "task_checklist_items" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task_checklist_items" PRIMARY KEY,
    "task_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "done" INTEGER NOT NULL
);

CREATE TABLE "task_comments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task_comments" PRIMARY KEY,
    "task_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "is_feedback" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "task_files" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task_files" PRIMARY KEY,
    "task_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" TEXT NOT NULL
);

CREATE TABLE "task_time_logs" (
    "id" TEXT NOT NULL CONSTRAINT "pk_task_time_logs" PRIMARY KEY,
    "task_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "logged_at" TEXT NOT NULL
);

CREATE INDEX "ix_delegated_tasks_assignee_id_deadline" ON "delegated_tasks" ("assignee_id", "deadline");

CREATE INDEX "ix_delegated_tasks_deadline" ON "delegated_tasks" ("deadline");

CREATE UNIQUE INDEX "ix_delegated_tasks_recurring_task_id_occurrence_date" ON "delegated_tasks" ("recurring_task_id", "occurrence_date");

CREATE INDEX "ix_delegated_tasks_state_assignee_id_deadline" ON "delegated_tasks" ("state", "assignee_id", "deadline");

CREATE UNIQUE INDEX "ix_playbook_versions_playbook_id_number" ON "playbook_versions" ("playbook_id", "number");

CREATE INDEX "ix_recurring_tasks_active" ON "recurring_tasks" ("active");

CREATE INDEX "ix_task_checklist_items_task_id_position" ON "task_checklist_items" ("task_id", "position");

CREATE INDEX "ix_task_comments_task_id_created_at" ON "task_comments" ("task_id", "created_at");

CREATE INDEX "ix_task_files_task_id" ON "task_files" ("task_id");

CREATE INDEX "ix_task_time_logs_day_person_id" ON "task_time_logs" ("day", "person_id");

CREATE INDEX "ix_task_time_logs_task_id" ON "task_time_logs" ("task_id");
