-- Journeys: a newcomer's file, from the first contact to a household settled and followed.
-- stage: where the file stands (see src/journeys/model.hpp for the order); stage_at: since when.
-- A file reaches "settled" with its village (settled_village) and the date (settled_at), kept
-- through the follow-ups, so that the figures count households and residents without reading
-- the history. children_ages: ages separated by commas ("4,9").
CREATE TABLE journeys (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  request_id BIGINT REFERENCES accompaniment_requests(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  adults INTEGER NOT NULL DEFAULT 1 CHECK (adults BETWEEN 0 AND 20),
  children_ages TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'independent', 'entrepreneur', 'salaried')),
  employer TEXT NOT NULL DEFAULT '',
  sector TEXT NOT NULL DEFAULT '',
  activity TEXT NOT NULL DEFAULT '',
  clients_where TEXT NOT NULL DEFAULT '',
  broadband_needs TEXT NOT NULL DEFAULT '',
  office_needs TEXT NOT NULL DEFAULT '',
  villages TEXT NOT NULL DEFAULT '',
  advisor_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  consent_committees INTEGER NOT NULL DEFAULT 0,
  consent_at BIGINT,
  stage TEXT NOT NULL DEFAULT 'first_contact' CHECK (stage IN ('first_contact',
    'information_sent', 'visit_planned', 'visit_done', 'project_validated', 'settling', 'settled',
    'followed_6', 'followed_12', 'followed_24', 'abandoned')),
  stage_at BIGINT NOT NULL,
  abandon_reason TEXT NOT NULL DEFAULT '',
  settled_village TEXT NOT NULL DEFAULT '',
  settled_at BIGINT,
  notes TEXT NOT NULL DEFAULT '',
  demo INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX journeys_by_stage ON journeys (programme_id, stage, id);
CREATE UNIQUE INDEX journeys_by_request ON journeys (request_id);

-- Who changed what and when: every creation, change of stage and change of fields, with the
-- account and the values it concerned (stage changes: from and to).
CREATE TABLE journey_history (
  id @PK@,
  journey_id BIGINT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  by_account BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  by_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('created', 'stage', 'edited')),
  from_stage TEXT NOT NULL DEFAULT '',
  to_stage TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX journey_history_by_journey ON journey_history (journey_id, id);
