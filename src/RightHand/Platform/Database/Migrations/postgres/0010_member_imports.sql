-- 0010: bulk import of members: the imports with their counters and resume point, their bad rows, and the mapping per source.

CREATE TABLE member_import_mappings (
    source_name character varying(100) NOT NULL,
    mapping character varying(20000) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_member_import_mappings PRIMARY KEY (source_name)
);

CREATE TABLE member_import_problems (
    id uuid NOT NULL,
    import_id uuid NOT NULL,
    row integer NOT NULL,
    field character varying(120) NOT NULL,
    message character varying(1000) NOT NULL,
    CONSTRAINT pk_member_import_problems PRIMARY KEY (id)
);

CREATE TABLE member_imports (
    id uuid NOT NULL,
    source_name character varying(100) NOT NULL,
    file_name character varying(260) NOT NULL,
    file_sha256 character varying(64) NOT NULL,
    file_size bigint NOT NULL,
    header text NOT NULL,
    columns text NOT NULL,
    key integer NOT NULL,
    mode integer NOT NULL,
    state integer NOT NULL,
    culture character varying(10) NOT NULL,
    started_by uuid,
    job_id uuid,
    created_at timestamp with time zone NOT NULL,
    checked_rows integer,
    checked_bad_rows integer,
    last_committed_row integer NOT NULL,
    created integer NOT NULL,
    updated integer NOT NULL,
    unchanged integer NOT NULL,
    rejected integer NOT NULL,
    problem_count integer NOT NULL,
    error character varying(4000),
    finished_at timestamp with time zone,
    CONSTRAINT pk_member_imports PRIMARY KEY (id)
);

CREATE INDEX ix_member_import_problems_import_id_row ON member_import_problems (import_id, row);

CREATE INDEX ix_member_imports_created_at ON member_imports (created_at);
