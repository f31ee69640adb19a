-- Calendar feeds and check-in (SQLite; PostgreSQL has its own 0005 file).
--
-- Bookings gain: a `no_show` status (booked, not checked in within the grace period, released so
-- the slot can be booked again), a SEQUENCE counter for iCalendar (bumped on each change that
-- calendars must see: cancellation, release, reinstatement), and who checked in when. SQLite
-- cannot change a CHECK constraint in place, so the table is rebuilt with the same ids.
CREATE TABLE bookings_new (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled', 'no_show')),
  created_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  sequence INTEGER NOT NULL DEFAULT 0,
  checked_in_at BIGINT,
  checked_in_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  released_at BIGINT,
  CHECK (start_at < end_at)
);
INSERT INTO bookings_new (id, programme_id, resource_id, account_id, start_at, end_at, note, status, created_at,
                          cancelled_at, sequence)
  SELECT id, programme_id, resource_id, account_id, start_at, end_at, note, status, created_at, cancelled_at,
         CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END
  FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;
CREATE INDEX bookings_resource_time ON bookings (resource_id, start_at);
CREATE INDEX bookings_account ON bookings (programme_id, account_id, start_at);
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
