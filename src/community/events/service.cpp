#include "community/events/service.hpp"

#include <algorithm>

#include "community/events/store.hpp"
#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "outbox/service.hpp"

namespace sohosolo::community {

namespace {

using core::ErrorCode;
using core::FieldError;

/// Longest an event may last: a weekend seminar, not a season.
constexpr core::UnixSeconds kMaxEventSeconds = 3 * 86400;

void CheckText(const std::string& value, const char* field, std::size_t max, bool required,
               core::Lines lines, std::vector<FieldError>& errors) {
  if ((required && value.empty()) || core::Utf8Length(value) > max ||
      core::HasControlCharacters(value, lines))
    errors.push_back({field, std::string("error.event.") + field});
}

/// A mail about `event` to one member, in the member's language.
void Tell(db::Lease& lease, core::ProgrammeId p, const Registration& who, const ClubEvent& event,
          const std::string& kind) {
  const auto& catalogue = core::Catalogue::Get();
  const auto& lang = who.language.empty() ? std::string("fr") : who.language;
  const auto body = catalogue.Translate(lang, "mail.club_" + kind + ".body") + "\n\n" +
                    event.title + "\n" + core::FormatLocal(event.start, lang) + "\n" + event.place +
                    "\n";
  outbox::Queue(lease, p,
                {who.email, catalogue.Translate(lang, "mail.club_" + kind + ".subject"), body,
                 "club_" + kind});
}

}  // namespace

core::Result<EventDraft> CheckEvent(const EventInput& in, const std::vector<EventPlace>& places) {
  std::vector<FieldError> errors;
  EventDraft d;
  d.title = std::string(core::Trim(in.title));
  CheckText(d.title, "title", kMaxTitleChars, true, core::Lines::kOne, errors);
  d.theme = std::string(core::Trim(in.theme));
  CheckText(d.theme, "theme", kMaxThemeChars, false, core::Lines::kMany, errors);
  d.place = std::string(core::Trim(in.place));
  if (in.site_id != 0) {
    const auto site = std::find_if(places.begin(), places.end(),
                                   [&](const EventPlace& s) { return s.site_id == in.site_id; });
    if (site == places.end()) {
      errors.push_back({"site_id", "error.event.site_id"});
    } else {
      d.site_id = site->site_id;
      d.place = site->address.empty() ? site->name : site->name + ", " + site->address;
    }
  }
  CheckText(d.place, "place", kMaxPlaceChars, true, core::Lines::kOne, errors);
  d.start = in.start;
  d.end = in.end;
  if (in.start <= 0) errors.push_back({"start", "error.event.start"});
  if (in.end <= in.start || in.end - in.start > kMaxEventSeconds)
    errors.push_back({"end", "error.event.end"});
  if (in.capacity < 1 || in.capacity > kMaxCapacity)
    errors.push_back({"capacity", "error.event.capacity"});
  d.capacity = static_cast<int>(std::clamp<long long>(in.capacity, 0, kMaxCapacity));
  if (in.occurrences < 1 || in.occurrences > kMaxOccurrences)
    errors.push_back({"occurrences", "error.event.occurrences"});
  d.occurrences = static_cast<int>(std::clamp<long long>(in.occurrences, 1, kMaxOccurrences));
  if (!errors.empty()) return core::Invalid(std::move(errors));
  return d;
}

core::Result<std::vector<ClubEvent>> Club::Create(core::ProgrammeId p, long long author_id,
                                                  const EventInput& input) {
  auto draft = CheckEvent(input, places_(p));
  if (!draft) return draft.error();
  ClubEvent e;
  e.title = draft->title;
  e.theme = draft->theme;
  e.site_id = draft->site_id;
  e.place = draft->place;
  e.capacity = draft->capacity;
  e.demo = input.demo;
  if (draft->occurrences > 1) e.series = core::RandomToken(9);
  const auto now = core::Now();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  EventStore store(lease, p);
  std::vector<long long> ids;
  for (const auto& period :
       MonthlyOccurrences({draft->start, draft->end}, draft->occurrences, kClubZone)) {
    e.start = period.start;
    e.end = period.end;
    ids.push_back(store.Insert(e, author_id, now));
  }
  std::vector<ClubEvent> out;
  for (const auto id : ids) out.push_back(*store.Find(id, 0));
  tx.Commit();
  return out;
}

std::vector<ClubEvent> Club::Upcoming(core::ProgrammeId p, long long account_id,
                                      bool with_cancelled, int limit) {
  auto lease = pool_.Acquire();
  return EventStore(lease, p).Upcoming(core::Now(), account_id, limit, with_cancelled);
}

std::vector<ClubEvent> Club::Past(core::ProgrammeId p, long long account_id, int limit) {
  auto lease = pool_.Acquire();
  return EventStore(lease, p).Past(core::Now(), account_id, limit);
}

core::Result<ClubEvent> Club::Find(core::ProgrammeId p, long long id, long long account_id) {
  auto lease = pool_.Acquire();
  auto found = EventStore(lease, p).Find(id, account_id);
  if (!found) return core::NotFound();
  return *found;
}

core::Result<Joined> Club::Register(core::ProgrammeId p, long long event_id, long long account_id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  EventStore store(lease, p);
  store.LockEvent(event_id);
  const auto event = store.Find(event_id, account_id);
  if (!event) return core::NotFound();
  if (event->mine == Seat::kRegistered || event->mine == Seat::kWaitlisted)
    return Joined{event->mine, false};
  if (event->cancelled) return core::Error::Of(ErrorCode::kConflict, "error.event.cancelled");
  const auto now = core::Now();
  if (event->start <= now) return core::Error::Of(ErrorCode::kConflict, "error.event.started");
  // Nobody jumps the line: while anyone waits, a newcomer waits too.
  const auto seat =
      event->waitlisted > 0 ? Seat::kWaitlisted : SeatFor(event->registered, event->capacity);
  store.PutRegistration(event_id, account_id, seat, now);
  tx.Commit();
  return Joined{seat, true};
}

void Club::Promote(db::Lease& lease, core::ProgrammeId p, long long event_id) {
  EventStore store(lease, p);
  const auto event = store.Find(event_id, 0);
  if (!event || event->cancelled || event->start <= core::Now()) return;
  const int free = FreeSeats(event->registered, event->capacity);
  if (free == 0) return;
  for (const auto& who : store.WaitlistHead(event_id, free)) {
    store.SetSeat(event_id, who.account_id, Seat::kRegistered, core::Now());
    Tell(lease, p, who, *event, "promoted");
  }
}

core::Result<ClubEvent> Club::Unregister(core::ProgrammeId p, long long event_id,
                                         long long account_id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  EventStore store(lease, p);
  store.LockEvent(event_id);
  const auto event = store.Find(event_id, account_id);
  if (!event || (event->mine != Seat::kRegistered && event->mine != Seat::kWaitlisted))
    return core::NotFound();
  if (event->start <= core::Now())
    return core::Error::Of(ErrorCode::kConflict, "error.event.started");
  store.SetSeat(event_id, account_id, Seat::kCancelled, core::Now());
  Promote(lease, p, event_id);
  auto after = *store.Find(event_id, account_id);
  tx.Commit();
  return after;
}

void Club::LeaveAll(long long account_id) {
  std::vector<std::pair<core::ProgrammeId, long long>> seats;
  {
    auto lease = pool_.Acquire();  // given back before Unregister takes one
    seats = EventStore::OpenSeatsOf(lease, account_id, core::Now());
  }
  for (const auto& [p, event] : seats) Unregister(p, event, account_id);
}

core::Result<ClubEvent> Club::SetCapacity(core::ProgrammeId p, long long event_id,
                                          long long capacity) {
  if (capacity < 1 || capacity > kMaxCapacity)
    return core::Invalid({{"capacity", "error.event.capacity"}});
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  EventStore store(lease, p);
  store.LockEvent(event_id);
  const auto event = store.Find(event_id, 0);
  if (!event) return core::NotFound();
  if (event->cancelled) return core::Error::Of(ErrorCode::kConflict, "error.event.cancelled");
  store.SetCapacity(event_id, static_cast<int>(capacity));
  Promote(lease, p, event_id);
  auto after = *store.Find(event_id, 0);
  tx.Commit();
  return after;
}

core::Result<ClubEvent> Club::Cancel(core::ProgrammeId p, long long event_id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  EventStore store(lease, p);
  store.LockEvent(event_id);
  const auto event = store.Find(event_id, 0);
  if (!event) return core::NotFound();
  if (event->cancelled) return *event;
  store.MarkCancelled(event_id);
  // Only people who may still come are told; an event already over is cancelled quietly.
  if (event->end > core::Now())
    for (const auto& who : store.Registrations(event_id)) Tell(lease, p, who, *event, "cancelled");
  auto after = *store.Find(event_id, 0);
  tx.Commit();
  return after;
}

core::Result<std::vector<Registration>> Club::Registrations(core::ProgrammeId p,
                                                            long long event_id) {
  auto lease = pool_.Acquire();
  EventStore store(lease, p);
  if (!store.Find(event_id, 0)) return core::NotFound();
  return store.Registrations(event_id);
}

core::Status Club::RecordAttendance(core::ProgrammeId p, long long event_id, long long account_id,
                                    bool attended) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  EventStore store(lease, p);
  const auto event = store.Find(event_id, 0);
  if (!event) return core::NotFound();
  if (event->start - kAttendanceOpensBefore > core::Now())
    return core::Error::Of(ErrorCode::kConflict, "error.event.attendance_early");
  if (!store.SetAttended(event_id, account_id, attended))
    return core::NotFound("error.event.not_registered");
  tx.Commit();
  return core::Ok();
}

