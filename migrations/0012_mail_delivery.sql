-- Mail delivery: each outbox message's state for the SMTP sender.
--   queued  -> sending (claimed until claimed_until) -> sent
--                                                    -> retry (next_attempt_at) -> sending ...
--                                                    -> failed (permanent reply, or retries spent)
-- A sender killed while sending leaves rows in 'sending'; once claimed_until is past, any sender
-- takes them again, so at most the messages in flight at the kill are sent twice.
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'queued'
  CHECK (state IN ('queued', 'sending', 'retry', 'sent', 'failed'));
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
UPDATE outbox SET state = 'sent' WHERE sent_at IS NOT NULL;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
