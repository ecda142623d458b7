-- 0008: the member register: members with their status history, tags and custom field values, the custom fields, membership plans,
-- consent records and saved views of the list.

CREATE TABLE consent_records (
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    kind character varying(60) NOT NULL,
    granted boolean NOT NULL,
    at timestamp with time zone NOT NULL,
    source character varying(40) NOT NULL,
    wording_version character varying(40) NOT NULL,
    recorded_by uuid,
    CONSTRAINT pk_consent_records PRIMARY KEY (id)
);

CREATE TABLE member_custom_fields (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    kind integer NOT NULL,
    options character varying(4000),
    CONSTRAINT pk_member_custom_fields PRIMARY KEY (id)
);

CREATE TABLE member_custom_values (
    member_id uuid NOT NULL,
    field_id uuid NOT NULL,
    value character varying(1000) NOT NULL,
    CONSTRAINT pk_member_custom_values PRIMARY KEY (member_id, field_id)
);

CREATE TABLE member_status_changes (
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    "from" integer,
    "to" integer NOT NULL,
    at timestamp with time zone NOT NULL,
    by uuid,
    CONSTRAINT pk_member_status_changes PRIMARY KEY (id)
);

CREATE TABLE member_tags (
    member_id uuid NOT NULL,
    tag character varying(60) NOT NULL,
    CONSTRAINT pk_member_tags PRIMARY KEY (member_id, tag)
);

CREATE TABLE members (
    id uuid NOT NULL,
    sequence bigint NOT NULL,
    number character varying(40) NOT NULL,
    salutation character varying(40),
    first_name character varying(100),
    last_name character varying(100) NOT NULL,
    company character varying(200),
    email character varying(254) NOT NULL,
    email_key character varying(254) NOT NULL,
    name_key character varying(410) NOT NULL,
    phone character varying(50),
    language character varying(2) NOT NULL,
    street character varying(200),
    postcode character varying(20),
    city character varying(100),
    country character varying(2),
    date_of_birth date,
    status integer NOT NULL,
    status_since timestamp with time zone NOT NULL,
    plan_id uuid,
    notes character varying(4000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_members PRIMARY KEY (id)
);

CREATE TABLE membership_plans (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    fee_cents bigint NOT NULL,
    interval integer NOT NULL,
    CONSTRAINT pk_membership_plans PRIMARY KEY (id)
);

CREATE TABLE saved_member_views (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    query character varying(1000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_saved_member_views PRIMARY KEY (id)
);

CREATE INDEX ix_consent_records_member_id_at ON consent_records (member_id, at);

CREATE UNIQUE INDEX ix_member_custom_fields_name ON member_custom_fields (name);

CREATE INDEX ix_member_custom_values_field_id_value ON member_custom_values (field_id, value);

CREATE INDEX ix_member_status_changes_member_id_at ON member_status_changes (member_id, at);

CREATE INDEX ix_member_tags_tag ON member_tags (tag);

CREATE INDEX ix_members_created_at ON members (created_at);

CREATE UNIQUE INDEX ix_members_email_key ON members (email_key);

CREATE INDEX ix_members_last_name_first_name ON members (last_name, first_name);

CREATE UNIQUE INDEX ix_members_number ON members (number);

CREATE INDEX ix_members_plan_id ON members (plan_id);

CREATE UNIQUE INDEX ix_members_sequence ON members (sequence);

CREATE INDEX ix_members_status ON members (status);

CREATE UNIQUE INDEX ix_membership_plans_name ON membership_plans (name);

CREATE UNIQUE INDEX ix_saved_member_views_person_id_name ON saved_member_views (person_id, name);
