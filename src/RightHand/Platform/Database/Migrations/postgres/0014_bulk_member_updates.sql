-- 0014: bulk member updates: one change for a fixed set of members, approved through the delegation module, applied by a job.

CREATE TABLE bulk_member_updates (
    id uuid NOT NULL,
    change integer NOT NULL,
    value character varying(1000) NOT NULL,
    field_id uuid,
    filter character varying(2000) NOT NULL,
    member_ids text NOT NULL,
    member_count integer NOT NULL,
    prepared_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    state integer NOT NULL,
    processed integer NOT NULL,
    changed integer NOT NULL,
    comment character varying(4000),
    finished_at timestamp with time zone,
    CONSTRAINT pk_bulk_member_updates PRIMARY KEY (id)
);

CREATE INDEX ix_bulk_member_updates_created_at ON bulk_member_updates (created_at);
