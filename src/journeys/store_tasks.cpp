// SQL of tasks and their reminders.
#include "db/bulk.hpp"
#include "db/rows.hpp"
#include "journeys/store.hpp"
#include "journeys/store_rows.hpp"

namespace sohosolo::journeys {

using detail::JourneyRow;
using detail::kColumns;
using detail::kFrom;

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

}  // namespace sohosolo::journeys
