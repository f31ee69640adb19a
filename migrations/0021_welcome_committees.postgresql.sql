-- Welcome committees and newcomers: the role 'committee' (a mayor, councillors, volunteers of a
-- village) and the role 'newcomer' (a person accompanied, who sees their own file only); the
-- villages each committee account speaks for, the visits of newcomers they plan and record, and
-- the notes they leave on a file for its advisor.
ALTER TABLE account_roles DROP CONSTRAINT account_roles_role_check;
ALTER TABLE account_roles ADD CONSTRAINT account_roles_role_check
  CHECK (role IN ('member', 'site_host', 'advisor', 'admin', 'committee', 'newcomer'));

-- The villages a committee account speaks for (set by the programme's staff).
CREATE TABLE committee_villages (
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  commune_code TEXT NOT NULL,
  PRIMARY KEY (programme_id, account_id, commune_code)
);
CREATE INDEX committee_villages_code ON committee_villages (programme_id, commune_code);

-- A newcomer's visit of a village: planned (planned_at), then done (done_at).
CREATE TABLE journey_visits (
  id @PK@,
  journey_id BIGINT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  commune_code TEXT NOT NULL,
  planned_at BIGINT NOT NULL,
  done_at BIGINT,
  by_account BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  by_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX journey_visits_by_journey ON journey_visits (journey_id, planned_at);

-- Notes on a file from its advisors and from the committees of its villages.
CREATE TABLE journey_notes (
  id @PK@,
  journey_id BIGINT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  by_account BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  by_name TEXT NOT NULL DEFAULT '',
  by_committee INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX journey_notes_by_journey ON journey_notes (journey_id, id);
