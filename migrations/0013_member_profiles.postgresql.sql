-- Members' profiles and the directory (PostgreSQL: the search texts are indexed as tsvectors).
-- Nobody is listed until they say so (listed = 1); each field says who sees it: 'members'
-- (every member of the programme) or 'advisors' (staff only).
-- search_members holds the folded words of what members may see (name included), search_staff
-- those of every field: a search never finds a profile through a field the asker cannot see.
-- facets_* hold one token per filterable value, the same way ("skillcomptabilite sectorj
-- statusindependent village32147"), so that every filter is an indexed term.
CREATE TABLE member_profiles (
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
  show_status TEXT NOT NULL DEFAULT 'members' CHECK (show_status IN ('members', 'advisors')),
  show_sector TEXT NOT NULL DEFAULT 'members' CHECK (show_sector IN ('members', 'advisors')),
  show_skills TEXT NOT NULL DEFAULT 'members' CHECK (show_skills IN ('members', 'advisors')),
  show_village TEXT NOT NULL DEFAULT 'members' CHECK (show_village IN ('members', 'advisors')),
  show_presentation TEXT NOT NULL DEFAULT 'members'
    CHECK (show_presentation IN ('members', 'advisors')),
  show_website TEXT NOT NULL DEFAULT 'members' CHECK (show_website IN ('members', 'advisors')),
  show_languages TEXT NOT NULL DEFAULT 'members' CHECK (show_languages IN ('members', 'advisors')),
  name_key TEXT NOT NULL DEFAULT '',
  search_members TEXT NOT NULL DEFAULT '',
  search_staff TEXT NOT NULL DEFAULT '',
  facets_members TEXT NOT NULL DEFAULT '',
  facets_staff TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  UNIQUE (programme_id, account_id)
);
CREATE INDEX member_profiles_directory ON member_profiles (programme_id, listed, name_key, id);

-- Full-text search on PostgreSQL: the folded texts as 'simple' tsvectors (no stemming, no
-- accents to remove: the program folds them), searched by prefix (develop:*) through GIN indexes.
ALTER TABLE member_profiles ADD COLUMN members_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', search_members)) STORED;
ALTER TABLE member_profiles ADD COLUMN staff_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', search_staff)) STORED;
ALTER TABLE member_profiles ADD COLUMN members_facets tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', facets_members)) STORED;
ALTER TABLE member_profiles ADD COLUMN staff_facets tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', facets_staff)) STORED;
CREATE INDEX member_profiles_members_search ON member_profiles USING GIN (members_vector);
CREATE INDEX member_profiles_staff_search ON member_profiles USING GIN (staff_vector);
CREATE INDEX member_profiles_members_facets ON member_profiles USING GIN (members_facets);
CREATE INDEX member_profiles_staff_facets ON member_profiles USING GIN (staff_facets);
