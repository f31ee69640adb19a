-- The monthly club's events and who comes. An event has a place (one of the programme's sites,
-- copied as text so the event keeps saying where it was, or an address), a start and an end
-- (instants, UTC), and a capacity. Occurrences of a recurring event ("first Thursday of the
-- month") are events of their own that share a series key, so each has its own registrations.
CREATE TABLE club_events (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  theme TEXT NOT NULL DEFAULT '',
  site_id BIGINT,
  place TEXT NOT NULL DEFAULT '',
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL CHECK (ends_at > starts_at),
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  series TEXT NOT NULL DEFAULT '',
  cancelled INTEGER NOT NULL DEFAULT 0,
  sequence INTEGER NOT NULL DEFAULT 0,
  demo INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX club_events_by_start ON club_events (programme_id, starts_at);

-- One row per member and event. state: registered (has a seat), waitlisted (in line, by
-- id, the order of arrival), cancelled. The waitlist is promoted in the transaction that frees a seat.
-- attended: NULL until the host records it. reminded_at: when the reminder of the day before
-- was queued (once).
CREATE TABLE club_registrations (
  id @PK@,
  event_id BIGINT NOT NULL REFERENCES club_events(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('registered', 'waitlisted', 'cancelled')),
  queued_at BIGINT NOT NULL,
  attended INTEGER,
  reminded_at BIGINT,
  updated_at BIGINT NOT NULL,
  UNIQUE (event_id, account_id)
);
CREATE INDEX club_registrations_by_account ON club_registrations (account_id);
