#include "journeys/store.hpp"

#include "core/text.hpp"
#include "db/bulk.hpp"
#include "db/rows.hpp"

namespace sohosolo::journeys {

namespace {

constexpr const char* kColumns =
    "j.id, j.request_id, j.name, j.email, j.phone, j.adults, j.children_ages, j.status, "
    "j.employer, j.sector, j.activity, j.clients_where, j.broadband_needs, j.office_needs, "
    "j.villages, j.advisor_id, COALESCE(a.display_name, ''), j.consent_committees, j.consent_at, "
    "j.stage, j.stage_at, j.abandon_reason, j.settled_village, j.settled_at, j.notes, j.demo, "
    "j.created_at, j.updated_at";
constexpr const char* kFrom = " FROM journeys j LEFT JOIN accounts a ON a.id = j.advisor_id";

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

struct JourneyRow {
  Journey j;
  long long request_id = 0, advisor_id = 0, consent_at = 0, settled_at = 0;
  soci::indicator request_ind = soci::i_null, advisor_ind = soci::i_null,
                  consent_ind = soci::i_null, settled_ind = soci::i_null;
  int consent = 0, demo = 0;
  std::string children, villages;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(j.id));
    st.exchange(soci::into(request_id, request_ind));
    st.exchange(soci::into(j.name));
    st.exchange(soci::into(j.email));
    st.exchange(soci::into(j.phone));
    st.exchange(soci::into(j.adults));
    st.exchange(soci::into(children));
    st.exchange(soci::into(j.status));
    st.exchange(soci::into(j.employer));
    st.exchange(soci::into(j.sector));
    st.exchange(soci::into(j.activity));
    st.exchange(soci::into(j.clients_where));
    st.exchange(soci::into(j.broadband_needs));
    st.exchange(soci::into(j.office_needs));
    st.exchange(soci::into(villages));
    st.exchange(soci::into(advisor_id, advisor_ind));
    st.exchange(soci::into(j.advisor_name));
    st.exchange(soci::into(consent));
    st.exchange(soci::into(consent_at, consent_ind));
    st.exchange(soci::into(j.stage));
    st.exchange(soci::into(j.stage_at));
    st.exchange(soci::into(j.abandon_reason));
    st.exchange(soci::into(j.settled_village));
    st.exchange(soci::into(settled_at, settled_ind));
    st.exchange(soci::into(j.notes));
    st.exchange(soci::into(demo));
    st.exchange(soci::into(j.created_at));
    st.exchange(soci::into(j.updated_at));
  }
  Journey Get() const {
    Journey out = j;
    out.request_id = db::Optional(request_id, request_ind);
    out.advisor_id = db::Optional(advisor_id, advisor_ind);
    out.consent_at = db::Optional(consent_at, consent_ind);
    out.settled_at = db::Optional(settled_at, settled_ind);
    out.consent_committees = consent != 0;
    out.demo = demo != 0;
    out.children_ages.clear();
    for (auto part : core::Split(children, ','))
      if (!part.empty()) out.children_ages.push_back(std::stoi(std::string(part)));
    out.villages.clear();
    for (auto part : core::Split(villages, ' '))
      if (!part.empty()) out.villages.emplace_back(part);
    return out;
  }
};

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
  soci::statement st(lease_.sql());
  params.BindTo(st);
  row.Bind(st);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
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
  soci::statement st = (lease_.sql().prepare << "SELECT stage, COUNT(*) FROM journeys WHERE "
                                                "programme_id = :p GROUP BY stage",
                        soci::use(programme_.value), soci::into(c.stage), soci::into(c.files));
  st.execute();
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
  soci::statement st =
      (lease_.sql().prepare << "SELECT h.at, h.by_name, h.kind, h.from_stage, h.to_stage, "
                               "h.detail FROM journey_history h JOIN journeys j ON j.id = "
                               "h.journey_id WHERE j.programme_id = :p AND h.journey_id = :j "
                               "ORDER BY h.id",
       soci::use(programme_.value), soci::use(journey_id), soci::into(e.at), soci::into(e.by_name),
       soci::into(e.kind), soci::into(e.from_stage), soci::into(e.to_stage), soci::into(e.detail));
  st.execute();
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

