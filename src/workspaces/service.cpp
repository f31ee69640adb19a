#include "workspaces/service.hpp"

#include "core/text.hpp"
#include "workspaces/store.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

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
  std::vector<SiteWithResources> out;
  for (auto& site : store.Sites()) {
    auto resources = store.Resources(site.id);
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
  const auto now = core::Now();
  return Store(lease, p).BookingsOfAccount(account_id, {now - 366 * 86400LL, now + 366 * 86400LL});
}

core::Result<Service::BookingDetails> Service::GetBooking(core::ProgrammeId p, const Actor& actor,
                                                         long long booking_id) {
  auto lease = pool_.Acquire();
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

}  // namespace sohosolo::workspaces
