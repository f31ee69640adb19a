#include "workspaces/bookings/service.hpp"

#include <algorithm>
#include <map>

#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "workspaces/bookings/checkin.hpp"
#include "workspaces/bookings/recurrence.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/calendar/feed_tokens.hpp"
#include "workspaces/calendar/feeds.hpp"
#include "workspaces/rentals/hold.hpp"
#include "workspaces/sites/access.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

/// How far back the no-show sweep looks (see Service::ReleaseNoShows).
constexpr core::UnixSeconds kNoShowSweepSeconds = 7 * 86400LL;

/// The summary of a booking refused for its rules.
constexpr const char* kRules = "error.booking.rules";

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
  if (!site) return core::NotFound();
  return SiteWithResources{*site, store.Resources(id)};
}

core::Result<Availability> Service::GetAvailability(core::ProgrammeId p, long long resource_id,
                                                    const std::string& from, const std::string& to,
                                                    long long viewer) {
  const auto from_day = ParseDay(from);
  const auto to_day = ParseDay(to);
  std::vector<core::FieldError> errors;
  if (!from_day) errors.push_back({"from", "error.field.date"});
  if (!to_day) errors.push_back({"to", "error.field.date"});
  if (from_day && to_day && (*to_day < *from_day || *to_day - *from_day > 92)) {
    errors.push_back({"to", "error.availability.range"});
  }
  if (!errors.empty()) return core::Invalid(errors);
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  const auto resource = store.FindResource(resource_id);
  if (!resource) return core::NotFound();
  const auto site = store.FindSite(resource->site_id);
  if (!site) return core::NotFound();
  // A day either side covers every time zone's offset from UTC.
  const Period window{(*from_day - 1) * 86400, (*to_day + 2) * 86400};
  auto bookings = store.BookingsOf(resource_id, window);
  // Days a rental contract keeps the desk for its holders are busy, whole, for everyone else:
  // nobody is offered a slot that booking would refuse. No name is given, only the time.
  const auto held = HeldDays(lease, p, *site, *resource, viewer, *from_day, *to_day);
  if (!held.empty()) {
    std::erase_if(bookings, [&](const Booking& b) {
      return std::binary_search(held.begin(), held.end(),
                                core::ToLocal(b.period.start, site->time_zone).days);
    });
    for (const auto day : held) {
      Booking hold;
      hold.period = {core::FromLocal(day, 0, site->time_zone),
                     core::FromLocal(day + 1, 0, site->time_zone)};
      hold.blocked_end = hold.period.end;
      hold.status = "confirmed";
      bookings.push_back(hold);
    }
  }
  auto out = ComputeAvailability(*site, bookings, *from_day, *to_day,
                                 store.Closures(site->id, DayText(*from_day)),
                                 resource->rules.buffer_minutes);
  // Nothing is free beyond the booking horizon: booking would refuse it.
  const auto horizon = core::Now() + resource->rules.horizon_days * 86400LL;
  std::erase_if(out.free, [horizon](const Period& p) { return p.start > horizon; });
  return out;
}

core::Result<Period> Service::ParsePeriod(const Site& site, const BookingRequest& request) {
  std::vector<core::FieldError> errors;
  const auto start = core::ParseRfc3339(request.start);
  const auto end = core::ParseRfc3339(request.end);
  if (!start) errors.push_back({"start", "error.field.datetime"});
  if (!end) errors.push_back({"end", "error.field.datetime"});
  if (!errors.empty()) return core::Invalid(std::move(errors), kRules);
  // A wall-clock time that the site's zone skips (02:30 on the last Sunday of March in Paris),
  // written with one of the zone's offsets, names no moment the member meant: refuse it clearly.
  // The same digits in UTC or with another offset are a real instant and stand.
  for (const auto& [field, parsed] : {std::pair{"start", *start}, std::pair{"end", *end}}) {
    if (core::IsSkippedWallTime(parsed, site.time_zone)) {
      errors.push_back({field, "error.booking.nonexistent_local_time"});
    }
  }
  if (!errors.empty()) return core::Invalid(std::move(errors), kRules);
  return Period{start->utc, end->utc};
}

core::Result<Booking> Service::Book(core::ProgrammeId p, const Actor& actor,
                                    const BookingRequest& request,
                                    std::optional<Conflict>* conflict) {
  BookingRequest one = request;
  one.recurrence.reset();
  auto outcome = BookMany(p, actor, one, conflict);
  if (!outcome) return outcome.error();
  return outcome->created.front();
}

