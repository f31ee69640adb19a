// SQL of welcome committees, visits and notes.
#include "db/bulk.hpp"
#include "db/rows.hpp"
#include "journeys/store.hpp"
#include "journeys/store_rows.hpp"

namespace sohosolo::journeys {

using detail::JourneyRow;
using detail::kColumns;
using detail::kFrom;

std::vector<std::string> JourneyStore::CommitteeVillages(long long account_id) {
  std::vector<std::string> out;
  std::string code;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT commune_code FROM committee_villages WHERE programme_id = "
                        ":p AND account_id = :a ORDER BY commune_code",
                        soci::use(programme_.value), soci::use(account_id), soci::into(code));
  while (st.fetch()) out.push_back(code);
  return out;
}

std::vector<long long> JourneyStore::CommitteesOf(const std::string& village) {
  std::vector<long long> out;
  long long id = 0;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT account_id FROM committee_villages WHERE programme_id = "
                        ":p AND commune_code = :v ORDER BY account_id",
                        soci::use(programme_.value), soci::use(village), soci::into(id));
  while (st.fetch()) out.push_back(id);
  return out;
}

void JourneyStore::SetCommitteeVillages(long long account_id,
                                        const std::vector<std::string>& codes) {
  lease_.sql() << "DELETE FROM committee_villages WHERE programme_id = :p AND account_id = :a",
      soci::use(programme_.value), soci::use(account_id);
  for (const auto& code : codes)
    lease_.sql() << "INSERT INTO committee_villages (programme_id, account_id, commune_code) "
                    "VALUES (:p, :a, :c)",
        soci::use(programme_.value), soci::use(account_id), soci::use(code);
}

std::vector<Journey> JourneyStore::ConsentedIn(const std::vector<std::string>& villages) {
  if (villages.empty()) return {};
  db::Params params;
  std::string sql = std::string("SELECT ") + kColumns + kFrom +
                    " WHERE j.programme_id = :p AND j.consent_committees = 1 AND j.stage <> "
                    "'abandoned' AND (";
  params.Int(programme_.value);
  for (std::size_t i = 0; i < villages.size(); ++i) {
    const auto n = std::to_string(i);
    sql += (i ? " OR " : "") + std::string("' ' || j.villages || ' ' LIKE :v") + n +
           " OR j.settled_village = :s" + n;
    params.Text("% " + villages[i] + " %");
    params.Text(villages[i]);
  }
  sql += ") ORDER BY j.id DESC";
  return db::FetchAll<JourneyRow>(lease_.sql(), sql, params);
}

long long JourneyStore::AddVisit(const Visit& v, long long by, core::UnixSeconds now) {
  db::NullableId author(by);
  long long id = 0;
  lease_.sql() << "INSERT INTO journey_visits (journey_id, commune_code, planned_at, by_account, "
                  "by_name, created_at) VALUES (:j, :c, :p, :b, :n, :t) RETURNING id",
      soci::use(v.journey_id), soci::use(v.commune_code), soci::use(v.planned_at),
      soci::use(author.id, author.ind), soci::use(v.by_name), soci::use(now), soci::into(id);
  return id;
}

namespace {

struct VisitRow {
  Visit v;
  long long done = 0;
  soci::indicator done_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(v.id));
    st.exchange(soci::into(v.journey_id));
    st.exchange(soci::into(v.commune_code));
    st.exchange(soci::into(v.planned_at));
    st.exchange(soci::into(done, done_ind));
    st.exchange(soci::into(v.by_name));
  }
  Visit Get() const {
    Visit out = v;
    out.done_at = db::Optional(done, done_ind);
    return out;
  }
};

constexpr const char* kVisitColumns =
    "SELECT v.id, v.journey_id, v.commune_code, v.planned_at, v.done_at, v.by_name FROM "
    "journey_visits v JOIN journeys j ON j.id = v.journey_id WHERE j.programme_id = :p AND "
    "v.journey_id = :j";

}  // namespace

std::optional<Visit> JourneyStore::FindVisit(long long journey_id, long long visit_id) {
  return db::First(db::Fetch<VisitRow>(lease_.sql(), std::string(kVisitColumns) + " AND v.id = :v",
                                       soci::use(programme_.value), soci::use(journey_id),
                                       soci::use(visit_id)));
}

void JourneyStore::MarkVisitDone(long long visit_id, core::UnixSeconds at) {
  lease_.sql() << "UPDATE journey_visits SET done_at = :t WHERE id = :v", soci::use(at),
      soci::use(visit_id);
}

std::vector<Visit> JourneyStore::Visits(long long journey_id) {
  return db::Fetch<VisitRow>(lease_.sql(), std::string(kVisitColumns) + " ORDER BY v.planned_at",
                             soci::use(programme_.value), soci::use(journey_id));
}

void JourneyStore::AddNote(long long journey_id, const Note& note, long long by) {
  db::NullableId author(by);
  const int committee = note.by_committee ? 1 : 0;
  lease_.sql() << "INSERT INTO journey_notes (journey_id, by_account, by_name, by_committee, body, "
                  "created_at) VALUES (:j, :b, :n, :c, :t, :at)",
      soci::use(journey_id), soci::use(author.id, author.ind), soci::use(note.by_name),
      soci::use(committee), soci::use(note.body), soci::use(note.created_at);
}

std::vector<Note> JourneyStore::Notes(long long journey_id) {
  std::vector<Note> out;
  Note n;
  int committee = 0;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT x.by_name, x.by_committee, x.body, x.created_at FROM "
                        "journey_notes x JOIN journeys j ON j.id = x.journey_id WHERE "
                        "j.programme_id = :p AND x.journey_id = :j ORDER BY x.id",
                        soci::use(programme_.value), soci::use(journey_id), soci::into(n.by_name),
                        soci::into(committee), soci::into(n.body), soci::into(n.created_at));
  while (st.fetch()) {
    n.by_committee = committee != 0;
    out.push_back(n);
  }
  return out;
}

}  // namespace sohosolo::journeys
