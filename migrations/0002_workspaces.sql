-- Workspaces: telecentres and coworking spaces, their resources, opening hours and bookings.

CREATE TABLE sites (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('telecentre', 'coworking')),
  commune_code TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  description TEXT NOT NULL DEFAULT '',
  equipment TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT 'Europe/Paris',
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX sites_programme ON sites (programme_id);

-- Weekly opening hours in the site's local time: minutes since midnight, weekday 1 = Monday.
CREATE TABLE opening_hours (
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens_minute INTEGER NOT NULL CHECK (opens_minute BETWEEN 0 AND 1440),
  closes_minute INTEGER NOT NULL CHECK (closes_minute BETWEEN 0 AND 1440),
  CHECK (opens_minute < closes_minute)
);
CREATE INDEX opening_hours_site ON opening_hours (site_id, weekday);

CREATE TABLE resources (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('office', 'meeting_room', 'desk')),
  name TEXT NOT NULL,
  capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity > 0),
  equipment TEXT NOT NULL DEFAULT '',
  bookable INTEGER NOT NULL DEFAULT 1,
  min_minutes INTEGER NOT NULL DEFAULT 30,
  max_minutes INTEGER NOT NULL DEFAULT 480,
  step_minutes INTEGER NOT NULL DEFAULT 30 CHECK (step_minutes IN (15, 30, 60)),
  horizon_days INTEGER NOT NULL DEFAULT 60,
  notice_minutes INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX resources_site ON resources (programme_id, site_id);

-- Occasional bookings; [start_at, end_at) in UTC seconds. Overlaps on one resource are refused
-- by the database itself: an exclusion constraint on PostgreSQL (0002 .postgresql addition
-- below), a check inside a BEGIN IMMEDIATE transaction on SQLite.
CREATE TABLE bookings (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
  created_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  CHECK (start_at < end_at)
);
CREATE INDEX bookings_resource_time ON bookings (resource_id, start_at);
CREATE INDEX bookings_account ON bookings (programme_id, account_id, start_at);
