// Making bookings: a request (RFC 3339 instants from the API, or a local date and times from a
// form) becomes periods of the site once, here at the edge; then every occurrence is checked
// against the rules, closures, the quota and rental holds, and inserted only if the slot is
// free, all in one write transaction. See docs/structure.md for where each rule lives.
#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "workspaces/bookings/checkin.hpp"
#include "workspaces/bookings/recurrence.hpp"
#include "workspaces/bookings/service.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/bookings/store_rows.hpp"
#include "workspaces/rentals/hold.hpp"
#include "workspaces/sites/access.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

/// The summary of a booking refused for its rules.
constexpr const char* kRules = "error.booking.rules";

/// The longest note a booking keeps, in characters.
constexpr std::size_t kMaxNote = 1000;

/// The resource to book with its site and hours (Service::KeptPlace), or the 404 naming the field.
core::Result<ResourcePlace> KnownResource(std::optional<ResourcePlace> place) {
  if (!place)
    return Error{ErrorCode::kNotFound,
                 "error.booking.no_resource",
                 {{"resource_id", "error.not_found"}},
                 {}};
  return std::move(*place);
}

/// A form's local date and HH:MM times, read in the site's zone; `repeat_weeks` is checked with
/// them so that every field at fault is named at once.
core::Result<Period> LocalPeriod(const Site& site, const std::string& date,
                                 const std::string& start, const std::string& end,
                                 int repeat_weeks) {
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
    if (core::IsNonexistentLocalTime(local.local_as_utc, site.time_zone)) {
      errors.push_back({field, "error.booking.nonexistent_local_time"});
    }
  }
  if (!errors.empty()) return core::Invalid(std::move(errors), kRules);
  const auto minute = [](const core::ParsedInstant& t) {
    return static_cast<int>((t.local_as_utc % 86400) / 60);
  };
  return Period{core::FromLocal(*day, minute(*start_local), site.time_zone),
                core::FromLocal(*day, minute(*end_local), site.time_zone)};
}

/// The closure or holiday refusal, with what closed the site in `detail`.
Error ClosedError(const ClosureHit& closed, Conflict* detail) {
  if (detail) {
    detail->holiday_key = closed.holiday_key;
    detail->closure_reason = closed.reason;
  }
  return Error{ErrorCode::kInvalid,
               "error.booking.closed",
               {{"start", closed.holiday_key.empty() ? "error.booking.site_closed"
                                                     : "error.booking.holiday"}},
               {}};
}

/// Who the booking is for: the actor, or a member staff book on behalf of. Also checks that only
/// staff override the quota, and with a reason.
core::Result<long long> MemberFor(Store& store, const Actor& actor, const BookingRequest& request) {
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
  return member;
}

/// Whether a no-show may be in the way of one of `periods`. A due no-show began before the
/// cutoff and holds its slot at most kMaxBookingSeconds from its start (the bound the overlap
/// read relies on too): periods starting later cannot meet one, so bookings for tomorrow and
/// after skip the sweep's read.
bool MayMeetNoShow(const std::vector<Period>& periods, const CheckInPolicy& check_in) {
  const auto limit = NoShowCutoff(core::Now(), check_in) + store_rows::kMaxBookingSeconds;
  return std::any_of(periods.begin(), periods.end(),
                     [limit](const Period& p) { return p.start < limit; });
}

}  // namespace

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
  if (core::Utf8Length(request.note) > kMaxNote)
    return core::Invalid({{"note", "error.field.too_long"}}, kRules);
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto bookable = KnownResource(KeptPlace(store, p, request.resource_id));
  if (!bookable) return bookable.error();
  const auto& site = bookable->site;
  auto period = ParsePeriod(site, request);
  if (!period) return period.error();
  std::vector<Period> periods{*period};
  if (request.recurrence) {
    Recurrence rule{request.recurrence->interval, std::nullopt, request.recurrence->count};
    if (!request.recurrence->until.empty()) {
      rule.until_day = ParseDay(request.recurrence->until);
      if (!rule.until_day) return core::Invalid({{"recurrence.until", "error.field.date"}}, kRules);
    }
    auto expanded = ExpandWeekly(*period, rule, site.time_zone);
    if (!expanded) return expanded.error();
    periods = std::move(*expanded);
  }
  return BookPeriods(lease, {p, actor, site, bookable->resource}, periods, request, conflict);
}

core::Result<Booking> Service::BookLocal(core::ProgrammeId p, const Actor& actor,
                                         const LocalBookingForm& form,
                                         std::optional<Conflict>* conflict) {
  if (core::Utf8Length(form.note) > kMaxNote)
    return core::Invalid({{"note", "error.field.too_long"}}, kRules);
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto bookable = KnownResource(KeptPlace(store, p, form.resource_id));
  if (!bookable) return bookable.error();
  const auto& site = bookable->site;
  const auto period = LocalPeriod(site, form.date, form.start, form.end, form.repeat_weeks);
  if (!period) return period.error();
  std::vector<Period> periods{*period};
  if (form.repeat_weeks > 0 && period->start < period->end) {
    auto expanded = ExpandWeekly(*period, {1, std::nullopt, form.repeat_weeks + 1}, site.time_zone);
    if (!expanded) return expanded.error();
    periods = std::move(*expanded);
  }
  BookingRequest request;
  request.note = form.note;
  auto outcome =
      BookPeriods(lease, {p, actor, site, bookable->resource}, periods, request, conflict);
  if (!outcome) return outcome.error();
  return outcome->created.front();
}

