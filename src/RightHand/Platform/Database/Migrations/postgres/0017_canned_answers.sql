-- 0017: canned answers of the support desk (Support/Answers): the working copy an author edits and the approved,
-- live version agents use and members read in the FAQ.

CREATE TABLE canned_answers (
    id uuid NOT NULL,
    language character varying(2) NOT NULL,
    title character varying(120) NOT NULL,
    category character varying(80),
    body character varying(20000) NOT NULL,
    in_faq boolean NOT NULL,
    state integer NOT NULL,
    review_comment character varying(4000),
    live_title character varying(120),
    live_category character varying(80),
    live_body character varying(20000),
    live_in_faq boolean NOT NULL,
    approved_at timestamp with time zone,
    last_reviewed_at timestamp with time zone,
    usage_count integer NOT NULL,
    deflections integer NOT NULL,
    archived boolean NOT NULL,
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_canned_answers PRIMARY KEY (id)
);

CREATE INDEX ix_canned_answers_language_live_title ON canned_answers (language, live_title);
