-- Site hosts, site photos and demo bookings.
--
-- A site host runs the sites listed here for them: they edit those sites and their resources,
-- check in their bookings and read their statistics. Advisors and admins manage every site and
-- decide who hosts which (the account must hold the site_host role for the row to grant anything).
CREATE TABLE site_hosts (
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  assigned_at BIGINT NOT NULL,
  assigned_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  PRIMARY KEY (site_id, account_id)
);
-- Building an actor reads a host's sites by account on every request they make.
CREATE INDEX site_hosts_account ON site_hosts (programme_id, account_id);

ALTER TABLE sites ADD COLUMN updated_at BIGINT;

-- One photo per site: an uploaded JPEG or PNG (512 KiB at most), kept in the database so that
-- every server behind a load balancer serves it and backups hold it; base64 text, so that both
-- engines store it the same way. Its own table keeps it out of every read of the sites.
CREATE TABLE site_photos (
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  site_id BIGINT NOT NULL PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  data_base64 TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL
);

-- Bookings written by `sohosolo demo` (past weeks, no-shows, cancellations) are flagged, so they
-- can be told apart and removed.
ALTER TABLE bookings ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;
-- Statistics read a site's bookings of a period, whatever their status.
CREATE INDEX bookings_programme_start ON bookings (programme_id, start_at);
