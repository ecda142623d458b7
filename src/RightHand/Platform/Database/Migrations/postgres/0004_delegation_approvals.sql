-- 0004: work types with autonomy levels and their history, approval requests (the delegation seam).

CREATE TABLE approval_requests (
    id uuid NOT NULL,
    work_type_key character varying(60) NOT NULL,
    module character varying(40) NOT NULL,
    item_id character varying(100) NOT NULL,
    title character varying(300) NOT NULL,
    preview text NOT NULL,
    content_hash character varying(64) NOT NULL,
    amount_cents bigint,
    prepared_by uuid NOT NULL,
    state integer NOT NULL,
    sampled_for_review boolean NOT NULL,
    decided_by uuid,
    decided_at timestamp with time zone,
    comment character varying(4000),
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_approval_requests PRIMARY KEY (id)
);

CREATE TABLE autonomy_changes (
    id uuid NOT NULL,
    work_type_key character varying(60) NOT NULL,
    "from" integer NOT NULL,
    "to" integer NOT NULL,
    reason character varying(100) NOT NULL,
    changed_by uuid,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_autonomy_changes PRIMARY KEY (id)
);

CREATE TABLE work_types (
    key character varying(60) NOT NULL,
    is_money boolean NOT NULL,
    level integer NOT NULL,
    sample_rate_percent integer NOT NULL,
    promotion_threshold integer NOT NULL,
    approvals_in_a_row integer NOT NULL,
    promotion_offered boolean NOT NULL,
    four_eyes_above_cents bigint NOT NULL,
    CONSTRAINT pk_work_types PRIMARY KEY (key)
);

CREATE INDEX ix_approval_requests_module_item_id_state ON approval_requests (module, item_id, state);

CREATE INDEX ix_approval_requests_state_created_at ON approval_requests (state, created_at);

CREATE INDEX ix_autonomy_changes_work_type_key_at ON autonomy_changes (work_type_key, at);

-- The kinds of delegated work the design names; modules add their own at start-up. All start at
-- "approve each" (level 0): trust is earned. Money (payment files, payouts) always has four eyes.
INSERT INTO work_types (key, is_money, level, sample_rate_percent, promotion_threshold, approvals_in_a_row, promotion_offered, four_eyes_above_cents) VALUES
    ('task-result', FALSE, 0, 20, 10, 0, FALSE, 0),
    ('newsletter', FALSE, 0, 20, 10, 0, FALSE, 0),
    ('payment-file', TRUE, 0, 20, 10, 0, FALSE, 0),
    ('payout', TRUE, 0, 20, 10, 0, FALSE, 0),
    ('share-transfer', FALSE, 0, 20, 10, 0, FALSE, 0),
    ('canned-answer', FALSE, 0, 20, 10, 0, FALSE, 0),
    ('marketing-material', FALSE, 0, 20, 10, 0, FALSE, 0),
    ('bulk-member-update', FALSE, 0, 20, 10, 0, FALSE, 0);
