-- 0021: receiving mail: every mail the desk took (by Message-ID, so a re-delivery adds nothing; auto-replies marked;
-- the receipt we sent), and outgoing mail learns that a delivery-status report came back for it.

CREATE TABLE inbound_mails (
    id uuid NOT NULL,
    message_id character varying(998),
    received_at timestamp with time zone NOT NULL,
    outcome integer NOT NULL,
    ticket_id uuid,
    is_auto_reply boolean NOT NULL,
    acknowledgement_message_id character varying(200),
    CONSTRAINT pk_inbound_mails PRIMARY KEY (id),
    CONSTRAINT fk_inbound_mails_tickets_ticket_id FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE SET NULL
);

CREATE INDEX ix_inbound_mails_acknowledgement_message_id ON inbound_mails (acknowledgement_message_id);
CREATE UNIQUE INDEX ix_inbound_mails_message_id ON inbound_mails (message_id);
CREATE INDEX ix_inbound_mails_ticket_id ON inbound_mails (ticket_id);

ALTER TABLE outgoing_mails ADD COLUMN bounced_at timestamp with time zone;
ALTER TABLE outgoing_mails ADD COLUMN bounce character varying(500);
