-- Calendar feeds and check-in (PostgreSQL; SQLite rebuilds the table in 0005_calendar_checkin.sql).
--
-- Bookings gain: a `no_show` status (booked, not checked in within the grace period, released so
-- the slot can be booked again: the exclusion constraint only covers status = 'confirmed'), a
-- SEQUENCE counter for iCalendar (bumped on each change that calendars must see: cancellation,
-- release, reinstatement), and who checked in when.
ALTER TABLE bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (status IN ('confirmed', 'cancelled', 'no_show'));
ALTER TABLE bookings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN checked_in_at BIGINT;
ALTER TABLE bookings ADD COLUMN checked_in_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN released_at BIGINT;
UPDATE bookings SET sequence = 1 WHERE status = 'cancelled';
-- Confirmed bookings nobody has checked in yet: what the no-show sweep reads before each listing.
CREATE INDEX bookings_unchecked ON bookings (programme_id, start_at) WHERE status = 'confirmed' AND checked_in_at IS NULL;

-- Private iCalendar feeds: one per member and one per resource, each behind a secret token of
-- which only the hash is stored. Regenerating replaces the row, so the old address stops working.
CREATE TABLE calendar_feeds (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
  resource_id BIGINT REFERENCES resources(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  CHECK ((account_id IS NULL AND resource_id IS NOT NULL) OR (account_id IS NOT NULL AND resource_id IS NULL))
);
CREATE UNIQUE INDEX calendar_feeds_account ON calendar_feeds (programme_id, account_id) WHERE account_id IS NOT NULL;
CREATE UNIQUE INDEX calendar_feeds_resource ON calendar_feeds (programme_id, resource_id) WHERE resource_id IS NOT NULL;
