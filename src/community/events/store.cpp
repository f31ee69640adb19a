#include "community/events/store.hpp"

#include "db/rows.hpp"

namespace sohosolo::community {

namespace {

/// An event's columns, its counts and the asker's seat (:a, bound first).
constexpr const char* kEventSelect =
    "SELECT e.id, e.title, e.theme, COALESCE(e.site_id, 0), e.place, e.starts_at, e.ends_at, "
    "e.capacity, e.series, e.cancelled, e.sequence, e.demo, "
    "(SELECT COUNT(*) FROM club_registrations r WHERE r.event_id = e.id "
    "AND r.state = 'registered'), "
    "(SELECT COUNT(*) FROM club_registrations r WHERE r.event_id = e.id "
    "AND r.state = 'waitlisted'), "
    "COALESCE((SELECT r.state FROM club_registrations r WHERE r.event_id = e.id "
    "AND r.account_id = :a), '') FROM club_events e ";

struct EventRow {
  ClubEvent e;
  int cancelled = 0, demo = 0;
  long long registered = 0, waitlisted = 0;
  std::string mine;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(e.id));
    st.exchange(soci::into(e.title));
    st.exchange(soci::into(e.theme));
    st.exchange(soci::into(e.site_id));
    st.exchange(soci::into(e.place));
    st.exchange(soci::into(e.start));
    st.exchange(soci::into(e.end));
    st.exchange(soci::into(e.capacity));
    st.exchange(soci::into(e.series));
    st.exchange(soci::into(cancelled));
    st.exchange(soci::into(e.sequence));
    st.exchange(soci::into(demo));
    st.exchange(soci::into(registered));
    st.exchange(soci::into(waitlisted));
    st.exchange(soci::into(mine));
  }
  ClubEvent Get() const {
    ClubEvent out = e;
    out.cancelled = cancelled != 0;
    out.demo = demo != 0;
    out.registered = static_cast<int>(registered);
    out.waitlisted = static_cast<int>(waitlisted);
    out.mine = ParseSeat(mine);
    return out;
  }
};

constexpr const char* kRegistrationSelect =
    "SELECT r.account_id, a.display_name, a.email, a.language, r.state, r.queued_at, "
    "COALESCE(r.attended, -1) FROM club_registrations r JOIN accounts a ON a.id = r.account_id ";

struct RegistrationRow {
  Registration r;
  std::string state;
  int attended = -1;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(r.account_id));
    st.exchange(soci::into(r.name));
    st.exchange(soci::into(r.email));
    st.exchange(soci::into(r.language));
    st.exchange(soci::into(state));
    st.exchange(soci::into(r.queued_at));
    st.exchange(soci::into(attended));
  }
  Registration Get() const {
    Registration out = r;
    out.seat = ParseSeat(state);
    if (attended >= 0) out.attended = attended != 0;
    return out;
  }
};

struct DueRow {
  long long id = 0;
  long long programme = 0;
  EventRow event;
  RegistrationRow who;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(programme));
    st.exchange(soci::into(event.e.id));
    st.exchange(soci::into(event.e.title));
    st.exchange(soci::into(event.e.place));
    st.exchange(soci::into(event.e.start));
    st.exchange(soci::into(event.e.end));
    st.exchange(soci::into(who.r.account_id));
    st.exchange(soci::into(who.r.name));
    st.exchange(soci::into(who.r.email));
    st.exchange(soci::into(who.r.language));
  }
  DueReminder Get() const { return {id, programme, event.e, who.r}; }
};

}  // namespace

long long EventStore::Insert(const ClubEvent& e, long long created_by, core::UnixSeconds now) {
  long long id = 0;
  db::NullableId site(e.site_id), by(created_by);
  int demo = e.demo ? 1 : 0;
  lease_.sql() << "INSERT INTO club_events (programme_id, title, theme, site_id, place, "
                  "starts_at, ends_at, capacity, series, demo, created_by, created_at) VALUES "
                  "(:p, :t, :th, :s, :pl, :st, :en, :c, :se, :d, :b, :n) RETURNING id",
      soci::use(programme_.value), soci::use(e.title), soci::use(e.theme),
      soci::use(site.id, site.ind), soci::use(e.place), soci::use(e.start), soci::use(e.end),
      soci::use(e.capacity), soci::use(e.series), soci::use(demo), soci::use(by.id, by.ind),
      soci::use(now), soci::into(id);
  return id;
}

std::vector<ClubEvent> EventStore::Select(const std::string& where_order, core::UnixSeconds at,
                                          long long account_id, int limit) {
  return db::Fetch<EventRow>(
      lease_.sql(),
      std::string(kEventSelect) + "WHERE e.programme_id = :p " + where_order + " LIMIT :l",
      soci::use(account_id), soci::use(programme_.value), soci::use(at), soci::use(limit));
}

std::optional<ClubEvent> EventStore::Find(long long id, long long account_id) {
  return db::First(Select("AND e.id = :i", id, account_id, 1));
}

std::vector<ClubEvent> EventStore::Upcoming(core::UnixSeconds from, long long account_id, int limit,
                                            bool with_cancelled) {
  return Select(std::string("AND e.ends_at > :f ") +
                    (with_cancelled ? "" : "AND e.cancelled = 0 ") + "ORDER BY e.starts_at, e.id",
                from, account_id, limit);
}

std::vector<ClubEvent> EventStore::Past(core::UnixSeconds before, long long account_id, int limit) {
  return Select("AND e.ends_at <= :b ORDER BY e.starts_at DESC, e.id DESC", before, account_id,
                limit);
}

void EventStore::LockEvent(long long id) {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  long long found = 0;
  lease_.sql() << "SELECT id FROM club_events WHERE programme_id = :p AND id = :i FOR UPDATE",
      soci::use(programme_.value), soci::use(id), soci::into(found);
}