core::Result<BookingOutcome> Service::BookMany(core::ProgrammeId p, const Actor& actor,
                                               const BookingRequest& request,
                                               std::optional<Conflict>* conflict) {
  if (core::Utf8Length(request.note) > 1000)
    return core::Invalid({{"note", "error.field.too_long"}}, kRules);
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto resource = store.FindResource(request.resource_id);
  if (!resource)
    return Error{ErrorCode::kNotFound,
                 "error.booking.no_resource",
                 {{"resource_id", "error.not_found"}},
                 {}};
  const auto site = store.FindSite(resource->site_id);
  if (!site) return core::NotFound();
  auto period = ParsePeriod(*site, request);
  if (!period) return period.error();
  std::vector<Period> periods{*period};
  if (request.recurrence) {
    Recurrence rule{request.recurrence->interval, std::nullopt, request.recurrence->count};
    if (!request.recurrence->until.empty()) {
      rule.until_day = ParseDay(request.recurrence->until);
      if (!rule.until_day) return core::Invalid({{"recurrence.until", "error.field.date"}}, kRules);
    }
    auto expanded = ExpandWeekly(*period, rule, site->time_zone);
    if (!expanded) return expanded.error();
    periods = std::move(*expanded);
  }
  return BookPeriods(p, lease, actor, *site, *resource, periods, request, conflict);
}

core::Result<Booking> Service::BookLocal(core::ProgrammeId p, const Actor& actor,
                                         long long resource_id, const std::string& date,
                                         const std::string& start, const std::string& end,
                                         const std::string& note, std::optional<Conflict>* conflict,
                                         int repeat_weeks) {
  if (core::Utf8Length(note) > 1000)
    return core::Invalid({{"note", "error.field.too_long"}}, kRules);
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto resource = store.FindResource(resource_id);
  if (!resource)
    return Error{ErrorCode::kNotFound,
                 "error.booking.no_resource",
                 {{"resource_id", "error.not_found"}},
                 {}};
  const auto site = store.FindSite(resource->site_id);
  if (!site) return core::NotFound();
  const auto day = ParseDay(date);
  const auto start_local = core::ParseRfc3339(date + "T" + start + ":00Z");
  const auto end_local = core::ParseRfc3339(date + "T" + end + ":00Z");
  std::vector<core::FieldError> errors;
  if (!day) errors.push_back({"date", "error.field.date"});
  if (!start_local || start.size() != 5) errors.push_back({"start", "error.field.time"});
  if (!end_local || end.size() != 5) errors.push_back({"end", "error.field.time"});
  if (repeat_weeks < 0 || repeat_weeks >= kMaxOccurrences)
    errors.push_back({"repeat", "error.booking.recurrence_too_many"});
  if (!errors.empty()) return core::Invalid(std::move(errors), kRules);
  for (const auto& [field, local] :
       {std::pair{"start", *start_local}, std::pair{"end", *end_local}}) {
    if (core::IsNonexistentLocalTime(local.local_as_utc, site->time_zone)) {
      errors.push_back({field, "error.booking.nonexistent_local_time"});
    }
  }
  if (!errors.empty()) return core::Invalid(std::move(errors), kRules);
  const auto minute = [](const core::ParsedInstant& t) {
    return static_cast<int>((t.local_as_utc % 86400) / 60);
  };
  const Period period{core::FromLocal(*day, minute(*start_local), site->time_zone),
                      core::FromLocal(*day, minute(*end_local), site->time_zone)};
  std::vector<Period> periods{period};
  if (repeat_weeks > 0 && period.start < period.end) {
    auto expanded = ExpandWeekly(period, {1, std::nullopt, repeat_weeks + 1}, site->time_zone);
    if (!expanded) return expanded.error();
    periods = std::move(*expanded);
  }
  BookingRequest request;
  request.note = note;
  auto outcome = BookPeriods(p, lease, actor, *site, *resource, periods, request, conflict);
  if (!outcome) return outcome.error();
  return outcome->created.front();
}

