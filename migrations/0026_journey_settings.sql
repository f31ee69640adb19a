-- A programme's settings of its newcomers' files: after how many years a file abandoned is
-- anonymised by `sohosolo maintenance` (3 when the programme has no row here).
CREATE TABLE journey_settings (
  programme_id BIGINT PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
  abandoned_years INTEGER NOT NULL CHECK (abandoned_years BETWEEN 1 AND 50)
);
