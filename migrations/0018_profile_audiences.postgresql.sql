-- Profiles, second part: a third audience, 'public' (on the village page, for anyone, and to
-- members too), the arrival month, the household (advisors only, whatever the member shows),
-- and a photo (its bytes in member_photos, its time here so that lists need no join).
ALTER TABLE member_profiles ADD COLUMN arrival_month TEXT NOT NULL DEFAULT '';
ALTER TABLE member_profiles ADD COLUMN household TEXT NOT NULL DEFAULT '';
ALTER TABLE member_profiles ADD COLUMN photo_updated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE member_profiles ADD COLUMN show_arrival TEXT NOT NULL DEFAULT 'members';
ALTER TABLE member_profiles ADD COLUMN show_photo TEXT NOT NULL DEFAULT 'members';
ALTER TABLE member_profiles DROP CONSTRAINT member_profiles_show_status_check;
ALTER TABLE member_profiles DROP CONSTRAINT member_profiles_show_sector_check;
ALTER TABLE member_profiles DROP CONSTRAINT member_profiles_show_skills_check;
ALTER TABLE member_profiles DROP CONSTRAINT member_profiles_show_village_check;
ALTER TABLE member_profiles DROP CONSTRAINT member_profiles_show_presentation_check;
ALTER TABLE member_profiles DROP CONSTRAINT member_profiles_show_website_check;
ALTER TABLE member_profiles DROP CONSTRAINT member_profiles_show_languages_check;
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_status_check
  CHECK (show_status IN ('members', 'advisors', 'public'));
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_sector_check
  CHECK (show_sector IN ('members', 'advisors', 'public'));
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_skills_check
  CHECK (show_skills IN ('members', 'advisors', 'public'));
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_village_check
  CHECK (show_village IN ('members', 'advisors', 'public'));
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_presentation_check
  CHECK (show_presentation IN ('members', 'advisors', 'public'));
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_website_check
  CHECK (show_website IN ('members', 'advisors', 'public'));
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_languages_check
  CHECK (show_languages IN ('members', 'advisors', 'public'));
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_arrival_check
  CHECK (show_arrival IN ('members', 'advisors', 'public'));
ALTER TABLE member_profiles ADD CONSTRAINT member_profiles_show_photo_check
  CHECK (show_photo IN ('members', 'advisors', 'public'));
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