core::Result<Booking> Service::TryBook(db::Lease& lease, core::ProgrammeId p, const Actor& actor,
                                       const Site& site, const Resource& resource,
                                       const std::vector<Closure>& closures, Booking booking,
                                       bool quota_applies, Lock lock, Conflict* detail) {
  Store store(lease, p);
  if (auto ok = CheckRules(site, resource, booking.period, core::Now()); !ok) return ok.error();
  if (auto closed = ClosedOn(site, closures, booking.period)) {
    if (detail) {
      detail->holiday_key = closed->holiday_key;
      detail->closure_reason = closed->reason;
    }
    return Error{ErrorCode::kInvalid,
                 "error.booking.closed",
                 {{"start", closed->holiday_key.empty() ? "error.booking.site_closed"
                                                        : "error.booking.holiday"}},
                 {}};
  }
  if (quota_applies) {
    // Fair use: the week and month of the booking, in the site's zone, counted inside the
    // transaction, with the account locked, so two simultaneous bookings cannot both slip
    // under the quota. A waitlist promotion only tries the lock: the member may be booking
    // right now, and waiting for them while holding the freed slot could deadlock.
    if (lock == Lock::kTry && !store.TryLockAccount(booking.account_id)) {
      return Error::Of(ErrorCode::kConflict, "error.booking.busy_account");
    }
    if (lock == Lock::kWait) store.LockAccount(booking.account_id);
    const auto& period = booking.period;
    const Period around{period.start - 40 * 86400LL, period.start + 40 * 86400LL};
    auto usage = ComputeUsage(store.BookingsOfAccount(booking.account_id, around), period.start,
                              site.time_zone);
    const double hours = (period.end - period.start) / 3600.0;
    if (usage.week_hours + hours > quota_.hours_per_week ||
        usage.month_hours + hours > quota_.hours_per_month) {
      return Error::Of(ErrorCode::kForbidden, "error.booking.quota");
    }
  }
  // A desk under a rental contract is kept for its holders (inside this write transaction).
  if (auto held = CheckDeskHold(lease, p, site, resource, booking.account_id, booking.period);
      !held) {
    return held.error();
  }
  booking.blocked_end = booking.period.end + resource.rules.buffer_minutes * 60LL;
  booking.status =
      resource.rules.requires_approval && !ManagesSite(actor, site.id) ? "pending" : "confirmed";
  booking.created_at = core::Now();
  // A savepoint, so that PostgreSQL refusing this row (a booking that raced ours) leaves the
  // rest of the transaction usable: a series skips the occurrence, a cancellation still commits.
  for (int attempt = 1;; ++attempt) {
    db::Savepoint savepoint(lease, "booking");
    try {
      auto inserted = store.InsertIfFree(booking);
      if (auto* other = std::get_if<Booking>(&inserted)) {
        if (detail)
          detail->period =
              Period{other->period.start, std::max(other->period.end, other->blocked_end)};
        return Error::Of(ErrorCode::kConflict, "error.booking.conflict");
      }
      booking.id = std::get<long long>(inserted);
      savepoint.Release();
      return booking;
    } catch (const std::exception& e) {
      // Two overlapping inserts at the same instant can deadlock on the exclusion constraint
      // (each waits for the other's row) and PostgreSQL aborts one of them. The savepoint undoes
      // our row and we insert again: this time we wait for the winner and learn who it is
      // (23P01), or take the slot if it rolled back.
      if (!db::IsRetryable(e) || attempt == 3) {
        if (!db::IsExclusionViolation(e)) throw;
        break;
      }
    }
  }
  if (detail) {
    if (auto other = store.FirstOverlap(resource.id, {booking.period.start, booking.blocked_end})) {
      detail->period = Period{other->period.start, std::max(other->period.end, other->blocked_end)};
    }
  }
  return Error::Of(ErrorCode::kConflict, "error.booking.conflict");
}