core::Status Service::CheckQuota(Store& store, const Target& target, const Booking& booking) {
  // Fair use: the week and month of the booking, in the site's zone, counted inside the
  // transaction, with the account locked, so two simultaneous bookings cannot both slip
  // under the quota. A waitlist promotion only tries the lock: the member may be booking
  // right now, and waiting for them while holding the freed slot could deadlock.
  if (target.lock == Lock::kTry && !store.TryLockAccount(booking.account_id)) {
    return Error::Of(ErrorCode::kConflict, "error.booking.busy_account");
  }
  if (target.lock == Lock::kWait) store.LockAccount(booking.account_id);
  const auto& period = booking.period;
  const Period around{period.start - 40 * 86400LL, period.start + 40 * 86400LL};
  // A due no-show the sweep has not released yet (bookings for later days skip the sweep) is
  // no longer the member's: it does not count, as once released it would not.
  auto held = store.BookingsOfAccount(booking.account_id, around);
  const auto now = core::Now();
  std::erase_if(held, [&](const Booking& b) { return IsNoShowDue(b, now, check_in_); });
  auto usage = ComputeUsage(held, period.start, target.site.time_zone);
  const double hours = static_cast<double>(period.end - period.start) / 3600.0;
  if (usage.week_hours + hours > quota_.hours_per_week ||
      usage.month_hours + hours > quota_.hours_per_month) {
    return Error::Of(ErrorCode::kForbidden, "error.booking.quota");
  }
  return core::Ok();
}

core::Result<Booking> Service::Insert(Store& store, Booking booking, Conflict* detail) {
  auto inserted = store.InsertIfFree(booking);
  if (auto* other = std::get_if<Booking>(&inserted)) {
    if (detail && other->id != 0)
      detail->period = Period{other->period.start, std::max(other->period.end, other->blocked_end)};
    return Error::Of(ErrorCode::kConflict, "error.booking.conflict");
  }
  booking.id = std::get<long long>(inserted);
  return booking;
}

core::Result<Booking> Service::TryBook(db::Lease& lease, const Target& target, Booking booking,
                                       Conflict* detail) {
  Store store(lease, target.programme);
  const auto& site = target.site;
  const auto& resource = target.resource;
  if (auto ok = CheckRules(site, resource, booking.period, core::Now()); !ok) return ok.error();
  if (auto closed = ClosedOn(site, target.closures, booking.period))
    return ClosedError(*closed, detail);
  if (target.quota_applies) {
    if (auto ok = CheckQuota(store, target, booking); !ok) return ok.error();
  }
  // A desk under a rental contract is kept for its holders (inside this write transaction).
  if (auto held = CheckDeskHold(lease, target.programme, site, resource, booking.account_id,
                                booking.period);
      !held) {
    return held.error();
  }
  booking.blocked_end = booking.period.end + resource.rules.buffer_minutes * 60LL;
  booking.status = resource.rules.requires_approval && !ManagesSite(target.actor, site.id)
                       ? BookingStatus::kPending
                       : BookingStatus::kConfirmed;
  booking.created_at = core::Now();
  return Insert(store, std::move(booking), detail);
}

core::Result<BookingOutcome> Service::BookPeriods(db::Lease& lease, Target target,
                                                  const std::vector<Period>& periods,
                                                  const BookingRequest& request,
                                                  std::optional<Conflict>* conflict) {
  Store store(lease, target.programme);
  const auto& actor = target.actor;
  const auto& site = target.site;
  const auto member = MemberFor(store, actor, request);
  if (!member) return member.error();
  // Staff booking for themselves are not bound by the quota; for a member, the member's quota
  // holds unless overridden.
  target.quota_applies = !request.override_quota && (!actor.staff || *member != actor.account_id);
  target.closures =
      KeptClosures(store, target.programme, site.id,
                   DayText(core::ToLocal(periods.front().start, site.time_zone).days));
  // A no-show in the way is released first, so its slot can be taken. In its own short
  // transaction: sweeping inside this one would lock rows before the insert, and two bookings
  // locking released rows in different orders could deadlock on PostgreSQL.
  if (MayMeetNoShow(periods, check_in_)) ReleaseNoShows(lease, target.programme);
  // The resource's lock is the first of this transaction (then the account's, then the rental
  // hold's), taken with BEGIN.
  db::Transaction tx(lease, Store::ResourceBookingsLock(target.resource.id));
  BookingOutcome outcome;
  for (const auto& period : periods) {
    Booking booking{0, target.resource.id, *member, period, request.note};
    if (*member != actor.account_id) booking.booked_by = actor.account_id;
    if (request.override_quota) {
      booking.quota_override_by = actor.account_id;
      booking.quota_override_reason = std::string(core::Trim(request.override_reason));
    }
    Conflict detail;
    detail.date = DayText(core::ToLocal(period.start, site.time_zone).days);
    auto made = TryBook(lease, target, booking, &detail);
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
  FinishSeries(lease, target, outcome, periods.size() > 1);
  tx.Commit();
  return outcome;
}

void Service::FinishSeries(db::Lease& lease, const Target& target, BookingOutcome& outcome,
                           bool series) {
  Store store(lease, target.programme);
  if (series) {
    outcome.series_id = outcome.created.front().id;
    for (auto& b : outcome.created) {
      store.SetSeries(b.id, *outcome.series_id);
      b.series_id = outcome.series_id;
    }
  }
  // Booked by staff on the member's behalf: the member is told, in the same transaction (one
  // message for a series, naming its first session and how many were booked).
  const auto& first = outcome.created.front();
  if (first.account_id != target.actor.account_id) {
    std::string extra;
    if (outcome.created.size() > 1) {
      const auto lang = Store(lease, target.programme).AccountLanguage(first.account_id);
      extra = core::Catalogue::Get().Translate(lang, "mail.booking_series") + " " +
              std::to_string(outcome.created.size());
    }
    Tell(lease, target.programme, first, "booked_for", "", extra);
  }
}

}  // namespace sohosolo::workspaces
