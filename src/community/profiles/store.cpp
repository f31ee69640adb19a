#include "community/profiles/store.hpp"

#include <deque>
#include <functional>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "db/bulk.hpp"
#include "db/rows.hpp"

namespace sohosolo::community {

namespace {

using db::Params;

constexpr const char* kColumns =
    "p.id, p.account_id, p.display_name, p.listed, p.status, p.sector, p.skills, "
    "p.village_code, p.presentation, p.website, p.languages, p.arrival_month, p.household, "
    "p.photo_updated_at, p.show_status, p.show_sector, p.show_skills, p.show_village, "
    "p.show_presentation, p.show_website, p.show_languages, p.show_arrival, p.show_photo, "
    "p.updated_at, p.name_key, COALESCE((SELECT c.name FROM communes c WHERE c.programme_id = "
    "p.programme_id AND c.code = p.village_code), '')";

struct ProfileRow {
  Profile p;
  long long id = 0;
  int listed = 0;
  std::string skills, name_key;
  std::array<std::string, kProfileFields.size()> shown;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(p.account_id));
    st.exchange(soci::into(p.display_name));
    st.exchange(soci::into(listed));
    st.exchange(soci::into(p.status));
    st.exchange(soci::into(p.sector));
    st.exchange(soci::into(skills));
    st.exchange(soci::into(p.village_code));
    st.exchange(soci::into(p.presentation));
    st.exchange(soci::into(p.website));
    st.exchange(soci::into(p.languages));
    st.exchange(soci::into(p.arrival_month));
    st.exchange(soci::into(p.household));
    st.exchange(soci::into(p.photo_updated_at));
    for (auto& s : shown) st.exchange(soci::into(s));
    st.exchange(soci::into(p.updated_at));
    st.exchange(soci::into(name_key));
    st.exchange(soci::into(p.village_name));
  }
  DirectoryRow Get() const {
    DirectoryRow out{p, {name_key, id}};
    out.profile.listed = listed != 0;
    out.profile.skills.clear();
    for (auto part : core::Split(skills, '\n'))
      if (!part.empty()) out.profile.skills.emplace_back(part);
    for (std::size_t i = 0; i < kProfileFields.size(); ++i)
      out.profile.shown[kProfileFields[i]] = shown[i];
    return out;
  }
};

/// The full-text terms of a query. SQLite: one FTS5 expression over the audience's columns.
/// PostgreSQL: the words' tsquery, then the facets' tsquery (either may be empty).
std::vector<std::string> Terms(const StoreQuery& q, bool staff, db::Dialect dialect) {
  const bool sqlite = dialect == db::Dialect::kSqlite;
  std::string words, facets;
  for (const auto& w : q.words)
    words += (words.empty() ? "" : sqlite ? " AND " : " & ") + w + (sqlite ? "*" : ":*");
  for (const auto& f : q.facets) facets += (facets.empty() ? "" : sqlite ? " AND " : " & ") + f;
  if (!sqlite) return {words, facets};
  const std::string audience = staff ? "staff" : "members";
  std::string expression;
  if (!words.empty()) expression = "search_" + audience + " : (" + words + ")";
  if (!facets.empty())
    expression += std::string(expression.empty() ? "" : " AND ") + "facets_" + audience + " : (" +
                  facets + ")";
  return {expression};
}

/// PostgreSQL: the words' and the facets' tsqueries against the audience's vectors.
std::string PgConditions(const StoreQuery& q, bool staff, const std::vector<std::string>& terms,
                         Params& params) {
  std::string sql;
  const std::string audience = staff ? "staff" : "members";
  if (!q.words.empty()) {
    sql += " AND p." + audience + "_vector @@ to_tsquery('simple', :w)";
    params.Text(terms[0]);
  }
  if (!q.facets.empty()) {
    sql += " AND p." + audience + "_facets @@ to_tsquery('simple', :f)";
    params.Text(terms[1]);
  }
  return sql;
}

std::vector<DirectoryRow> Run(soci::session& session, const std::string& sql,
                              const Params& params) {
  return db::FetchAll<ProfileRow>(session, sql, params);
}

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : "\n") + s;
  return out;
}

}  // namespace

std::optional<Profile> ProfileStore::Find(long long account_id) {
  auto row = db::First(db::Fetch<ProfileRow>(
      lease_.sql(),
      std::string("SELECT ") + kColumns +
          " FROM member_profiles p WHERE p.programme_id = :p AND p.account_id = :a",
      soci::use(programme_.value), soci::use(account_id)));
  if (!row) return std::nullopt;
  return row->profile;
}

