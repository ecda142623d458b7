-- 0028: a webhook delivery may announce an escalation to IT's tracker instead of a member event.

ALTER TABLE webhook_deliveries ADD COLUMN escalation_id uuid;