std::vector<std::pair<ClubEvent, Registration>> Club::SeatsOf(core::ProgrammeId p,
                                                              long long account_id) {
  auto lease = pool_.Acquire();
  EventStore store(lease, p);
  std::vector<std::pair<ClubEvent, Registration>> out;
  for (const auto id : store.EventsOf(account_id)) {
    auto event = store.Find(id, account_id);
    auto registration = store.FindRegistration(id, account_id);
    if (event && registration) out.emplace_back(std::move(*event), std::move(*registration));
  }
  return out;
}

int Club::QueueReminders(core::UnixSeconds now) {
  auto lease = pool_.Acquire();
  int queued = 0;
  for (;;) {
    const auto due = EventStore::DueReminders(lease, now, now + kReminderBefore, 100);
    if (due.empty()) break;
    for (const auto& d : due) {
      // One transaction per reminder: the mark and the mail together, so that two senders (two
      // `serve` processes) queue it once.
      db::Transaction tx(lease, db::TxMode::kWrite);
      if (EventStore::MarkReminded(lease, d.registration_id, now)) {
        Tell(lease, core::ProgrammeId(d.programme_id), d.who, d.event, "reminder");
        ++queued;
      }
      tx.Commit();
    }
  }
  return queued;
}

}  // namespace sohosolo::community
