#include "journeys/store.hpp"

#include "core/text.hpp"
#include "db/bulk.hpp"
#include "db/rows.hpp"
#include "journeys/store_rows.hpp"

namespace sohosolo::journeys {

using detail::JourneyRow;
using detail::kColumns;
using detail::kFrom;

namespace {

std::string JoinInts(const std::vector<int>& v) {
  std::string out;
  for (const int i : v) out += (out.empty() ? "" : ",") + std::to_string(i);
  return out;
}

std::string JoinCodes(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

/// The nullable columns of a file, bound as NULL when absent.
struct Nullables {
  long long request = 0, advisor = 0, consent = 0, settled = 0;
  soci::indicator request_ind, advisor_ind, consent_ind, settled_ind;
  explicit Nullables(const Journey& j)
      : request(j.request_id.value_or(0)),
        advisor(j.advisor_id.value_or(0)),
        consent(j.consent_at.value_or(0)),
        settled(j.settled_at.value_or(0)),
        request_ind(j.request_id ? soci::i_ok : soci::i_null),
        advisor_ind(j.advisor_id ? soci::i_ok : soci::i_null),
        consent_ind(j.consent_at ? soci::i_ok : soci::i_null),
        settled_ind(j.settled_at ? soci::i_ok : soci::i_null) {}
};

}  // namespace

std::optional<Journey> JourneyStore::Find(long long id) {
  return db::First(db::Fetch<JourneyRow>(
      lease_.sql(),
      std::string("SELECT ") + kColumns + kFrom + " WHERE j.programme_id = :p AND j.id = :i",
      soci::use(programme_.value), soci::use(id)));
}

std::optional<Journey> JourneyStore::FindByRequest(long long request_id) {
  return db::First(db::Fetch<JourneyRow>(lease_.sql(),
                                         std::string("SELECT ") + kColumns + kFrom +
                                             " WHERE j.programme_id = :p AND j.request_id = :r",
                                         soci::use(programme_.value), soci::use(request_id)));
}

void JourneyStore::Lock(long long id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  long long found = 0;
  lease_.sql() << "SELECT id FROM journeys WHERE programme_id = :p AND id = :i FOR UPDATE",
      soci::use(programme_.value), soci::use(id), soci::into(found);
}

long long JourneyStore::Insert(const Journey& j, long long by) {
  Nullables n(j);
  db::NullableId author(by);
  const auto children = JoinInts(j.children_ages);
  const auto villages = JoinCodes(j.villages);
  const int consent = j.consent_committees ? 1 : 0;
  const int demo = j.demo ? 1 : 0;
  long long id = 0;
  lease_.sql()
      << "INSERT INTO journeys (programme_id, request_id, name, email, phone, adults, "
         "children_ages, status, employer, sector, activity, clients_where, broadband_needs, "
         "office_needs, villages, advisor_id, consent_committees, consent_at, stage, "
         "stage_at, abandon_reason, settled_village, settled_at, notes, demo, created_by, "
         "created_at, updated_at) VALUES (:p, :r, :n, :e, :ph, :ad, :ch, :st, :em, :se, :ac, "
         ":cw, :bn, :on, :v, :adv, :c, :ca, :sg, :sa, :ar, :sv, :sta, :no, :d, :by, :t1, :t2) "
         "RETURNING id",
      soci::use(programme_.value), soci::use(n.request, n.request_ind), soci::use(j.name),
      soci::use(j.email), soci::use(j.phone), soci::use(j.adults), soci::use(children),
      soci::use(j.status), soci::use(j.employer), soci::use(j.sector), soci::use(j.activity),
      soci::use(j.clients_where), soci::use(j.broadband_needs), soci::use(j.office_needs),
      soci::use(villages), soci::use(n.advisor, n.advisor_ind), soci::use(consent),
      soci::use(n.consent, n.consent_ind), soci::use(j.stage), soci::use(j.stage_at),
      soci::use(j.abandon_reason), soci::use(j.settled_village),
      soci::use(n.settled, n.settled_ind), soci::use(j.notes), soci::use(demo),
      soci::use(author.id, author.ind), soci::use(j.created_at), soci::use(j.updated_at),
      soci::into(id);
  return id;
}

void JourneyStore::Update(const Journey& j) {
  Nullables n(j);
  const auto children = JoinInts(j.children_ages);
  const auto villages = JoinCodes(j.villages);
  const int consent = j.consent_committees ? 1 : 0;
  lease_.sql() << "UPDATE journeys SET name = :n, email = :e, phone = :ph, adults = :ad, "
                  "children_ages = :ch, status = :st, employer = :em, sector = :se, activity = "
                  ":ac, clients_where = :cw, broadband_needs = :bn, office_needs = :on, villages = "
                  ":v, advisor_id = :adv, consent_committees = :c, consent_at = :ca, stage = :sg, "
                  "stage_at = :sa, abandon_reason = :ar, settled_village = :sv, settled_at = :sta, "
                  "notes = :no, updated_at = :t WHERE programme_id = :p AND id = :i",
      soci::use(j.name), soci::use(j.email), soci::use(j.phone), soci::use(j.adults),
      soci::use(children), soci::use(j.status), soci::use(j.employer), soci::use(j.sector),
      soci::use(j.activity), soci::use(j.clients_where), soci::use(j.broadband_needs),
      soci::use(j.office_needs), soci::use(villages), soci::use(n.advisor, n.advisor_ind),
      soci::use(consent), soci::use(n.consent, n.consent_ind), soci::use(j.stage),
      soci::use(j.stage_at), soci::use(j.abandon_reason), soci::use(j.settled_village),
      soci::use(n.settled, n.settled_ind), soci::use(j.notes), soci::use(j.updated_at),
      soci::use(programme_.value), soci::use(j.id);
}

std::vector<Journey> JourneyStore::List(const ListFilter& f) {
  db::Params params;
  std::string sql = std::string("SELECT ") + kColumns + kFrom + " WHERE j.programme_id = :p";
  params.Int(programme_.value);
  if (!f.stage.empty()) {
    sql += " AND j.stage = :s";
    params.Text(f.stage);
  }
  if (f.advisor_id) {
    sql += " AND j.advisor_id = :a";
    params.Int(*f.advisor_id);
  }
  if (!f.village.empty()) {
    // Codes are five letters or digits (checked by the service): a whole word of the list.
    sql += " AND (' ' || j.villages || ' ' LIKE :v OR j.settled_village = :v2)";
    params.Text("% " + f.village + " %");
    params.Text(f.village);
  }
  if (f.before_id > 0) {
    sql += " AND j.id < :b";
    params.Int(f.before_id);
  }
  sql += " ORDER BY j.id DESC";
  // The name filter is applied to folded names here: a programme has hundreds of files, not
  // millions, and both engines then agree on accents.
  const bool by_name = !f.name_like.empty();
  if (!by_name) {
    sql += " LIMIT :l";
    params.Int(f.limit);
  }
  JourneyRow row;
  auto st = db::Prepared(lease_.sql(), sql, params, row);
  std::vector<Journey> out;
  while (st.fetch()) {
    auto j = row.Get();
    if (by_name && core::FoldForSearch(j.name).find(f.name_like) == std::string::npos) continue;
    out.push_back(std::move(j));
    if (static_cast<int>(out.size()) >= f.limit) break;
  }
  return out;
}

std::vector<StageCount> JourneyStore::CountByStage() {
  std::vector<StageCount> out;
  StageCount c;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT stage, COUNT(*) FROM journeys WHERE "
                        "programme_id = :p GROUP BY stage",
                        soci::use(programme_.value), soci::into(c.stage), soci::into(c.files));
  while (st.fetch()) out.push_back(c);
  return out;
}

void JourneyStore::AddHistory(long long journey_id, const HistoryEntry& e, long long by) {
  db::NullableId author(by);
  lease_.sql() << "INSERT INTO journey_history (journey_id, at, by_account, by_name, kind, "
                  "from_stage, to_stage, detail) VALUES (:j, :t, :b, :n, :k, :f, :to, :d)",
      soci::use(journey_id), soci::use(e.at), soci::use(author.id, author.ind),
      soci::use(e.by_name), soci::use(e.kind), soci::use(e.from_stage), soci::use(e.to_stage),
      soci::use(e.detail);
}

std::vector<HistoryEntry> JourneyStore::History(long long journey_id) {
  std::vector<HistoryEntry> out;
  HistoryEntry e;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT h.at, h.by_name, h.kind, h.from_stage, h.to_stage, "
                        "h.detail FROM journey_history h JOIN journeys j ON j.id = "
                        "h.journey_id WHERE j.programme_id = :p AND h.journey_id = :j "
                        "ORDER BY h.id",
                        soci::use(programme_.value), soci::use(journey_id), soci::into(e.at),
                        soci::into(e.by_name), soci::into(e.kind), soci::into(e.from_stage),
                        soci::into(e.to_stage), soci::into(e.detail));
  while (st.fetch()) out.push_back(e);
  return out;
}

std::vector<Journey> JourneyStore::Settled() {
  return db::Fetch<JourneyRow>(
      lease_.sql(),
      std::string("SELECT ") + kColumns + kFrom +
          " WHERE j.programme_id = :p AND j.stage IN ('settled', 'followed_6', 'followed_12', "
          "'followed_24') ORDER BY j.id",
      soci::use(programme_.value));
}

long long JourneyStore::CountOpen() {
  long long n = 0;
  lease_.sql() << "SELECT COUNT(*) FROM journeys WHERE programme_id = :p AND stage NOT IN "
                  "('settled', 'followed_6', 'followed_12', 'followed_24', 'abandoned')",
      soci::use(programme_.value), soci::into(n);
  return n;
}

}  // namespace sohosolo::journeys
