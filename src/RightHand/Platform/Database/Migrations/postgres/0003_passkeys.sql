-- 0003: passkeys (WebAuthn credentials) as a way to sign in.

CREATE TABLE passkeys (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    credential_id bytea NOT NULL,
    public_key bytea NOT NULL,
    name character varying(100),
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    sign_count bigint NOT NULL,
    transports character varying(200),
    is_user_verified boolean NOT NULL,
    is_backup_eligible boolean NOT NULL,
    is_backed_up boolean NOT NULL,
    attestation_object bytea NOT NULL,
    client_data_json bytea NOT NULL,
    CONSTRAINT pk_passkeys PRIMARY KEY (id),
    CONSTRAINT fk_passkeys_people_person_id FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_passkeys_credential_id ON passkeys (credential_id);

CREATE INDEX ix_passkeys_person_id ON passkeys (person_id);
