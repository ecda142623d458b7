-- 0002: background jobs and outgoing mail.

CREATE TABLE jobs (
    id uuid NOT NULL,
    kind character varying(100) NOT NULL,
    payload text NOT NULL,
    idempotency_key character varying(200),
    state integer NOT NULL,
    attempts integer NOT NULL,
    max_attempts integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    run_after timestamp with time zone NOT NULL,
    lease_owner character varying(100),
    lease_until timestamp with time zone,
    progress integer NOT NULL,
    progress_text character varying(300),
    last_error character varying(4000),
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    CONSTRAINT pk_jobs PRIMARY KEY (id)
);

CREATE TABLE outgoing_mails (
    id uuid NOT NULL,
    "to" character varying(254) NOT NULL,
    to_name character varying(200),
    subject character varying(500) NOT NULL,
    text_body text NOT NULL,
    message_id character varying(200) NOT NULL,
    state integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    last_error character varying(2000),
    CONSTRAINT pk_outgoing_mails PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_jobs_idempotency_key ON jobs (idempotency_key);

CREATE INDEX ix_jobs_state_run_after ON jobs (state, run_after);

CREATE INDEX ix_outgoing_mails_created_at ON outgoing_mails (created_at);
