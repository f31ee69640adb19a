-- When a file was anonymised by `sohosolo maintenance` (abandoned long ago: the person's data
-- goes, the figures stay).
ALTER TABLE journeys ADD COLUMN anonymised_at BIGINT;
