-- 0007: spot-check reviews with scores, and the review clock on approval requests (what control costs).

ALTER TABLE approval_requests ADD COLUMN always_review boolean NOT NULL DEFAULT FALSE;
ALTER TABLE approval_requests ADD COLUMN review_seconds integer;

CREATE INDEX ix_approval_requests_prepared_by_decided_at ON approval_requests (prepared_by, decided_at);

CREATE TABLE spot_check_reviews (
    id uuid NOT NULL,
    approval_request_id uuid NOT NULL,
    reviewed_by uuid NOT NULL,
    correctness integer NOT NULL,
    tone integer NOT NULL,
    completeness integer NOT NULL,
    comment character varying(4000),
    review_seconds integer NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_spot_check_reviews PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_spot_check_reviews_approval_request_id ON spot_check_reviews (approval_request_id);

CREATE INDEX ix_spot_check_reviews_at ON spot_check_reviews (at);
