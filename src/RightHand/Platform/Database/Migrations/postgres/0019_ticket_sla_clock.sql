-- 0019: the SLA clock on tickets: when it stopped (waiting for the member), the business time it stood still before,
-- and when the warning before a breach went out.

ALTER TABLE tickets ADD COLUMN sla_paused_at timestamp with time zone;

ALTER TABLE tickets ADD COLUMN sla_paused_seconds bigint NOT NULL DEFAULT 0;

ALTER TABLE tickets ADD COLUMN first_response_warned_at timestamp with time zone;

ALTER TABLE tickets ADD COLUMN resolution_warned_at timestamp with time zone;
