-- 0010: bulk import of members: the imports with their counters and resume point, their bad rows, and the mapping per source.

CREATE TABLE "member_import_mappings" (
    "source_name" TEXT NOT NULL CONSTRAINT "pk_member_import_mappings" PRIMARY KEY,
    "mapping" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "member_import_problems" (
    "id" TEXT NOT NULL CONSTRAINT "pk_member_import_problems" PRIMARY KEY,
    "import_id" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "message" TEXT NOT NULL
);

CREATE TABLE "member_imports" (
    "id" TEXT NOT NULL CONSTRAINT "pk_member_imports" PRIMARY KEY,
    "source_name" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "file_size" INTEGER NOT NULL,
    "header" TEXT NOT NULL,
    "columns" TEXT NOT NULL,
    "key" INTEGER NOT NULL,
    "mode" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "culture" TEXT NOT NULL,
    "started_by" TEXT NULL,
    "job_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "checked_rows" INTEGER NULL,
    "checked_bad_rows" INTEGER NULL,
    "last_committed_row" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "problem_count" INTEGER NOT NULL,
    "error" TEXT NULL,
    "finished_at" TEXT NULL
);

CREATE INDEX "ix_member_import_problems_import_id_row" ON "member_import_problems" ("import_id", "row");

CREATE INDEX "ix_member_imports_created_at" ON "member_imports" ("created_at");
