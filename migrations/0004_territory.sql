-- Territory: communes (with their outline), telephone exchanges, villages, and the log of imports.
-- Rows are written by `sohosolo import` (all-or-nothing, upserts by code) and read by the
-- territory service, which caches what it computes per programme until the next import.

CREATE TABLE communes (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  -- The name folded for search: lower case, accents removed, only letters and digits kept
  -- ("L'Isle-Jourdain" -> "lislejourdain"); computed in C++ so both engines agree.
  name_folded TEXT NOT NULL,
  population BIGINT,
  -- Postal codes separated by spaces.
  postcodes TEXT NOT NULL DEFAULT '',
  area_km2 DOUBLE PRECISION NOT NULL DEFAULT 0,
  -- Representative point (WGS84): the centroid, or a point inside when the centroid falls outside.
  centroid_lon DOUBLE PRECISION NOT NULL,
  centroid_lat DOUBLE PRECISION NOT NULL,
  -- GeoJSON geometry (Polygon or MultiPolygon, WGS84); NULL for communes imported from a CSV.
  geometry TEXT,
  updated_at BIGINT NOT NULL,
  UNIQUE (programme_id, code)
);
CREATE INDEX communes_name ON communes (programme_id, name_folded, code);

CREATE TABLE exchanges (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  lon DOUBLE PRECISION NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lines BIGINT CHECK (lines >= 0),
  -- Technologies separated by spaces (e.g. "copper adsl2plus").
  technologies TEXT NOT NULL DEFAULT '',
  -- Inside the union of the programme's communes; exchanges outside still serve its border.
  in_territory INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  UNIQUE (programme_id, code)
);

-- A commune's part in the programme. Services and listings are JSON arrays kept as text.
CREATE TABLE villages (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  commune_code TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'none' CHECK (role IN ('host', 'associated', 'none')),
  welcome_committee TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL DEFAULT '[]',
  listings TEXT NOT NULL DEFAULT '[]',
  updated_at BIGINT NOT NULL,
  UNIQUE (programme_id, commune_code),
  FOREIGN KEY (programme_id, commune_code) REFERENCES communes (programme_id, code) ON DELETE CASCADE
);

-- One row per successful import. Its largest id is the version of a programme's territory data:
-- every `serve` process compares it with the version of its cache, so an import made by the CLI
-- (another process) is seen at the next request.
CREATE TABLE territory_imports (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('communes', 'exchanges')),
  source TEXT NOT NULL DEFAULT '',
  rows_read BIGINT NOT NULL,
  inserted BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  imported_at BIGINT NOT NULL
);
CREATE INDEX territory_imports_programme ON territory_imports (programme_id, id);
