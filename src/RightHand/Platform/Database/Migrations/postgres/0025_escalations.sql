-- 0025: escalations of tickets to IT (a structured report) and to the owner (a personal matter), and their history
-- (Support/Escalations). Screenshots are attachments of the ticket's internal note that carries the report.

CREATE TABLE escalations (
    id uuid NOT NULL,
    ticket_id uuid NOT NULL,
    kind integer NOT NULL,
    status integer NOT NULL,
    summary character varying(200),
    steps_to_reproduce character varying(10000),
    expected character varying(10000),
    actual character varying(10000),
    affected_member_id uuid,
    environment character varying(200),
    severity integer NOT NULL,
    reason integer,
    reason_note character varying(10000),
    question character varying(10000),
    resolution character varying(10000),
    note_message_id uuid,
    external_reference character varying(500),
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    CONSTRAINT pk_escalations PRIMARY KEY (id),
    CONSTRAINT fk_escalations_members_affected_member_id FOREIGN KEY (affected_member_id) REFERENCES members (id) ON DELETE RESTRICT,
    CONSTRAINT fk_escalations_tickets_ticket_id FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
);

CREATE TABLE escalation_events (
    id uuid NOT NULL,
    escalation_id uuid NOT NULL,
    kind integer NOT NULL,
    by_person_id uuid,
    text character varying(10000),
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_escalation_events PRIMARY KEY (id),
    CONSTRAINT fk_escalation_events_escalations_escalation_id FOREIGN KEY (escalation_id) REFERENCES escalations (id) ON DELETE CASCADE
);

CREATE INDEX ix_escalation_events_escalation_id_at ON escalation_events (escalation_id, at);

CREATE INDEX ix_escalations_affected_member_id ON escalations (affected_member_id);

CREATE INDEX ix_escalations_kind_status_created_at ON escalations (kind, status, created_at);

CREATE INDEX ix_escalations_ticket_id_created_at ON escalations (ticket_id, created_at);
