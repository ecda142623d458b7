-- 0006: the decision log (decisions, their versions, participants and agreements) and offboarding records with the handover report.

CREATE TABLE decision_agreements (
    id uuid NOT NULL,
    decision_id uuid NOT NULL,
    version integer NOT NULL,
    person_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_decision_agreements PRIMARY KEY (id)
);

CREATE TABLE decision_participants (
    decision_id uuid NOT NULL,
    person_id uuid NOT NULL,
    CONSTRAINT pk_decision_participants PRIMARY KEY (decision_id, person_id)
);

CREATE TABLE decision_versions (
    id uuid NOT NULL,
    decision_id uuid NOT NULL,
    number integer NOT NULL,
    title character varying(300) NOT NULL,
    text character varying(20000) NOT NULL,
    reason character varying(2000),
    author_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    late_change boolean NOT NULL,
    CONSTRAINT pk_decision_versions PRIMARY KEY (id)
);

CREATE TABLE decisions (
    id uuid NOT NULL,
    title character varying(300) NOT NULL,
    text character varying(20000) NOT NULL,
    event_at timestamp with time zone,
    state integer NOT NULL,
    current_version integer NOT NULL,
    has_late_change boolean NOT NULL,
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_changed_at timestamp with time zone NOT NULL,
    agreed_at timestamp with time zone,
    CONSTRAINT pk_decisions PRIMARY KEY (id)
);

CREATE TABLE offboarding_records (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    successor_id uuid NOT NULL,
    offboarded_by uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    items_reassigned integer NOT NULL,
    report text NOT NULL,
    CONSTRAINT pk_offboarding_records PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_decision_agreements_decision_id_version_person_id ON decision_agreements (decision_id, version, person_id);

CREATE INDEX ix_decision_participants_person_id ON decision_participants (person_id);

CREATE UNIQUE INDEX ix_decision_versions_decision_id_number ON decision_versions (decision_id, number);

CREATE INDEX ix_decisions_event_at ON decisions (event_at);

CREATE INDEX ix_offboarding_records_person_id_at ON offboarding_records (person_id, at);
