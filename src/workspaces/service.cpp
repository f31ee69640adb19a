#include "workspaces/service.hpp"

#include <map>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "workspaces/checkin.hpp"
#include "workspaces/feeds.hpp"
#include "workspaces/rentals_hold.hpp"
#include "workspaces/store.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

/// How far back the no-show sweep looks (see Service::ReleaseNoShows).
constexpr core::UnixSeconds kNoShowSweepSeconds = 7 * 86400LL;

Error Invalid(std::vector<core::FieldError> fields) {
  return Error{ErrorCode::kInvalid, "error.booking.rules", std::move(fields), {}};
}

/// A local day "YYYY-MM-DD" as days since 1970-01-01.
std::optional<long long> ParseDay(const std::string& text) {
  auto parsed = core::ParseRfc3339(text + "T00:00:00Z");
  if (!parsed || text.size() != 10) return std::nullopt;
  return parsed->utc / 86400;
}

}  // namespace

std::vector<SiteWithResources> Service::Sites(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  // Two queries for the whole list, not one per site.
  std::map<long long, std::vector<Resource>> by_site;
  for (auto& r : store.AllResources()) by_site[r.site_id].push_back(std::move(r));
  std::vector<SiteWithResources> out;
  for (auto& site : store.Sites()) {
    auto resources = std::move(by_site[site.id]);
    out.push_back({std::move(site), std::move(resources)});
  }
  return out;
}

core::Result<SiteWithResources> Service::GetSite(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  auto site = store.FindSite(id);
  if (!site) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return SiteWithResources{*site, store.Resources(id)};
}

core::Result<Availability> Service::GetAvailability(core::ProgrammeId p, long long resource_id, const std::string& from,
                                                    const std::string& to) {
  const auto from_day = ParseDay(from);
  const auto to_day = ParseDay(to);
  std::vector<core::FieldError> errors;
  if (!from_day) errors.push_back({"from", "error.field.date"});
  if (!to_day) errors.push_back({"to", "error.field.date"});
  if (from_day && to_day && (*to_day < *from_day || *to_day - *from_day > 92)) {
    errors.push_back({"to", "error.availability.range"});
  }
  if (!errors.empty()) return Error{ErrorCode::kInvalid, "error.invalid", errors, {}};
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  const auto resource = store.FindResource(resource_id);
  if (!resource) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  const auto site = store.FindSite(resource->site_id);
  if (!site) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  // A day either side covers every time zone's offset from UTC.
  const Period window{(*from_day - 1) * 86400, (*to_day + 2) * 86400};
  return ComputeAvailability(*site, store.BookingsOf(resource_id, window), *from_day, *to_day);
}

