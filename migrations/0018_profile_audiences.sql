-- Profiles, second part: a third audience, 'public' (on the village page, for anyone, and to
-- members too), the arrival month, the household (advisors only, whatever the member shows),
-- and a photo (its bytes in member_photos, its time here so that lists need no join).
-- SQLite cannot change a CHECK constraint: the table is rebuilt with the same ids (the FTS5
-- table member_profiles_fts is keyed by them and stays as it is).
CREATE TABLE member_profiles_next (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  listed INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'independent', 'entrepreneur', 'salaried')),
  sector TEXT NOT NULL DEFAULT '',
  skills TEXT NOT NULL DEFAULT '',
  village_code TEXT NOT NULL DEFAULT '',
  presentation TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  arrival_month TEXT NOT NULL DEFAULT '',
  household TEXT NOT NULL DEFAULT '',
  photo_updated_at BIGINT NOT NULL DEFAULT 0,
  show_status TEXT NOT NULL DEFAULT 'members'
    CHECK (show_status IN ('members', 'advisors', 'public')),
  show_sector TEXT NOT NULL DEFAULT 'members'
    CHECK (show_sector IN ('members', 'advisors', 'public')),
  show_skills TEXT NOT NULL DEFAULT 'members'
    CHECK (show_skills IN ('members', 'advisors', 'public')),
  show_village TEXT NOT NULL DEFAULT 'members'
    CHECK (show_village IN ('members', 'advisors', 'public')),
  show_presentation TEXT NOT NULL DEFAULT 'members'
    CHECK (show_presentation IN ('members', 'advisors', 'public')),
  show_website TEXT NOT NULL DEFAULT 'members'
    CHECK (show_website IN ('members', 'advisors', 'public')),
  show_languages TEXT NOT NULL DEFAULT 'members'
    CHECK (show_languages IN ('members', 'advisors', 'public')),
  show_arrival TEXT NOT NULL DEFAULT 'members'
    CHECK (show_arrival IN ('members', 'advisors', 'public')),
  show_photo TEXT NOT NULL DEFAULT 'members'
    CHECK (show_photo IN ('members', 'advisors', 'public')),
  name_key TEXT NOT NULL DEFAULT '',
  search_members TEXT NOT NULL DEFAULT '',
  search_staff TEXT NOT NULL DEFAULT '',
  facets_members TEXT NOT NULL DEFAULT '',
  facets_staff TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  UNIQUE (programme_id, account_id)
);
INSERT INTO member_profiles_next (id, programme_id, account_id, display_name, listed, status,
  sector, skills, village_code, presentation, website, languages, show_status, show_sector,
  show_skills, show_village, show_presentation, show_website, show_languages, name_key,
  search_members, search_staff, facets_members, facets_staff, updated_at)
SELECT id, programme_id, account_id, display_name, listed, status, sector, skills, village_code,
  presentation, website, languages, show_status, show_sector, show_skills, show_village,
  show_presentation, show_website, show_languages, name_key, search_members, search_staff,
  facets_members, facets_staff, updated_at FROM member_profiles;
DROP TABLE member_profiles;
ALTER TABLE member_profiles_next RENAME TO member_profiles;
CREATE INDEX member_profiles_directory ON member_profiles (programme_id, listed, name_key, id);
-- The village page: who shows themselves there.
CREATE INDEX member_profiles_village ON member_profiles (programme_id, village_code);

-- One photo per profile: a JPEG or PNG of 512 KiB at most, base64 as the sites' photos are.
CREATE TABLE member_photos (
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  data_base64 TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (programme_id, account_id)
);

-- The programme's list of skills, by category: offered when a member types theirs, and the
-- categories of the skills map. A member may still add free skills. `folded` is the skill as
-- the directory's facets fold it.
CREATE TABLE programme_skills (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  label TEXT NOT NULL,
  folded TEXT NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (programme_id, folded)
);
