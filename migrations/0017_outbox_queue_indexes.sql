-- The sender's claim walks the messages still to send in id order. Without an index of those
-- alone, every claim stepped over every message already sent (a campaign of 100,000 made each
-- claim of the next one read them all). The campaign index loses the state: a message changes
-- state twice, and each change moved an entry of it.
CREATE INDEX outbox_unsent ON outbox (id) WHERE state IN ('queued', 'retry', 'sending');
DROP INDEX outbox_batch;
CREATE INDEX outbox_batch ON outbox (programme_id, batch);
