-- Telework amendments of salaried newcomers' files: each generation is a version, its form's
-- fields kept as JSON (the document is rebuilt from them), with who made it and when.
CREATE TABLE journey_amendments (
  id @PK@,
  journey_id BIGINT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  created_by_name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (journey_id, version)
);
