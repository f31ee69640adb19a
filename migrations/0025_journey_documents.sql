-- Documents on a newcomer's file: the bytes as base64 (as photos are), the type recognised from
-- them, the name as uploaded; `shared` documents are shown to the newcomer on their own page.
CREATE TABLE journey_documents (
  id @PK@,
  journey_id BIGINT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  data_base64 TEXT NOT NULL,
  shared INTEGER NOT NULL DEFAULT 0,
  uploaded_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  uploaded_by_name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX journey_documents_by_journey ON journey_documents (journey_id, id);