core::Result<Period> Service::ParsePeriod(const Site& site, const BookingRequest& request) {
  std::vector<core::FieldError> errors;
  const auto start = core::ParseRfc3339(request.start);
  const auto end = core::ParseRfc3339(request.end);
  if (!start) errors.push_back({"start", "error.field.datetime"});
  if (!end) errors.push_back({"end", "error.field.datetime"});
  if (!errors.empty()) return Invalid(std::move(errors));
  // A wall-clock time that the site's zone skips (02:30 on the last Sunday of March in Paris),
  // written with the offset it would have had, names no real moment there: refuse it clearly.
  for (const auto& [field, parsed] : {std::pair{"start", *start}, std::pair{"end", *end}}) {
    const auto zone_offset = core::ToLocal(parsed.utc, site.time_zone).offset_minutes;
    if (zone_offset != parsed.offset_minutes && core::IsNonexistentLocalTime(parsed.local_as_utc, site.time_zone)) {
      errors.push_back({field, "error.booking.nonexistent_local_time"});
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  return Period{start->utc, end->utc};
}

core::Result<Booking> Service::Book(core::ProgrammeId p, const Actor& actor, const BookingRequest& request,
                                    std::optional<Conflict>* conflict) {
  if (core::Utf8Length(request.note) > 1000) return Invalid({{"note", "error.field.too_long"}});
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto resource = store.FindResource(request.resource_id);
  if (!resource) return Error{ErrorCode::kNotFound, "error.booking.no_resource", {{"resource_id", "error.not_found"}}, {}};
  const auto site = store.FindSite(resource->site_id);
  if (!site) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  auto period = ParsePeriod(*site, request);
  if (!period) return period.error();
  return BookPeriod(p, lease, actor, *site, *resource, *period, request.note, conflict);
}

core::Result<Booking> Service::BookLocal(core::ProgrammeId p, const Actor& actor, long long resource_id,
                                         const std::string& date, const std::string& start, const std::string& end,
                                         const std::string& note, std::optional<Conflict>* conflict) {
  if (core::Utf8Length(note) > 1000) return Invalid({{"note", "error.field.too_long"}});
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto resource = store.FindResource(resource_id);
  if (!resource) return Error{ErrorCode::kNotFound, "error.booking.no_resource", {{"resource_id", "error.not_found"}}, {}};
  const auto site = store.FindSite(resource->site_id);
  if (!site) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  const auto day = ParseDay(date);
  const auto start_local = core::ParseRfc3339(date + "T" + start + ":00Z");
  const auto end_local = core::ParseRfc3339(date + "T" + end + ":00Z");
  std::vector<core::FieldError> errors;
  if (!day) errors.push_back({"date", "error.field.date"});
  if (!start_local || start.size() != 5) errors.push_back({"start", "error.field.time"});
  if (!end_local || end.size() != 5) errors.push_back({"end", "error.field.time"});
  if (!errors.empty()) return Invalid(std::move(errors));
  for (const auto& [field, local] : {std::pair{"start", *start_local}, std::pair{"end", *end_local}}) {
    if (core::IsNonexistentLocalTime(local.local_as_utc, site->time_zone)) {
      errors.push_back({field, "error.booking.nonexistent_local_time"});
    }
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  const auto minute = [](const core::ParsedInstant& t) { return static_cast<int>((t.local_as_utc % 86400) / 60); };
  const Period period{core::FromLocal(*day, minute(*start_local), site->time_zone),
                      core::FromLocal(*day, minute(*end_local), site->time_zone)};
  return BookPeriod(p, lease, actor, *site, *resource, period, note, conflict);
}

core::Result<Booking> Service::BookPeriod(core::ProgrammeId p, db::Lease& lease, const Actor& actor,
                                          const Site& site, const Resource& resource, const Period& period,
                                          const std::string& note, std::optional<Conflict>* conflict) {
  Store store(lease, p);
  if (auto ok = CheckRules(site, resource, period, core::Now()); !ok) return ok.error();

  Booking booking{0, resource.id, actor.account_id, period, note, "confirmed", core::Now()};
  // A no-show in the way is released first, so its slot can be taken. In its own short
  // transaction: sweeping inside this one would lock rows before the insert, and two bookings
  // locking released rows in different orders could deadlock on PostgreSQL.
  ReleaseNoShows(lease, p);
  try {
    db::Transaction tx(lease, db::TxMode::kWrite);
    if (!actor.staff) {
      // Fair use: the week and month of the booking, in the site's zone, counted inside the
      // transaction, with the account locked, so two simultaneous bookings cannot both slip
      // under the quota.
      store.LockAccount(actor.account_id);
      const Period around{period.start - 40 * 86400LL, period.start + 40 * 86400LL};
      auto usage = ComputeUsage(store.BookingsOfAccount(actor.account_id, around), period.start, site.time_zone);
      const double hours = (period.end - period.start) / 3600.0;
      if (usage.week_hours + hours > quota_.hours_per_week || usage.month_hours + hours > quota_.hours_per_month) {
        return Error::Of(ErrorCode::kForbidden, "error.booking.quota");
      }
    }
    if (auto held = CheckDeskHold(lease, p, site, resource, actor.account_id, period); !held) return held.error();
    auto inserted = store.InsertIfFree(booking);
    if (auto* other = std::get_if<Booking>(&inserted)) {
      if (conflict) *conflict = Conflict{other->period};
      return Error::Of(ErrorCode::kConflict, "error.booking.conflict");
    }
    booking.id = std::get<long long>(inserted);
    tx.Commit();
    return booking;
  } catch (const std::exception& e) {
    if (!db::IsExclusionViolation(e)) throw;
  }
  // PostgreSQL's exclusion constraint refused a booking that raced ours: report who won.
  if (conflict) {
    if (auto other = store.FirstOverlap(resource.id, period)) *conflict = Conflict{other->period};
  }
  return Error::Of(ErrorCode::kConflict, "error.booking.conflict");
}

std::vector<Booking> Service::BookingsOf(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  const auto now = core::Now();
  return Store(lease, p).BookingsOfAccount(account_id, {now - 366 * 86400LL, now + 366 * 86400LL});
}

core::Result<Service::BookingDetails> Service::GetBooking(core::ProgrammeId p, const Actor& actor,
                                                         long long booking_id) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  const auto booking = store.FindBooking(booking_id);
  if (!booking || (!actor.staff && booking->account_id != actor.account_id)) {
    return Error::Of(ErrorCode::kNotFound, "error.not_found");
  }
  const auto resource = store.FindResource(booking->resource_id);
  if (!resource) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  const auto site = store.FindSite(resource->site_id);
  if (!site) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return BookingDetails{*booking, *resource, *site};
}

core::Status Service::Cancel(core::ProgrammeId p, const Actor& actor, long long booking_id) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto booking = store.FindBooking(booking_id);
  if (!booking || (!actor.staff && booking->account_id != actor.account_id)) {
    return Error::Of(ErrorCode::kNotFound, "error.not_found");
  }
  if (booking->status != "confirmed") return Error::Of(ErrorCode::kConflict, "error.booking.already_cancelled");
  // Members cancel until the start; staff at any time.
  if (!actor.staff && booking->period.start <= core::Now()) {
    return Error::Of(ErrorCode::kForbidden, "error.booking.started");
  }
  if (!store.Cancel(booking_id, core::Now())) return Error::Of(ErrorCode::kConflict, "error.booking.already_cancelled");
  return core::Ok();
}

long long Service::CreateSite(core::ProgrammeId p, const Site& site, const std::vector<Resource>& resources) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  const auto id = store.CreateSite(site);
  for (auto r : resources) {
    r.site_id = id;
    store.CreateResource(r);
  }
  tx.Commit();
  return id;
}

