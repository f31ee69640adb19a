-- Villages in detail: the welcome committee, services with their distance, listings (homes,
-- premises, businesses to take over) and the visitors' requests to be accompanied. Rows belong
-- to a village (programme, commune code) and disappear with it. The JSON column
-- villages.listings of 0004 is no longer written (always '[]'); villages.services keeps the
-- first version's school/doctor/station figures, which service rows override kind by kind.

CREATE TABLE village_committee (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  commune_code TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  is_demo INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  FOREIGN KEY (programme_id, commune_code) REFERENCES villages (programme_id, commune_code) ON DELETE CASCADE
);
CREATE INDEX village_committee_village ON village_committee (programme_id, commune_code);

-- A service near a village. The distance is stored in km (straight line); when an advisor gives
-- a position instead, the distance is computed from the commune's point and the position kept.
CREATE TABLE village_services (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  commune_code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('school', 'doctor', 'pharmacy', 'shop', 'train_station')),
  name TEXT NOT NULL DEFAULT '',
  distance_km DOUBLE PRECISION NOT NULL CHECK (distance_km >= 0),
  lon DOUBLE PRECISION,
  lat DOUBLE PRECISION,
  is_demo INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  FOREIGN KEY (programme_id, commune_code) REFERENCES villages (programme_id, commune_code) ON DELETE CASCADE
);
CREATE INDEX village_services_village ON village_services (programme_id, commune_code);

-- Prices are whole euros: a monthly rent for home_rent, a sale price otherwise.
CREATE TABLE village_listings (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  commune_code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('home_rent', 'home_sale', 'premises', 'business')),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  price_eur BIGINT CHECK (price_eur >= 0),
  surface_m2 DOUBLE PRECISION CHECK (surface_m2 > 0),
  rooms INTEGER CHECK (rooms > 0),
  available INTEGER NOT NULL DEFAULT 1,
  is_demo INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  FOREIGN KEY (programme_id, commune_code) REFERENCES villages (programme_id, commune_code) ON DELETE CASCADE
);
CREATE INDEX village_listings_village ON village_listings (programme_id, commune_code);

-- "Ask to be accompanied": sent by anonymous visitors, read and handled by advisors. The village
-- is kept as a code (not a foreign key): a request outlives a change of the village's role.
CREATE TABLE accompaniment_requests (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  commune_code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL,
  -- The finder's needs carried over, as the query string of the finder page.
  needs TEXT NOT NULL DEFAULT '',
  client_address TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'handled')),
  handled_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  -- The advisor's name when they handled it, so the list needs no other module's table.
  handled_by_name TEXT NOT NULL DEFAULT '',
  handled_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX accompaniment_requests_programme ON accompaniment_requests (programme_id, id);
CREATE INDEX accompaniment_requests_address ON accompaniment_requests (programme_id, client_address, created_at);