std::vector<std::string> JourneyStore::CommitteeVillages(long long account_id) {
  std::vector<std::string> out;
  std::string code;
  soci::statement st =
      (lease_.sql().prepare << "SELECT commune_code FROM committee_villages WHERE programme_id = "
                               ":p AND account_id = :a ORDER BY commune_code",
       soci::use(programme_.value), soci::use(account_id), soci::into(code));
  st.execute();
  while (st.fetch()) out.push_back(code);
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
  JourneyRow row;
  soci::statement st(lease_.sql());
  params.BindTo(st);
  row.Bind(st);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  std::vector<Journey> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
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
  soci::statement st =
      (lease_.sql().prepare << "SELECT x.by_name, x.by_committee, x.body, x.created_at FROM "
                               "journey_notes x JOIN journeys j ON j.id = x.journey_id WHERE "
                               "j.programme_id = :p AND x.journey_id = :j ORDER BY x.id",
       soci::use(programme_.value), soci::use(journey_id), soci::into(n.by_name),
       soci::into(committee), soci::into(n.body), soci::into(n.created_at));
  st.execute();
  while (st.fetch()) {
    n.by_committee = committee != 0;
    out.push_back(n);
  }
  return out;
}

namespace {

constexpr const char* kTaskColumns =
    "SELECT t.id, t.journey_id, j.name, t.title, t.due_day, t.assignee_id, "
    "COALESCE(a.display_name, ''), t.done_at, j.programme_id FROM journey_tasks t JOIN journeys j "
    "ON j.id = t.journey_id LEFT JOIN accounts a ON a.id = t.assignee_id";

struct TaskRow {
  Task t;
  long long assignee = 0, done = 0, programme = 0;
  soci::indicator assignee_ind = soci::i_null, done_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(t.id));
    st.exchange(soci::into(t.journey_id));
    st.exchange(soci::into(t.journey_name));
    st.exchange(soci::into(t.title));
    st.exchange(soci::into(t.due_day));
    st.exchange(soci::into(assignee, assignee_ind));
    st.exchange(soci::into(t.assignee_name));
    st.exchange(soci::into(done, done_ind));
    st.exchange(soci::into(programme));
  }
  JourneyStore::DueTask Get() const {
    JourneyStore::DueTask out{programme, t};
    out.task.assignee_id = db::Optional(assignee, assignee_ind);
    out.task.done_at = db::Optional(done, done_ind);
    return out;
  }
};

std::vector<Task> TasksOf(std::vector<JourneyStore::DueTask> rows) {
  std::vector<Task> out;
  for (auto& r : rows) out.push_back(std::move(r.task));
  return out;
}

}  // namespace

long long JourneyStore::AddTask(const Task& t, long long by, core::UnixSeconds now) {
  db::NullableId author(by), assignee(t.assignee_id.value_or(0));
  long long id = 0;
  lease_.sql() << "INSERT INTO journey_tasks (journey_id, title, due_day, assignee_id, created_by, "
                  "created_at) VALUES (:j, :t, :d, :a, :b, :n) RETURNING id",
      soci::use(t.journey_id), soci::use(t.title), soci::use(t.due_day),
      soci::use(assignee.id, assignee.ind), soci::use(author.id, author.ind), soci::use(now),
      soci::into(id);
  return id;
}

std::optional<Task> JourneyStore::FindTask(long long journey_id, long long task_id) {
  auto found = TasksOf(db::Fetch<TaskRow>(
      lease_.sql(),
      std::string(kTaskColumns) + " WHERE j.programme_id = :p AND t.journey_id = :j AND t.id = :t",
      soci::use(programme_.value), soci::use(journey_id), soci::use(task_id)));
  return db::First(std::move(found));
}

void JourneyStore::SetTaskDone(long long task_id, std::optional<core::UnixSeconds> at) {
  long long value = at.value_or(0);
  soci::indicator ind = at ? soci::i_ok : soci::i_null;
  lease_.sql() << "UPDATE journey_tasks SET done_at = :d WHERE id = :t", soci::use(value, ind),
      soci::use(task_id);
}

std::vector<Task> JourneyStore::Tasks(long long journey_id) {
  return TasksOf(db::Fetch<TaskRow>(
      lease_.sql(),
      std::string(kTaskColumns) +
          " WHERE j.programme_id = :p AND t.journey_id = :j ORDER BY t.due_day, t.id",
      soci::use(programme_.value), soci::use(journey_id)));
}

std::vector<Task> JourneyStore::OpenTasksDue(const std::string& day, int limit) {
  return TasksOf(db::Fetch<TaskRow>(
      lease_.sql(),
      std::string(kTaskColumns) +
          " WHERE j.programme_id = :p AND t.done_at IS NULL AND t.due_day <= :d ORDER BY "
          "t.due_day, t.id LIMIT :l",
      soci::use(programme_.value), soci::use(day), soci::use(limit)));
}

