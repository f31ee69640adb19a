-- Occasional-booking rules (SQLite; PostgreSQL has its own 0006 file).
--
-- Resources gain a buffer between bookings and a host-approval flag. Bookings gain: `pending`
-- (awaiting a host's approval, holding its slot) and `declined` statuses; `blocked_end`, the end
-- plus the resource's buffer, which is what overlaps are checked on (NULL means no buffer: rows
-- written by older tools stay valid); a series id linking the
-- occurrences of a recurring booking; who booked on behalf of the member and who overrode the
-- quota, why; who decided or cancelled, why. SQLite cannot change a CHECK constraint in place, so
-- the bookings table is rebuilt with the same ids.
ALTER TABLE resources ADD COLUMN buffer_minutes INTEGER NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240);
ALTER TABLE resources ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0;

CREATE TABLE bookings_new (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  blocked_end BIGINT,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'pending', 'cancelled', 'declined', 'no_show')),
  created_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  sequence INTEGER NOT NULL DEFAULT 0,
  checked_in_at BIGINT,
  checked_in_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  released_at BIGINT,
  series_id BIGINT,
  booked_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  quota_override_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  quota_override_reason TEXT,
  decided_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  decided_at BIGINT,
  cancelled_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  status_reason TEXT NOT NULL DEFAULT '',
  CHECK (start_at < end_at),
  CHECK (blocked_end IS NULL OR end_at <= blocked_end)
);
INSERT INTO bookings_new (id, programme_id, resource_id, account_id, start_at, end_at, blocked_end, note, status,
                          created_at, cancelled_at, sequence, checked_in_at, checked_in_by, released_at)
  SELECT id, programme_id, resource_id, account_id, start_at, end_at, end_at, note, status, created_at, cancelled_at,
         sequence, checked_in_at, checked_in_by, released_at
  FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;
CREATE INDEX bookings_resource_time ON bookings (resource_id, start_at);
CREATE INDEX bookings_account ON bookings (programme_id, account_id, start_at);
CREATE INDEX bookings_unchecked ON bookings (programme_id, start_at) WHERE status = 'confirmed' AND checked_in_at IS NULL;
CREATE INDEX bookings_series ON bookings (programme_id, series_id) WHERE series_id IS NOT NULL;
CREATE INDEX bookings_pending ON bookings (programme_id, start_at) WHERE status = 'pending';

-- A site's own closures (works, summer break), whole local days from first_day to last_day
-- inclusive. Public holidays are computed, not stored.
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

-- Members queueing for a taken slot, served in id order when it frees.
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

-- Feed tokens are derived (keyed BLAKE2b of the server secret, programme, owner and generation),
-- so the address can be shown again; regenerating bumps the generation.
ALTER TABLE calendar_feeds ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;

-- Secrets of this installation, made at first use (see workspaces/feed_tokens.cpp).
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