void EventStore::SetCapacity(long long id, int capacity) {
  lease_.sql() << "UPDATE club_events SET capacity = :c, sequence = sequence + 1 "
                  "WHERE programme_id = :p AND id = :i",
      soci::use(capacity), soci::use(programme_.value), soci::use(id);
}

void EventStore::MarkCancelled(long long id) {
  lease_.sql() << "UPDATE club_events SET cancelled = 1, sequence = sequence + 1 "
                  "WHERE programme_id = :p AND id = :i",
      soci::use(programme_.value), soci::use(id);
}

std::optional<Registration> EventStore::FindRegistration(long long event_id, long long account_id) {
  return db::First(db::Fetch<RegistrationRow>(
      lease_.sql(),
      std::string(kRegistrationSelect) + "WHERE r.event_id = :e AND r.account_id = :a",
      soci::use(event_id), soci::use(account_id)));
}

void EventStore::PutRegistration(long long event_id, long long account_id, Seat seat,
                                 core::UnixSeconds now) {
  // A member who comes back goes to the back of the line: a new row, so a new id (the line's
  // order: ids are given in the order of the event's serialised transactions).
  lease_.sql() << "DELETE FROM club_registrations WHERE event_id = :e AND account_id = :a",
      soci::use(event_id), soci::use(account_id);
  const std::string state = StateName(seat);
  lease_.sql() << "INSERT INTO club_registrations (event_id, account_id, state, queued_at, "
                  "updated_at) VALUES (:e, :a, :s, :q, :u)",
      soci::use(event_id), soci::use(account_id), soci::use(state), soci::use(now), soci::use(now);
}

void EventStore::SetSeat(long long event_id, long long account_id, Seat seat,
                         core::UnixSeconds now) {
  const std::string state = StateName(seat);
  lease_.sql() << "UPDATE club_registrations SET state = :s, updated_at = :u "
                  "WHERE event_id = :e AND account_id = :a",
      soci::use(state), soci::use(now), soci::use(event_id), soci::use(account_id);
}

std::vector<Registration> EventStore::WaitlistHead(long long event_id, int n) {
  return db::Fetch<RegistrationRow>(
      lease_.sql(),
      std::string(kRegistrationSelect) +
          "WHERE r.event_id = :e AND r.state = 'waitlisted' ORDER BY r.id LIMIT :n",
      soci::use(event_id), soci::use(n));
}

std::vector<Registration> EventStore::Registrations(long long event_id) {
  return db::Fetch<RegistrationRow>(
      lease_.sql(),
      std::string(kRegistrationSelect) +
          "WHERE r.event_id = :e AND r.state <> 'cancelled' "
          "ORDER BY CASE r.state WHEN 'registered' THEN 0 ELSE 1 END, r.id",
      soci::use(event_id));
}

bool EventStore::SetAttended(long long event_id, long long account_id, bool attended) {
  int value = attended ? 1 : 0;
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE club_registrations SET attended = :v "
                         "WHERE event_id = :e AND account_id = :a "
                         "AND state = 'registered'",
                         soci::use(value), soci::use(event_id), soci::use(account_id));
  return st.get_affected_rows() > 0;
}

std::vector<long long> EventStore::EventsOf(long long account_id) {
  std::vector<long long> ids(1000);
  lease_.sql() << "SELECT e.id FROM club_events e JOIN club_registrations r ON r.event_id = e.id "
                  "WHERE e.programme_id = :p AND r.account_id = :a ORDER BY e.starts_at DESC "
                  "LIMIT 1000",
      soci::use(programme_.value), soci::use(account_id), soci::into(ids);
  return ids;
}

std::vector<DueReminder> EventStore::DueReminders(db::Lease& lease, core::UnixSeconds from,
                                                  core::UnixSeconds until, int limit) {
  return db::Fetch<DueRow>(
      lease.sql(),
      "SELECT r.id, e.programme_id, e.id, e.title, e.place, e.starts_at, e.ends_at, a.id, "
      "a.display_name, "
      "a.email, a.language FROM club_registrations r JOIN club_events e ON e.id = r.event_id "
      "JOIN accounts a ON a.id = r.account_id WHERE r.state = 'registered' AND "
      "r.reminded_at IS NULL AND e.cancelled = 0 AND e.starts_at > :f AND e.starts_at <= :u "
      "ORDER BY e.starts_at, r.id LIMIT :l",
      soci::use(from), soci::use(until), soci::use(limit));
}

bool EventStore::MarkReminded(db::Lease& lease, long long registration_id, core::UnixSeconds now) {
  soci::statement st = (lease.sql().prepare << "UPDATE club_registrations SET reminded_at = :n "
                                               "WHERE id = :i AND reminded_at IS NULL",
                        soci::use(now), soci::use(registration_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<std::pair<core::ProgrammeId, long long>> EventStore::OpenSeatsOf(
    db::Lease& lease, long long account_id, core::UnixSeconds now) {
  long long programme = 0, event = 0;
  soci::statement st =
      (lease.sql().prepare << "SELECT e.programme_id, e.id FROM club_registrations r JOIN "
                              "club_events e ON e.id = r.event_id WHERE r.account_id = :a AND "
                              "r.state IN ('registered', 'waitlisted') AND e.starts_at > :n AND "
                              "e.cancelled = 0 ORDER BY e.id",
       soci::use(account_id), soci::use(now), soci::into(programme), soci::into(event));
  st.execute();
  std::vector<std::pair<core::ProgrammeId, long long>> out;
  while (st.fetch()) out.emplace_back(core::ProgrammeId(programme), event);
  return out;
}

}  // namespace sohosolo::community
