-- 0024: support rules (ordered conditions and actions run on new tickets and requester replies) and macros (one-click
-- answer, state, tags and assignee on a ticket).

CREATE TABLE support_macros (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    answer_de_id uuid,
    answer_en_id uuid,
    state_after integer,
    tags character varying(300),
    assignee integer NOT NULL,
    assignee_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_support_macros PRIMARY KEY (id)
);

CREATE TABLE support_rules (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    position integer NOT NULL,
    enabled boolean NOT NULL,
    stop_after boolean NOT NULL,
    on_new_tickets boolean NOT NULL,
    on_requester_replies boolean NOT NULL,
    channel integer,
    category_id uuid,
    subject_words character varying(500),
    body_words character varying(500),
    member_status integer,
    member_plan_id uuid,
    member_tag character varying(60),
    from_minute integer,
    to_minute integer,
    weekdays integer NOT NULL,
    outside_business_hours boolean NOT NULL,
    set_category_id uuid,
    set_priority integer,
    assign_to uuid,
    add_tag character varying(60),
    answer_de_id uuid,
    answer_en_id uuid,
    set_waiting integer,
    escalate integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_support_rules PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_support_macros_name ON support_macros (name);
CREATE INDEX ix_support_rules_position ON support_rules (position);
