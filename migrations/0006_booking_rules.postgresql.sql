-- Occasional-booking rules (PostgreSQL; SQLite rebuilds the bookings table in 0006_booking_rules.sql).
--
-- Resources gain a buffer between bookings and a host-approval flag. Bookings gain: `pending`
-- (awaiting a host's approval, holding its slot) and `declined` statuses; `blocked_end`, the end
-- plus the resource's buffer, which is what the exclusion constraint now covers, for confirmed
-- and pending rows; a series id; who booked on behalf of the member and who overrode the quota,
-- why; who decided or cancelled, why.
ALTER TABLE resources ADD COLUMN buffer_minutes INTEGER NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240);
ALTER TABLE resources ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0;

-- blocked_end NULL means no buffer, so rows written by older tools stay valid.
ALTER TABLE bookings ADD COLUMN blocked_end BIGINT;
UPDATE bookings SET blocked_end = end_at;
ALTER TABLE bookings ADD CONSTRAINT bookings_blocked_end_check CHECK (blocked_end IS NULL OR end_at <= blocked_end);
ALTER TABLE bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_check
  CHECK (status IN ('confirmed', 'pending', 'cancelled', 'declined', 'no_show'));
ALTER TABLE bookings ADD COLUMN series_id BIGINT;
ALTER TABLE bookings ADD COLUMN booked_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN quota_override_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN quota_override_reason TEXT;
ALTER TABLE bookings ADD COLUMN decided_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN decided_at BIGINT;
ALTER TABLE bookings ADD COLUMN cancelled_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
-- No two bookings holding a slot (confirmed, or pending a host's approval) may overlap once each
-- is extended by its buffer: ranges [start_at, blocked_end), half-open, so with no buffer
-- back-to-back bookings still do not conflict.
ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
  EXCLUDE USING gist (resource_id WITH =, int8range(start_at, COALESCE(blocked_end, end_at), '[)') WITH &&)
  WHERE (status IN ('confirmed', 'pending'));
CREATE INDEX bookings_series ON bookings (programme_id, series_id) WHERE series_id IS NOT NULL;
CREATE INDEX bookings_pending ON bookings (programme_id, start_at) WHERE status = 'pending';

CREATE TABLE site_closures (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  CHECK (first_day <= last_day)
);
CREATE INDEX site_closures_site ON site_closures (programme_id, site_id, last_day);

CREATE TABLE waitlist_entries (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'booked', 'withdrawn', 'lapsed')),
  booking_id BIGINT REFERENCES bookings(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  CHECK (start_at < end_at)
);
CREATE INDEX waitlist_waiting ON waitlist_entries (programme_id, resource_id, start_at) WHERE status = 'waiting';
CREATE UNIQUE INDEX waitlist_once ON waitlist_entries (programme_id, account_id, resource_id, start_at, end_at)
  WHERE status = 'waiting';

ALTER TABLE calendar_feeds ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;

CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
