-- 0018: the support desk's tickets: categories, tickets, tags, the conversation, attachments (content in the attachment store) and saved views;
-- outgoing mail learns threading (In-Reply-To, References) and that a person's reply is not auto-submitted.

CREATE TABLE ticket_categories (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    archived boolean NOT NULL,
    CONSTRAINT pk_ticket_categories PRIMARY KEY (id)
);

CREATE TABLE tickets (
    id uuid NOT NULL,
    number bigint NOT NULL,
    subject character varying(200) NOT NULL,
    requester_member_id uuid,
    requester_email character varying(254) NOT NULL,
    requester_email_key character varying(254) NOT NULL,
    requester_name character varying(200),
    channel integer NOT NULL,
    state integer NOT NULL,
    priority integer NOT NULL,
    category_id uuid,
    assignee_id uuid,
    language character varying(2) NOT NULL,
    first_response_due_at timestamp with time zone,
    resolution_due_at timestamp with time zone,
    first_responded_at timestamp with time zone,
    solved_at timestamp with time zone,
    closed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    last_activity_at timestamp with time zone NOT NULL,
    rating integer,
    rating_comment character varying(2000),
    merged_into_id uuid,
    parent_id uuid,
    CONSTRAINT pk_tickets PRIMARY KEY (id),
    CONSTRAINT fk_tickets_members_requester_member_id FOREIGN KEY (requester_member_id) REFERENCES members (id) ON DELETE RESTRICT,
    CONSTRAINT fk_tickets_ticket_categories_category_id FOREIGN KEY (category_id) REFERENCES ticket_categories (id) ON DELETE RESTRICT
);

CREATE TABLE ticket_tags (
    ticket_id uuid NOT NULL,
    tag character varying(60) NOT NULL,
    CONSTRAINT pk_ticket_tags PRIMARY KEY (ticket_id, tag)
);

CREATE TABLE ticket_messages (
    id uuid NOT NULL,
    ticket_id uuid NOT NULL,
    kind integer NOT NULL,
    author_person_id uuid,
    author_member_id uuid,
    requester_member_id uuid,
    from_address character varying(254),
    from_name character varying(200),
    body character varying(100000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    mail_message_id character varying(998),
    channel integer NOT NULL,
    CONSTRAINT pk_ticket_messages PRIMARY KEY (id),
    CONSTRAINT fk_ticket_messages_tickets_ticket_id FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
);

CREATE TABLE ticket_attachments (
    id uuid NOT NULL,
    message_id uuid NOT NULL,
    file_name character varying(255) NOT NULL,
    content_type character varying(100) NOT NULL,
    size bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    CONSTRAINT pk_ticket_attachments PRIMARY KEY (id),
    CONSTRAINT fk_ticket_attachments_ticket_messages_message_id FOREIGN KEY (message_id) REFERENCES ticket_messages (id) ON DELETE CASCADE
);

CREATE TABLE saved_ticket_views (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    query character varying(1000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_saved_ticket_views PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_ticket_categories_name ON ticket_categories (name);

CREATE INDEX ix_tickets_assignee_id_state_last_activity_at ON tickets (assignee_id, state, last_activity_at);

CREATE INDEX ix_tickets_category_id_state ON tickets (category_id, state);

CREATE UNIQUE INDEX ix_tickets_number ON tickets (number);

CREATE INDEX ix_tickets_requester_email_key ON tickets (requester_email_key);

CREATE INDEX ix_tickets_requester_member_id_created_at ON tickets (requester_member_id, created_at);

CREATE INDEX ix_tickets_state_first_response_due_at ON tickets (state, first_response_due_at);

CREATE INDEX ix_tickets_state_last_activity_at ON tickets (state, last_activity_at);

CREATE INDEX ix_tickets_state_resolution_due_at ON tickets (state, resolution_due_at);

CREATE INDEX ix_ticket_tags_tag_ticket_id ON ticket_tags (tag, ticket_id);

CREATE INDEX ix_ticket_messages_mail_message_id ON ticket_messages (mail_message_id);

CREATE INDEX ix_ticket_messages_ticket_id_created_at ON ticket_messages (ticket_id, created_at);

CREATE INDEX ix_ticket_attachments_message_id ON ticket_attachments (message_id);

CREATE INDEX ix_ticket_attachments_sha256 ON ticket_attachments (sha256);

CREATE UNIQUE INDEX ix_saved_ticket_views_person_id_name ON saved_ticket_views (person_id, name);

ALTER TABLE outgoing_mails ADD COLUMN in_reply_to character varying(998);
ALTER TABLE outgoing_mails ADD COLUMN "references" character varying(4000);
ALTER TABLE outgoing_mails ADD COLUMN auto_submitted character varying(40);
-- Everything written so far was written by the system.
UPDATE outgoing_mails SET auto_submitted = 'auto-generated';
