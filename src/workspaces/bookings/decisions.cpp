// Host decisions on bookings (approval), site closures, and the messages members get about them.
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "outbox/service.hpp"
#include "workspaces/bookings/service.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/sites/access.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t kMaxReason = 500;

}  // namespace

void Service::Tell(db::Lease& lease, core::ProgrammeId p, const Booking& booking,
                   const std::string& kind, const std::string& reason, const std::string& extra) {
  Store store(lease, p);
  const auto email = store.AccountEmail(booking.account_id);
  const auto resource = store.FindResource(booking.resource_id);
  const auto site = resource ? store.FindSite(resource->site_id) : std::nullopt;
  if (!email || !resource || !site) return;
  // In the member's language (the catalogue's French when the account has none).
  const auto lang = store.AccountLanguage(booking.account_id);
  const auto& catalogue = core::Catalogue::Get();
  auto body = catalogue.Translate(lang, "mail.booking_" + kind + ".body") + "\n\n" +
              resource->name + " — " + site->name + "\n" +
              core::FormatLocal(booking.period.start, lang) + "\n";
  if (!reason.empty())
    body += "\n" + catalogue.Translate(lang, "mail.booking_reason") + " " + reason + "\n";
  if (!extra.empty()) body += "\n" + extra + "\n";
  outbox::Queue(lease, p,
                {*email, catalogue.Translate(lang, "mail.booking_" + kind + ".subject"), body,
                 "booking_" + kind});
}

core::Result<Booking> Service::Approve(core::ProgrammeId p, const Actor& actor,
                                       long long booking_id) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto booking = store.FindBooking(booking_id);
  const auto resource = booking ? store.FindResource(booking->resource_id) : std::nullopt;
  if (!booking || !resource) return core::NotFound();
  if (!ManagesSite(actor, resource->site_id)) return core::Forbidden();
  db::Transaction tx(lease, db::TxMode::kWrite);
  if (!store.Decide(booking_id, BookingStatus::kConfirmed, actor.account_id, "", core::Now())) {
    return Error::Of(ErrorCode::kConflict, "error.booking.not_pending");
  }
  Tell(lease, p, *booking, "approved", "");
  tx.Commit();
  return *store.FindBooking(booking_id);
}

core::Result<Booking> Service::Decline(core::ProgrammeId p, const Actor& actor,
                                       long long booking_id, const std::string& reason) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto booking = store.FindBooking(booking_id);
  const auto resource = booking ? store.FindResource(booking->resource_id) : std::nullopt;
  if (!booking || !resource) return core::NotFound();
  if (!ManagesSite(actor, resource->site_id)) return core::Forbidden();
  const auto why = std::string(core::Trim(reason));
  if (why.empty())
    return Error{ErrorCode::kInvalid,
                 "error.booking.rules",
                 {{"reason", "error.booking.reason_required"}},
                 {}};
  if (core::Utf8Length(why) > kMaxReason)
    return Error{
        ErrorCode::kInvalid, "error.booking.rules", {{"reason", "error.field.too_long"}}, {}};
  db::Transaction tx(lease, Store::ResourceBookingsLock(resource->id));
  if (!store.Decide(booking_id, BookingStatus::kDeclined, actor.account_id, why, core::Now())) {
    return Error::Of(ErrorCode::kConflict, "error.booking.not_pending");
  }
  Tell(lease, p, *booking, "declined", why);
  PromoteWaitlist(lease, p, *resource,
                  {booking->period.start, std::max(booking->period.end, booking->blocked_end)});
  tx.Commit();
  return *store.FindBooking(booking_id);
}

std::vector<Service::BookingDetails> Service::Pending(core::ProgrammeId p, const Actor& actor) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  std::vector<BookingDetails> out;
  for (auto& b : store.PendingBookings(core::Now() - 86400)) {
    const auto resource = store.FindResource(b.resource_id);
    const auto site = resource ? store.FindSite(resource->site_id) : std::nullopt;
    if (!resource || !site || !ManagesSite(actor, site->id)) continue;
    out.push_back({std::move(b), *resource, *site});
  }
  return out;
}

core::Result<std::vector<Closure>> Service::Closures(core::ProgrammeId p, long long site_id) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto site = store.FindSite(site_id);
  if (!site) return core::NotFound();
  return store.Closures(site_id, DayText(core::ToLocal(core::Now(), site->time_zone).days));
}

core::Result<Service::ClosedDaysOfSite> Service::ClosedDays(core::ProgrammeId p, long long site_id,
                                                            const std::string& from,
                                                            const std::string& to) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto site = store.FindSite(site_id);
  if (!site) return core::NotFound();
  const auto range =
      ParseListedDays(from, to, core::ToLocal(core::Now(), site->time_zone).days,
                      kDefaultClosedDays, kMaxClosedDaysRange, "error.closeddays.range");
  if (!range) return range.error();
  const auto closures = store.Closures(site_id, DayText(range->from));
  return ClosedDaysOfSite{range->from, range->to,
                          workspaces::ClosedDays(*site, closures, range->from, range->to)};
}

core::Result<Closure> Service::AddClosure(core::ProgrammeId p, const Actor& actor,
                                          const Closure& closure) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  if (!store.FindSite(closure.site_id)) return core::NotFound();
  if (!ManagesSite(actor, closure.site_id)) return core::Forbidden();
  std::vector<core::FieldError> errors;
  const auto first = ParseDay(closure.first_day);
  const auto last = ParseDay(closure.last_day);
  if (!first) errors.push_back({"first_day", "error.field.date"});
  if (!last) errors.push_back({"last_day", "error.field.date"});
  if (first && last && *last < *first) errors.push_back({"last_day", "error.closure.order"});
  if (first && last && *last - *first > 366)
    errors.push_back({"last_day", "error.closure.too_long"});
  Closure out = closure;
  out.reason = std::string(core::Trim(closure.reason));
  if (out.reason.empty()) errors.push_back({"reason", "error.field.required"});
  if (core::Utf8Length(out.reason) > 200) errors.push_back({"reason", "error.field.too_long"});
  if (!errors.empty()) return core::Invalid(errors);
  db::Transaction tx(lease, db::TxMode::kWrite);
  out.id = store.AddClosure(out, actor.account_id);
  tx.Commit();
  PlacesChanged();
  return out;
}

core::Status Service::DeleteClosure(core::ProgrammeId p, const Actor& actor, long long closure_id) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto closure = store.FindClosure(closure_id);
  if (!closure) return core::NotFound();
  if (!ManagesSite(actor, closure->site_id)) return core::Forbidden();
  db::Transaction tx(lease, db::TxMode::kWrite);
  if (!store.DeleteClosure(closure_id)) return core::NotFound();
  tx.Commit();
  PlacesChanged();
  return core::Ok();
}

}  // namespace sohosolo::workspaces
