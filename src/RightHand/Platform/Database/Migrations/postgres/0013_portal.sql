-- 0013: the member portal: members' accounts, their one-time links (invitation, sign-in, reset, registration), the logo and the consents offered.

CREATE TABLE consent_offers (
    id uuid NOT NULL,
    kind character varying(60) NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    wording character varying(4000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_consent_offers PRIMARY KEY (id)
);

CREATE TABLE portal_accounts (
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    password_hash character varying(200),
    security_stamp character varying(64) NOT NULL,
    email_confirmed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    last_sign_in_at timestamp with time zone,
    failed_sign_ins integer NOT NULL,
    locked_until timestamp with time zone,
    CONSTRAINT pk_portal_accounts PRIMARY KEY (id)
);

CREATE TABLE portal_links (
    id uuid NOT NULL,
    member_id uuid,
    email character varying(254),
    purpose integer NOT NULL,
    token_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_by uuid,
    CONSTRAINT pk_portal_links PRIMARY KEY (id)
);

CREATE TABLE portal_logos (
    id integer NOT NULL,
    content_type character varying(40) NOT NULL,
    content bytea NOT NULL,
    sha256 character varying(64) NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_portal_logos PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_consent_offers_kind_version ON consent_offers (kind, version);

CREATE UNIQUE INDEX ix_portal_accounts_member_id ON portal_accounts (member_id);

CREATE INDEX ix_portal_links_member_id_purpose ON portal_links (member_id, purpose);

CREATE UNIQUE INDEX ix_portal_links_token_hash ON portal_links (token_hash);