core::Result<BookingOutcome> Service::BookPeriods(core::ProgrammeId p, db::Lease& lease,
                                                  const Actor& actor, const Site& site,
                                                  const Resource& resource,
                                                  const std::vector<Period>& periods,
                                                  const BookingRequest& request,
                                                  std::optional<Conflict>* conflict) {
  Store store(lease, p);
  // On behalf of a member, and beyond their quota: advisors and admins only, with a reason.
  long long member = actor.account_id;
  if (request.for_account_id && *request.for_account_id != actor.account_id) {
    if (!actor.staff)
      return Error{ErrorCode::kForbidden,
                   "error.booking.on_behalf",
                   {{"for_account_id", "error.forbidden"}},
                   {}};
    if (!store.AccountEmail(*request.for_account_id)) {
      return Error{ErrorCode::kInvalid,
                   "error.booking.rules",
                   {{"for_account_id", "error.booking.unknown_account"}},
                   {}};
    }
    member = *request.for_account_id;
  }
  if (request.override_quota) {
    if (!actor.staff)
      return Error{ErrorCode::kForbidden,
                   "error.booking.override",
                   {{"override_quota", "error.forbidden"}},
                   {}};
    const auto reason = core::Trim(request.override_reason);
    if (reason.empty() || core::Utf8Length(request.override_reason) > 500) {
      return core::Invalid({{"override_reason", "error.booking.reason_required"}}, kRules);
    }
  }
  // Staff booking for themselves are not bound by the quota; for a member, the member's quota
  // holds unless overridden.
  const bool quota_applies =
      !request.override_quota && (!actor.staff || member != actor.account_id);
  const auto closures =
      store.Closures(site.id, DayText(core::ToLocal(periods.front().start, site.time_zone).days));
  // A no-show in the way is released first, so its slot can be taken. In its own short
  // transaction: sweeping inside this one would lock rows before the insert, and two bookings
  // locking released rows in different orders could deadlock on PostgreSQL.
  ReleaseNoShows(lease, p);
  db::Transaction tx(lease, db::TxMode::kWrite);
  // First of every lock of this transaction (then the account's, then the rental hold's).
  store.LockResourceBookings(resource.id);
  BookingOutcome outcome;
  for (const auto& period : periods) {
    Booking booking{0, resource.id, member, period, request.note};
    if (member != actor.account_id) booking.booked_by = actor.account_id;
    if (request.override_quota) {
      booking.quota_override_by = actor.account_id;
      booking.quota_override_reason = std::string(core::Trim(request.override_reason));
    }
    Conflict detail;
    detail.date = DayText(core::ToLocal(period.start, site.time_zone).days);
    auto made = TryBook(lease, p, actor, site, resource, closures, booking, quota_applies,
                        Lock::kWait, &detail);
    if (made) {
      outcome.created.push_back(*made);
      continue;
    }
    if (request.on_conflict == OnConflict::kStop || periods.size() == 1) {
      if (conflict) *conflict = detail;
      return made.error();
    }
    outcome.skipped.push_back({detail.date, made.error(), detail});
  }
  if (outcome.created.empty()) {
    // Every occurrence was skipped: nothing to acknowledge, the first reason is the answer.
    if (conflict) *conflict = outcome.skipped.front().detail;
    return outcome.skipped.front().error;
  }
  if (periods.size() > 1) {
    outcome.series_id = outcome.created.front().id;
    for (auto& b : outcome.created) {
      store.SetSeries(b.id, *outcome.series_id);
      b.series_id = outcome.series_id;
    }
  }
  // Booked by staff on the member's behalf: the member is told, in the same transaction (one
  // message for a series, naming its first session and how many were booked).
  if (member != actor.account_id) {
    std::string extra;
    if (outcome.created.size() > 1) {
      extra = core::Catalogue::Get().Translate("fr", "mail.booking_series") + " " +
              std::to_string(outcome.created.size());
    }
    Tell(lease, p, outcome.created.front(), "booked_for", "", extra);
  }
  tx.Commit();
  return outcome;
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
  if (!booking) return core::NotFound();
  const auto resource = store.FindResource(booking->resource_id);
  if (!resource) return core::NotFound();
  if (booking->account_id != actor.account_id && !ManagesSite(actor, resource->site_id)) {
    return core::NotFound();
  }
  const auto site = store.FindSite(resource->site_id);
  if (!site) return core::NotFound();
  return BookingDetails{*booking, *resource, *site};
}

