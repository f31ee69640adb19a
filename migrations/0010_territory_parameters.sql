-- A programme's own connectivity parameters (ADSL model, official area, WiFi relay reach): the
-- JSON document it loaded with `sohosolo import parameters`, kept whole so that an answer can
-- quote where its figures came from. No row: the embedded defaults. Each load bumps `revision`,
-- which the territory service compares to drop what it computed with the previous parameters.
CREATE TABLE territory_parameters (
  programme_id BIGINT PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
  document TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  revision BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