void ProfileStore::Save(const Profile& profile, const SearchTexts& texts, core::UnixSeconds now) {
  const std::string skills = JoinLines(profile.skills);
  const int listed = profile.listed ? 1 : 0;
  std::array<std::string, kProfileFields.size()> shown;
  for (std::size_t i = 0; i < kProfileFields.size(); ++i)
    shown[i] = profile.ShownTo(kProfileFields[i]);
  auto st = db::ExecOnce(
      lease_.sql(),
      "INSERT INTO member_profiles (programme_id, account_id, display_name, listed, "
      "status, sector, skills, village_code, presentation, website, languages, "
      "arrival_month, household, show_status, show_sector, show_skills, show_village, "
      "show_presentation, show_website, show_languages, show_arrival, show_photo, "
      "name_key, search_members, search_staff, facets_members, facets_staff, "
      "updated_at) VALUES (:p, :a, :n, :l, :st, :se, :sk, :v, :pr, :w, :la, :am, :h, "
      ":s1, :s2, :s3, :s4, :s5, :s6, :s7, :s8, :s9, :nk, :sm, :ss, :fm, :fs, :t) "
      "ON CONFLICT (programme_id, account_id) DO UPDATE SET display_name = "
      "excluded.display_name, listed = excluded.listed, status = excluded.status, "
      "sector = excluded.sector, skills = excluded.skills, village_code = "
      "excluded.village_code, presentation = excluded.presentation, website = "
      "excluded.website, languages = excluded.languages, arrival_month = "
      "excluded.arrival_month, household = excluded.household, show_arrival = "
      "excluded.show_arrival, show_photo = excluded.show_photo, show_status = "
      "excluded.show_status, show_sector = excluded.show_sector, show_skills = "
      "excluded.show_skills, show_village = excluded.show_village, show_presentation = "
      "excluded.show_presentation, show_website = excluded.show_website, "
      "show_languages = excluded.show_languages, name_key = excluded.name_key, "
      "search_members = "
      "excluded.search_members, search_staff = excluded.search_staff, facets_members = "
      "excluded.facets_members, facets_staff = excluded.facets_staff, updated_at = "
      "excluded.updated_at",
      soci::use(programme_.value), soci::use(profile.account_id), soci::use(profile.display_name),
      soci::use(listed), soci::use(profile.status), soci::use(profile.sector), soci::use(skills),
      soci::use(profile.village_code), soci::use(profile.presentation), soci::use(profile.website),
      soci::use(profile.languages), soci::use(profile.arrival_month), soci::use(profile.household),
      soci::use(shown[0]), soci::use(shown[1]), soci::use(shown[2]), soci::use(shown[3]),
      soci::use(shown[4]), soci::use(shown[5]), soci::use(shown[6]), soci::use(shown[7]),
      soci::use(shown[8]), soci::use(texts.name_key), soci::use(texts.members),
      soci::use(texts.staff), soci::use(texts.facets_members), soci::use(texts.facets_staff),
      soci::use(now));
  if (lease_.dialect() != db::Dialect::kSqlite) return;  // PostgreSQL: generated columns
  long long id = 0;
  lease_.sql() << "SELECT id FROM member_profiles WHERE programme_id = :p AND account_id = :a",
      soci::use(programme_.value), soci::use(profile.account_id), soci::into(id);
  SyncSearchIndex(id, texts);
}

void ProfileStore::SyncSearchIndex(long long id, const SearchTexts& texts) {
  lease_.sql() << "DELETE FROM member_profiles_fts WHERE rowid = :i", soci::use(id);
  lease_.sql() << "INSERT INTO member_profiles_fts (rowid, search_members, search_staff, "
                  "facets_members, facets_staff) VALUES (:i, :m, :s, :fm, :fs)",
      soci::use(id), soci::use(texts.members), soci::use(texts.staff),
      soci::use(texts.facets_members), soci::use(texts.facets_staff);
}

long long ProfileStore::CountMatches(const StoreQuery& q, bool staff, long long cap) {
  const auto terms = Terms(q, staff, lease_.dialect());
  Params params;
  std::string sql;
  if (lease_.dialect() == db::Dialect::kSqlite) {
    sql =
        "SELECT COUNT(*) FROM (SELECT rowid FROM member_profiles_fts WHERE member_profiles_fts "
        "MATCH :e LIMIT :c) s";
    params.Text(terms.front());
  } else {
    params.Int(programme_.value);
    sql =
        "SELECT COUNT(*) FROM (SELECT 1 FROM member_profiles p WHERE p.programme_id = :p AND "
        "p.listed = 1";
    sql += PgConditions(q, staff, terms, params) + " LIMIT :c) s";
  }
  params.Int(cap);
  long long count = 0;
  soci::statement st(lease_.sql());
  params.BindTo(st);
  st.exchange(soci::into(count));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute(true);
  return count;
}