core::Status Service::Cancel(core::ProgrammeId p, const Actor& actor, long long booking_id,
                             CancelScope scope, const std::string& reason) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto booking = store.FindBooking(booking_id);
  if (!booking) return core::NotFound();
  const auto resource = store.FindResource(booking->resource_id);
  if (!resource) return core::NotFound();
  const bool own = booking->account_id == actor.account_id;
  const bool manager = ManagesSite(actor, resource->site_id);
  if (!own && !manager) return core::NotFound();
  const auto why = std::string(core::Trim(reason));
  if (core::Utf8Length(reason) > 500)
    return core::Invalid({{"reason", "error.field.too_long"}}, kRules);
  // Someone else's booking: its member is told why.
  if (!own && why.empty())
    return core::Invalid({{"reason", "error.booking.reason_required"}}, kRules);
  if (!booking->Holds()) return Error::Of(ErrorCode::kConflict, "error.booking.already_cancelled");
  // Members cancel until the start; the people who run the site at any time.
  const auto now = core::Now();
  if (!manager && booking->period.start <= now)
    return Error::Of(ErrorCode::kForbidden, "error.booking.started");
  db::Transaction tx(lease, db::TxMode::kWrite);
  store.LockResourceBookings(resource->id);
  std::vector<Booking> targets{*booking};
  if (scope == CancelScope::kFollowing && booking->series_id)
    targets = store.SeriesFrom(*booking->series_id, booking->period.start);
  bool any = false;
  for (const auto& target : targets) {
    if (!store.Cancel(target.id, now, actor.account_id, why)) continue;
    any = true;
    PromoteWaitlist(lease, p, *resource,
                    {target.period.start, std::max(target.period.end, target.blocked_end)});
    if (!own) Tell(lease, p, target, "cancelled", why);
  }
  if (!any) return Error::Of(ErrorCode::kConflict, "error.booking.already_cancelled");
  tx.Commit();
  return core::Ok();
}

long long Service::CreateSite(core::ProgrammeId p, const Site& site,
                              const std::vector<Resource>& resources) {
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
  if (!store.HasNoShowsDue(cutoff, since) && !store.HasLapsedWaitlist(now)) return;
  db::Transaction tx(lease, db::TxMode::kWrite);
  for (const auto resource_id : store.ResourcesWithNoShowsDue(cutoff, since))
    store.LockResourceBookings(resource_id);
  // Entries for slots that have begun lapse; freed no-show slots go to whoever still waits.
  store.LapseWaitlist(now);
  if (store.ReleaseNoShows(cutoff, since, now) > 0) {
    for (const auto& b : store.ReleasedNoShows(now)) {
      if (auto resource = store.FindResource(b.resource_id)) {
        PromoteWaitlist(lease, p, *resource,
                        {b.period.start, std::max(b.period.end, b.blocked_end)});
      }
    }
  }
  tx.Commit();
}