// No-shows are a stored status, set here, rather than one computed when listing: a released
// booking must stop holding its slot, and PostgreSQL's exclusion constraint (like the SQLite
// overlap check) only lets go of rows whose status is no longer 'confirmed'. There is no
// background job: every call that reads bookings (availability, lists, a booking, feeds,
// check-in, a new booking) sweeps first, so nobody sees a no-show still holding its slot. A read
// through a partial index comes first, so the write lock is taken only when there is something to
// release. Only bookings that started within the last week are swept: older ones predate check-in
// (or were swept already), and guessing about them would only distort the statistics.
void Service::ReleaseNoShows(db::Lease& lease, core::ProgrammeId p) {
  const auto now = core::Now();
  const auto cutoff = NoShowCutoff(now, check_in_);
  const auto since = now - kNoShowSweepSeconds;
  Store store(lease, p);
  if (!store.HasNoShowsDue(cutoff, since)) return;
  db::Transaction tx(lease, db::TxMode::kWrite);
  store.ReleaseNoShows(cutoff, since, now);
  tx.Commit();
}

core::Result<Booking> Service::CheckIn(core::ProgrammeId p, const Actor& actor, long long booking_id) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  const bool staff = actor.staff || actor.site_host;
  try {
    db::Transaction tx(lease, db::TxMode::kWrite);
    const auto booking = store.FindBooking(booking_id);
    if (!booking || (!staff && booking->account_id != actor.account_id)) {
      return Error::Of(ErrorCode::kNotFound, "error.not_found");
    }
    const auto now = core::Now();
    if (auto ok = CheckInAllowed(*booking, staff ? CheckInBy::kStaff : CheckInBy::kMember, now, check_in_); !ok) {
      return ok.error();
    }
    if (booking->status == "no_show") {
      // The site host says the member came after all: the booking takes its slot back, unless
      // someone booked it after the release.
      if (store.FirstOverlap(booking->resource_id, booking->period)) {
        return Error::Of(ErrorCode::kConflict, "error.booking.released_slot_taken");
      }
      if (!store.Reinstate(booking_id, now, actor.account_id)) {
        return Error::Of(ErrorCode::kConflict, "error.booking.already_checked_in");
      }
    } else if (!store.CheckIn(booking_id, now, actor.account_id)) {
      // Someone checked it in (or it was cancelled) between our read and our write.
      return Error::Of(ErrorCode::kConflict, "error.booking.already_checked_in");
    }
    tx.Commit();
  } catch (const std::exception& e) {
    if (!db::IsExclusionViolation(e)) throw;
    return Error::Of(ErrorCode::kConflict, "error.booking.released_slot_taken");
  }
  return *store.FindBooking(booking_id);
}