std::vector<JourneyStore::DueTask> JourneyStore::UnremindedDue(db::Lease& lease,
                                                               const std::string& day, int limit) {
  return db::Fetch<TaskRow>(lease.sql(),
                            std::string(kTaskColumns) +
                                " WHERE t.done_at IS NULL AND t.reminded_at IS NULL AND "
                                "t.due_day <= :d AND t.assignee_id IS NOT NULL ORDER BY t.id "
                                "LIMIT :l",
                            soci::use(day), soci::use(limit));
}

bool JourneyStore::MarkReminded(db::Lease& lease, long long task_id, core::UnixSeconds now) {
  soci::statement st =
      (lease.sql().prepare << "UPDATE journey_tasks SET reminded_at = :n WHERE id = :t AND "
                              "reminded_at IS NULL",
       soci::use(now), soci::use(task_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<Journey> JourneyStore::All() {
  return db::Fetch<JourneyRow>(
      lease_.sql(),
      std::string("SELECT ") + kColumns + kFrom + " WHERE j.programme_id = :p ORDER BY j.id",
      soci::use(programme_.value));
}

std::vector<StageMoveAt> JourneyStore::StageMoves() {
  std::vector<StageMoveAt> out;
  StageMoveAt m;
  soci::statement st =
      (lease_.sql().prepare << "SELECT h.journey_id, h.at, h.to_stage FROM journey_history h JOIN "
                               "journeys j ON j.id = h.journey_id WHERE j.programme_id = :p AND "
                               "h.kind = 'stage' ORDER BY h.id",
       soci::use(programme_.value), soci::into(m.journey_id), soci::into(m.at),
       soci::into(m.to_stage));
  st.execute();
  while (st.fetch()) out.push_back(m);
  return out;
}

bool JourneyStore::Delete(long long id) {
  soci::statement st =
      (lease_.sql().prepare << "DELETE FROM journeys WHERE programme_id = :p AND id = :i",
       soci::use(programme_.value), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<long long> JourneyStore::AbandonedBefore(core::UnixSeconds before) {
  std::vector<long long> out;
  long long id = 0;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT id FROM journeys WHERE programme_id = :p AND stage = "
              "'abandoned' AND stage_at < :b AND anonymised_at IS NULL ORDER BY id",
       soci::use(programme_.value), soci::use(before), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

void JourneyStore::Anonymise(long long id, core::UnixSeconds now) {
  const std::string name = "#" + std::to_string(id);
  lease_.sql() << "UPDATE journeys SET name = :n, email = '', phone = '', employer = '', "
                  "activity = '', clients_where = '', broadband_needs = '', office_needs = '', "
                  "notes = '', anonymised_at = :t WHERE programme_id = :p AND id = :i",
      soci::use(name), soci::use(now), soci::use(programme_.value), soci::use(id);
  lease_.sql() << "DELETE FROM journey_notes WHERE journey_id = :i", soci::use(id);
  lease_.sql() << "UPDATE journey_tasks SET title = '' WHERE journey_id = :i", soci::use(id);
  // History details may quote what was changed; stages and dates stay for the funnel.
  lease_.sql()
      << "UPDATE journey_history SET detail = '' WHERE journey_id = :i AND kind <> 'stage'",
      soci::use(id);
}

std::optional<long long> JourneyStore::AccountOf(long long id) {
  long long account = 0;
  soci::indicator ind = soci::i_null;
  lease_.sql() << "SELECT account_id FROM journeys WHERE programme_id = :p AND id = :i",
      soci::use(programme_.value), soci::use(id), soci::into(account, ind);
  return db::Optional(account, ind);
}

std::optional<long long> JourneyStore::FileOfAccount(long long account_id) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  lease_.sql() << "SELECT MAX(id) FROM journeys WHERE programme_id = :p AND account_id = :a",
      soci::use(programme_.value), soci::use(account_id), soci::into(id, ind);
  return db::Optional(id, ind);
}

void JourneyStore::SetAccount(long long id, long long account_id) {
  lease_.sql() << "UPDATE journeys SET account_id = :a WHERE programme_id = :p AND id = :i",
      soci::use(account_id), soci::use(programme_.value), soci::use(id);
}

}  // namespace sohosolo::journeys