core::Result<Booking> Service::CheckIn(core::ProgrammeId p, const Actor& actor,
                                       long long booking_id) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  try {
    db::Transaction tx(lease, db::TxMode::kWrite);
    const auto booking = store.FindBooking(booking_id);
    if (!booking) return core::NotFound();
    // The people who run the booking's site check anyone in; members their own bookings.
    const auto resource = store.FindResource(booking->resource_id);
    const bool staff = resource && ManagesSite(actor, resource->site_id);
    if (!staff && booking->account_id != actor.account_id) return core::NotFound();
    // A released no-show may be reinstated: that changes the resource's bookings.
    store.LockResourceBookings(booking->resource_id);
    const auto now = core::Now();
    if (auto ok = CheckInAllowed(*booking, staff ? CheckInBy::kStaff : CheckInBy::kMember, now,
                                 check_in_);
        !ok) {
      return ok.error();
    }
    if (booking->status == "no_show") {
      // The site host says the member came after all: the booking takes its slot back, unless
      // someone booked it after the release.
      if (store.FirstOverlap(
              booking->resource_id,
              {booking->period.start, std::max(booking->period.end, booking->blocked_end)})) {
        return Error::Of(ErrorCode::kConflict, "error.booking.released_slot_taken");
      }
      // The slot may also have gone to a rental contract since the release: the desk hold is
      // checked as when booking, for the booking's member.
      const auto site = resource ? store.FindSite(resource->site_id) : std::nullopt;
      if (!site) return core::NotFound();
      if (auto held =
              CheckDeskHold(lease, p, *site, *resource, booking->account_id, booking->period);
          !held) {
        return held.error();
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

core::Result<Service::Feed> Service::GetFeed(core::ProgrammeId p, FeedKind kind,
                                             const std::string& token) {
  if (token.empty()) return core::NotFound();
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto owner = store.FeedOwner(kind, core::HashToken(token));
  if (!owner) return core::NotFound();
  ReleaseNoShows(lease, p);
  Feed feed{kind, "", {}};
  if (kind == FeedKind::kResource) {
    const auto resource = store.FindResource(*owner);
    const auto site = resource ? store.FindSite(resource->site_id) : std::nullopt;
    if (!resource || !site) return core::NotFound();
    feed.owner_name = resource->name + " — " + site->name;
  }
  std::map<long long, std::optional<Resource>> resources;
  std::map<long long, std::optional<Site>> sites;
  const auto now = core::Now();
  for (auto& b :
       store.FeedBookings(kind, *owner, now - kFeedHistorySeconds, now - kFeedCancelledSeconds)) {
    auto r = resources.find(b.resource_id);
    if (r == resources.end())
      r = resources.emplace(b.resource_id, store.FindResource(b.resource_id)).first;
    if (!r->second) continue;
    auto s = sites.find(r->second->site_id);
    if (s == sites.end())
      s = sites.emplace(r->second->site_id, store.FindSite(r->second->site_id)).first;
    if (!s->second) continue;
    feed.entries.push_back({std::move(b), *r->second, *s->second});
  }
  return feed;
}

core::Result<std::string> Service::RegenerateFeed(core::ProgrammeId p, const Actor& actor,
                                                  FeedKind kind, long long owner_id) {
  // Members hold the feed of their own bookings; resource feeds belong to the people who run sites.
  if (kind == FeedKind::kMember && owner_id != actor.account_id) return core::Forbidden();
  if (kind == FeedKind::kResource && !actor.staff && !actor.site_host) {
    return core::Forbidden();
  }
  auto lease = pool_.Acquire();
  Store store(lease, p);
  if (kind == FeedKind::kResource) {
    const auto resource = store.FindResource(owner_id);
    if (!resource) return core::NotFound();
    if (!ManagesSite(actor, resource->site_id)) return core::Forbidden();
  }
  const auto secret = FeedSecret(lease);
  std::string token;
  try {
    db::Transaction tx(lease, db::TxMode::kWrite);
    const auto state = store.FeedStateOf(kind, owner_id);
    const int generation = (state ? state->generation : 0) + 1;
    token = DeriveFeedToken(secret, p.value, kind, owner_id, generation);
    store.ReplaceFeed(kind, owner_id, core::HashToken(token), core::Now(), actor.account_id,
                      generation);
    tx.Commit();
  } catch (const std::exception& e) {
    // Two regenerations of one feed at once (PostgreSQL): the other one won, ask again.
    if (!db::IsUniqueViolation(e)) throw;
    return Error::Of(ErrorCode::kConflict, "error.calendar.regenerate_race");
  }
  return token;
}

std::optional<std::string> Service::CurrentFeedToken(core::ProgrammeId p, FeedKind kind,
                                                     long long owner_id) {
  auto lease = pool_.Acquire();
  const auto state = Store(lease, p).FeedStateOf(kind, owner_id);
  if (!state) return std::nullopt;
  auto token = DeriveFeedToken(FeedSecret(lease), p.value, kind, owner_id, state->generation);
  // A token made before tokens were derived was random: it still works, but cannot be shown.
  if (!core::EqualConstantTime(core::HashToken(token), state->token_hash)) return std::nullopt;
  return token;
}

std::string Service::FeedSecret(db::Lease& lease) {
  std::lock_guard lock(secret_mutex_);
  if (!feed_secret_.empty()) return feed_secret_;
  Store store(lease, core::ProgrammeId{0});
  auto hex = store.ServerSecret("calendar_feeds");
  if (!hex) {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.AddServerSecret("calendar_feeds", NewServerSecret());
    tx.Commit();
    hex = store.ServerSecret("calendar_feeds");
  }
  feed_secret_ = SecretBytes(hex.value_or(""));
  if (feed_secret_.empty())
    throw std::runtime_error("server_secrets: the calendar_feeds secret is not 32 bytes of hex");
  return feed_secret_;
}

std::optional<core::UnixSeconds> Service::FeedCreatedAt(core::ProgrammeId p, FeedKind kind,
                                                        long long owner_id) {
  auto lease = pool_.Acquire();
  return Store(lease, p).FeedCreatedAt(kind, owner_id);
}

}  // namespace sohosolo::workspaces