std::vector<DirectoryRow> ProfileStore::Search(const StoreQuery& q, bool staff) {
  // Words and facets are folded letters and digits (the service makes them so): still, each is
  // bound, none is written into the SQL. With them, the plan depends on how many profiles match:
  // few, start from the full-text index and sort what it found; many, walk the directory's order
  // (programme, listed, name_key, id) and keep what matches, which fills a page at once.
  const bool text = !q.words.empty() || !q.facets.empty();
  const bool selective = text && CountMatches(q, staff, q.selective_below) < q.selective_below;
  const bool sqlite = lease_.dialect() == db::Dialect::kSqlite;
  const auto terms = Terms(q, staff, lease_.dialect());
  Params params;
  std::string sql = std::string("SELECT ") + kColumns;
  if (text && sqlite && selective) {
    sql +=
        " FROM (SELECT rowid AS hit FROM member_profiles_fts WHERE member_profiles_fts MATCH "
        ":e) h CROSS JOIN member_profiles p ON p.id = h.hit";
    params.Text(terms.front());
  } else if (text && selective) {
    params.Int(programme_.value);
    std::string hits =
        "WITH hits AS MATERIALIZED (SELECT p.id FROM member_profiles p WHERE p.programme_id = "
        ":p0 AND p.listed = 1";
    hits += PgConditions(q, staff, terms, params) + ") ";
    sql = hits + sql + " FROM hits h JOIN member_profiles p ON p.id = h.id";
  } else {
    sql += " FROM member_profiles p";
  }
  sql += " WHERE p.programme_id = :p AND p.listed = 1";
  params.Int(programme_.value);
  if (text && !selective && sqlite) {
    sql +=
        " AND p.id IN (SELECT rowid FROM member_profiles_fts WHERE member_profiles_fts MATCH "
        ":e)";
    params.Text(terms.front());
  } else if (text && !selective) {
    sql += PgConditions(q, staff, terms, params);
  }
  if (q.after) {
    sql += " AND (p.name_key > :k1 OR (p.name_key = :k2 AND p.id > :i))";
    params.Text(q.after->name_key);
    params.Text(q.after->name_key);
    params.Int(q.after->id);
  }
  sql += " ORDER BY p.name_key, p.id LIMIT :n";
  params.Int(q.limit);
  return Run(lease_.sql(), sql, params);
}

std::vector<Profile> ProfileStore::AtVillage(const std::string& village_code, int limit) {
  std::vector<Profile> out;
  for (auto& row : db::Fetch<ProfileRow>(
           lease_.sql(),
           std::string("SELECT ") + kColumns +
               " FROM member_profiles p WHERE p.programme_id = :p AND p.village_code = :v AND "
               "p.listed = 1 AND p.show_village = 'public' ORDER BY p.name_key, p.id LIMIT :n",
           soci::use(programme_.value), soci::use(village_code), soci::use(limit)))
    out.push_back(std::move(row.profile));
  return out;
}

std::vector<SkillsMapPoint> ProfileStore::SkillsMap(const std::vector<std::string>& skill_tokens,
                                                    bool staff) {
  // Villages of listed members with one of the skills (any skill when the list is empty), each
  // counted once per member, where the asker may see both the village and the skills.
  const bool sqlite = lease_.dialect() == db::Dialect::kSqlite;
  const std::string audience = staff ? "staff" : "members";
  std::string any;
  for (const auto& token : skill_tokens)
    any += (any.empty() ? "" : sqlite ? " OR " : " | ") + token;
  Params params;
  params.Int(programme_.value);
  std::string sql =
      "SELECT p.village_code, c.name, c.centroid_lon, c.centroid_lat, COUNT(*) FROM "
      "member_profiles p JOIN communes c ON c.programme_id = p.programme_id AND c.code = "
      "p.village_code WHERE p.programme_id = :p AND p.listed = 1 AND p.village_code <> ''";
  if (!staff) sql += " AND p.show_village <> 'advisors'";
  if (!any.empty() && sqlite) {
    sql +=
        " AND p.id IN (SELECT rowid FROM member_profiles_fts WHERE member_profiles_fts MATCH "
        ":e)";
    params.Text("facets_" + audience + " : (" + any + ")");
  } else if (!any.empty()) {
    sql += " AND p." + audience + "_facets @@ to_tsquery('simple', :e)";
    params.Text(any);
  }
  sql += " GROUP BY p.village_code, c.name, c.centroid_lon, c.centroid_lat ORDER BY c.name";
  SkillsMapPoint point;
  long long members = 0;
  soci::statement st(lease_.sql());
  params.BindTo(st);
  st.exchange(soci::into(point.village_code));
  st.exchange(soci::into(point.village_name));
  st.exchange(soci::into(point.lon));
  st.exchange(soci::into(point.lat));
  st.exchange(soci::into(members));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  std::vector<SkillsMapPoint> out;
  while (st.fetch()) {
    point.members = static_cast<int>(members);
    out.push_back(point);
  }
  return out;
}

