-- SQLite has no exclusion constraints: the workspaces store checks for an overlap and inserts in
-- one BEGIN IMMEDIATE transaction, which SQLite runs one writer at a time. This no-op keeps the
-- version numbers of both engines aligned.
CREATE INDEX IF NOT EXISTS bookings_resource_time ON bookings (resource_id, start_at);