core::Result<Service::Feed> Service::GetFeed(core::ProgrammeId p, FeedKind kind, const std::string& token) {
  if (token.empty()) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto owner = store.FeedOwner(kind, core::HashToken(token));
  if (!owner) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  ReleaseNoShows(lease, p);
  Feed feed{kind, "", {}};
  if (kind == FeedKind::kResource) {
    const auto resource = store.FindResource(*owner);
    const auto site = resource ? store.FindSite(resource->site_id) : std::nullopt;
    if (!resource || !site) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    feed.owner_name = resource->name + " — " + site->name;
  }
  std::map<long long, std::optional<Resource>> resources;
  std::map<long long, std::optional<Site>> sites;
  const auto now = core::Now();
  for (auto& b : store.FeedBookings(kind, *owner, now - kFeedHistorySeconds, now - kFeedCancelledSeconds)) {
    auto r = resources.find(b.resource_id);
    if (r == resources.end()) r = resources.emplace(b.resource_id, store.FindResource(b.resource_id)).first;
    if (!r->second) continue;
    auto s = sites.find(r->second->site_id);
    if (s == sites.end()) s = sites.emplace(r->second->site_id, store.FindSite(r->second->site_id)).first;
    if (!s->second) continue;
    feed.entries.push_back({std::move(b), *r->second, *s->second});
  }
  return feed;
}

core::Result<std::string> Service::RegenerateFeed(core::ProgrammeId p, const Actor& actor, FeedKind kind,
                                                  long long owner_id) {
  // Members hold the feed of their own bookings; resource feeds belong to the people who run sites.
  if (kind == FeedKind::kMember && owner_id != actor.account_id) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  if (kind == FeedKind::kResource && !actor.staff && !actor.site_host) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  auto lease = pool_.Acquire();
  Store store(lease, p);
  if (kind == FeedKind::kResource && !store.FindResource(owner_id)) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  auto token = core::RandomToken(32);
  try {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.ReplaceFeed(kind, owner_id, core::HashToken(token), core::Now(), actor.account_id);
    tx.Commit();
  } catch (const std::exception& e) {
    // Two regenerations of one feed at once (PostgreSQL): the other one won, ask again.
    if (!db::IsUniqueViolation(e)) throw;
    return Error::Of(ErrorCode::kConflict, "error.calendar.regenerate_race");
  }
  return token;
}

std::optional<core::UnixSeconds> Service::FeedCreatedAt(core::ProgrammeId p, FeedKind kind, long long owner_id) {
  auto lease = pool_.Acquire();
  return Store(lease, p).FeedCreatedAt(kind, owner_id);
}

}  // namespace sohosolo::workspaces