std::optional<ProfilePhoto> ProfileStore::FindPhoto(long long account_id) {
  ProfilePhoto photo;
  std::string encoded;
  soci::indicator ind = soci::i_null;
  lease_.sql() << "SELECT content_type, data_base64, updated_at FROM member_photos WHERE "
                  "programme_id = :p AND account_id = :a",
      soci::use(programme_.value), soci::use(account_id), soci::into(photo.content_type, ind),
      soci::into(encoded), soci::into(photo.updated_at);
  if (ind != soci::i_ok) return std::nullopt;
  auto bytes = core::FromBase64(encoded);
  if (!bytes) throw std::runtime_error("member_photos: stored photo is not base64");
  photo.bytes = std::move(*bytes);
  return photo;
}

void ProfileStore::SavePhoto(long long account_id, const std::string& content_type,
                             const std::string& bytes, core::UnixSeconds now) {
  const auto encoded = core::ToBase64(bytes);
  lease_.sql() << "INSERT INTO member_photos (programme_id, account_id, content_type, data_base64, "
                  "updated_at) VALUES (:p, :a, :c, :d, :t) ON CONFLICT (programme_id, account_id) "
                  "DO UPDATE SET content_type = excluded.content_type, data_base64 = "
                  "excluded.data_base64, updated_at = excluded.updated_at",
      soci::use(programme_.value), soci::use(account_id), soci::use(content_type),
      soci::use(encoded), soci::use(now);
  lease_.sql() << "UPDATE member_profiles SET photo_updated_at = :t WHERE programme_id = :p AND "
                  "account_id = :a",
      soci::use(now), soci::use(programme_.value), soci::use(account_id);
}

bool ProfileStore::DeletePhoto(long long account_id) {
  auto st = db::ExecOnce(lease_.sql(),
                         "DELETE FROM member_photos WHERE programme_id = :p AND account_id = :a",
                         soci::use(programme_.value), soci::use(account_id));
  if (st.get_affected_rows() == 0) return false;
  lease_.sql() << "UPDATE member_profiles SET photo_updated_at = 0 WHERE programme_id = :p AND "
                  "account_id = :a",
      soci::use(programme_.value), soci::use(account_id);
  return true;
}

std::vector<ProgrammeSkill> ProfileStore::Skills() {
  std::vector<ProgrammeSkill> out;
  ProgrammeSkill skill;
  auto st =
      db::RunOnce(lease_.sql(),
                  "SELECT category, label FROM programme_skills WHERE programme_id "
                  "= :p ORDER BY position",
                  soci::use(programme_.value), soci::into(skill.category), soci::into(skill.label));
  while (st.fetch()) out.push_back(skill);
  return out;
}

void ProfileStore::ReplaceSkills(const std::vector<ProgrammeSkill>& skills) {
  lease_.sql() << "DELETE FROM programme_skills WHERE programme_id = :p",
      soci::use(programme_.value);
  int position = 0;
  for (const auto& s : skills) {
    const auto folded = core::FoldForSearch(s.label);
    lease_.sql() << "INSERT INTO programme_skills (programme_id, category, label, folded, "
                    "position) VALUES (:p, :c, :l, :f, :n)",
        soci::use(programme_.value), soci::use(s.category), soci::use(s.label), soci::use(folded),
        soci::use(position);
    ++position;
  }
}

std::vector<core::ProgrammeId> ProfileStore::ProgrammesOf(db::Lease& lease, long long account_id) {
  std::vector<long long> ids(64);
  lease.sql() << "SELECT programme_id FROM member_profiles WHERE account_id = :a",
      soci::use(account_id), soci::into(ids);
  std::vector<core::ProgrammeId> out;
  for (const auto id : ids) out.emplace_back(id);
  return out;
}

}  // namespace sohosolo::community
