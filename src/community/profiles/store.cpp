#include "community/profiles/store.hpp"

#include "core/text.hpp"
#include "db/rows.hpp"

namespace sohosolo::community {

namespace {

constexpr const char* kColumns =
    "p.id, p.account_id, p.display_name, p.listed, p.status, p.sector, p.skills, "
    "p.village_code, p.presentation, p.website, p.languages, p.show_status, p.show_sector, "
    "p.show_skills, p.show_village, p.show_presentation, p.show_website, p.show_languages, "
    "p.updated_at, p.name_key";

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
    for (auto& s : shown) st.exchange(soci::into(s));
    st.exchange(soci::into(p.updated_at));
    st.exchange(soci::into(name_key));
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
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO member_profiles (programme_id, account_id, display_name, listed, "
              "status, sector, skills, village_code, presentation, website, languages, "
              "show_status, show_sector, show_skills, show_village, show_presentation, "
              "show_website, show_languages, skills_folded, name_key, search_members, "
              "search_staff, updated_at) VALUES (:p, :a, :n, :l, :st, :se, :sk, :v, :pr, :w, "
              ":la, :s1, :s2, :s3, :s4, :s5, :s6, :s7, :sf, :nk, :sm, :ss, :t) "
              "ON CONFLICT (programme_id, account_id) DO UPDATE SET display_name = "
              "excluded.display_name, listed = excluded.listed, status = excluded.status, "
              "sector = excluded.sector, skills = excluded.skills, village_code = "
              "excluded.village_code, presentation = excluded.presentation, website = "
              "excluded.website, languages = excluded.languages, show_status = "
              "excluded.show_status, show_sector = excluded.show_sector, show_skills = "
              "excluded.show_skills, show_village = excluded.show_village, show_presentation = "
              "excluded.show_presentation, show_website = excluded.show_website, "
              "show_languages = excluded.show_languages, skills_folded = "
              "excluded.skills_folded, name_key = excluded.name_key, search_members = "
              "excluded.search_members, search_staff = excluded.search_staff, updated_at = "
              "excluded.updated_at",
       soci::use(programme_.value), soci::use(profile.account_id), soci::use(profile.display_name),
       soci::use(listed), soci::use(profile.status), soci::use(profile.sector), soci::use(skills),
       soci::use(profile.village_code), soci::use(profile.presentation), soci::use(profile.website),
       soci::use(profile.languages), soci::use(shown[0]), soci::use(shown[1]), soci::use(shown[2]),
       soci::use(shown[3]), soci::use(shown[4]), soci::use(shown[5]), soci::use(shown[6]),
       soci::use(texts.skills_folded), soci::use(texts.name_key), soci::use(texts.members),
       soci::use(texts.staff), soci::use(now));
  st.execute(true);
  if (lease_.dialect() != db::Dialect::kSqlite) return;  // PostgreSQL: generated columns
  long long id = 0;
  lease_.sql() << "SELECT id FROM member_profiles WHERE programme_id = :p AND account_id = :a",
      soci::use(programme_.value), soci::use(profile.account_id), soci::into(id);
  SyncSearchIndex(id, texts);
}

void ProfileStore::SyncSearchIndex(long long id, const SearchTexts& texts) {
  lease_.sql() << "DELETE FROM member_profiles_fts WHERE rowid = :i", soci::use(id);
  lease_.sql() << "INSERT INTO member_profiles_fts (rowid, search_members, search_staff) "
                  "VALUES (:i, :m, :s)",
      soci::use(id), soci::use(texts.members), soci::use(texts.staff);
}

std::vector<DirectoryRow> ProfileStore::Search(const StoreQuery& q, bool staff) {
  // The words and filters are folded letters and digits, or checked values (sector, status,
  // village code): still, every value is bound, none is written into the SQL.
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM member_profiles p WHERE p.programme_id = :p AND p.listed = 1";
  std::vector<std::string> texts;
  texts.reserve(8);
  const auto shown = [&](const char* column) {
    return staff ? std::string() : std::string(" AND p.") + column + " = 'members'";
  };
  if (!q.words.empty()) {
    std::string match;
    const bool sqlite = lease_.dialect() == db::Dialect::kSqlite;
    for (const auto& w : q.words)
      match += (match.empty() ? "" : sqlite ? " AND " : " & ") + w + (sqlite ? "*" : ":*");
    if (sqlite) {
      match = std::string(staff ? "search_staff" : "search_members") + " : (" + match + ")";
      sql +=
          " AND p.id IN (SELECT rowid FROM member_profiles_fts WHERE member_profiles_fts "
          "MATCH :m)";
    } else {
      sql += std::string(" AND p.") + (staff ? "staff_vector" : "members_vector") +
             " @@ to_tsquery('simple', :m)";
    }
    texts.push_back(match);
  }
  if (!q.skill_folded.empty()) {
    sql += " AND p.skills_folded LIKE :skill" + shown("show_skills");
    texts.push_back("%|" + q.skill_folded + "|%");
  }
  if (!q.sector.empty()) {
    sql += " AND p.sector = :sector" + shown("show_sector");
    texts.push_back(q.sector);
  }
  if (!q.status.empty()) {
    sql += " AND p.status = :status" + shown("show_status");
    texts.push_back(q.status);
  }
  if (!q.village_code.empty()) {
    sql += " AND p.village_code = :village" + shown("show_village");
    texts.push_back(q.village_code);
  }
  long long after_id = 0;
  if (q.after) {
    sql += " AND (p.name_key > :k1 OR (p.name_key = :k2 AND p.id > :i))";
    texts.push_back(q.after->name_key);
    texts.push_back(q.after->name_key);
    after_id = q.after->id;
  }
  sql += " ORDER BY p.name_key, p.id LIMIT :n";

  ProfileRow row;
  soci::statement st(lease_.sql());
  st.exchange(soci::use(programme_.value));
  std::size_t next = 0;
  const std::size_t plain = texts.size() - (q.after ? 2 : 0);
  for (; next < plain; ++next) st.exchange(soci::use(texts[next]));
  if (q.after) {
    st.exchange(soci::use(texts[next]));
    st.exchange(soci::use(texts[next + 1]));
    st.exchange(soci::use(after_id));
  }
  const int limit = q.limit;
  st.exchange(soci::use(limit));
  row.Bind(st);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  std::vector<DirectoryRow> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
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
