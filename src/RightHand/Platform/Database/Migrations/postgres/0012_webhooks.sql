-- 0012: webhooks for member events, their deliveries and the log of each attempt.

CREATE TABLE webhook_attempts (
    id uuid NOT NULL,
    delivery_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    status_code integer,
    error character varying(500),
    duration_ms integer NOT NULL,
    response_excerpt character varying(500),
    resend boolean NOT NULL,
    CONSTRAINT pk_webhook_attempts PRIMARY KEY (id)
);

CREATE TABLE webhook_deliveries (
    id uuid NOT NULL,
    webhook_id uuid NOT NULL,
    event_id uuid NOT NULL,
    member_id uuid NOT NULL,
    number character varying(40) NOT NULL,
    kind integer NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    state integer NOT NULL,
    scheduled_attempts integer NOT NULL,
    next_attempt_at timestamp with time zone,
    last_status_code integer,
    created_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id)
);

CREATE TABLE webhooks (
    id uuid NOT NULL,
    url character varying(2000) NOT NULL,
    events integer NOT NULL,
    secret character varying(100) NOT NULL,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    CONSTRAINT pk_webhooks PRIMARY KEY (id)
);

CREATE INDEX ix_webhook_attempts_delivery_id_at ON webhook_attempts (delivery_id, at);

CREATE INDEX ix_webhook_deliveries_webhook_id_created_at ON webhook_deliveries (webhook_id, created_at);

CREATE UNIQUE INDEX ix_webhook_deliveries_webhook_id_event_id ON webhook_deliveries (webhook_id, event_id);
