// The waitlist: members queue for a taken slot and get it, first in line first, in the very
// transaction that frees it (a cancellation, a declined request, a released no-show).
#include <map>

#include "db/database.hpp"
#include "workspaces/bookings/service.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/sites/access.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

}  // namespace

core::Result<WaitlistEntry> Service::JoinWaitlist(core::ProgrammeId p, const Actor& actor,
                                                  const BookingRequest& request) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
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
  // Only a slot the member could book if it were free is worth waiting for.
  if (auto ok = CheckRules(*site, *resource, *period, core::Now()); !ok) return ok.error();
  const auto day = DayText(core::ToLocal(period->start, site->time_zone).days);
  if (ClosedOn(*site, store.Closures(site->id, day), *period)) {
    return Error{
        ErrorCode::kInvalid, "error.booking.closed", {{"start", "error.booking.closed"}}, {}};
  }
  const auto buffer = resource->rules.buffer_minutes * 60LL;
  if (!store.FirstOverlap(resource->id, {period->start - buffer, period->end + buffer})) {
    return Error::Of(ErrorCode::kConflict, "error.waitlist.slot_free");
  }
  WaitlistEntry entry{0, resource->id, actor.account_id, *period};
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto id = store.AddWaitlist(entry);
  if (!id) return Error::Of(ErrorCode::kConflict, "error.waitlist.duplicate");
  entry.id = *id;
  tx.Commit();
  entry.created_at = core::Now();
  return entry;
}

std::vector<WaitlistEntry> Service::Waitlist(core::ProgrammeId p, const Actor& actor, bool mine) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  if (mine || (!actor.staff && !actor.site_host)) return store.WaitlistOf(actor.account_id);
  auto entries = store.WaitlistOf(std::nullopt);
  if (actor.staff) return entries;
  // A site host sees the waitlists of the sites they run, and no other.
  std::map<long long, bool> runs;  // resource id -> the actor runs its site
  std::erase_if(entries, [&](const WaitlistEntry& e) {
    auto [it, fresh] = runs.try_emplace(e.resource_id, false);
    if (fresh) {
      const auto resource = store.FindResource(e.resource_id);
      it->second = resource && ManagesSite(actor, resource->site_id);
    }
    return !it->second;
  });
  return entries;
}

core::Status Service::LeaveWaitlist(core::ProgrammeId p, const Actor& actor, long long entry_id) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto entry = store.FindWaitlist(entry_id);
  if (!entry || (entry->account_id != actor.account_id && !actor.staff)) {
    return core::NotFound();
  }
  db::Transaction tx(lease, db::TxMode::kWrite);
  if (!store.SetWaitlistStatus(entry_id, "withdrawn"))
    return Error::Of(ErrorCode::kConflict, "error.waitlist.not_waiting");
  tx.Commit();
  return core::Ok();
}

void Service::PromoteWaitlist(db::Lease& lease, core::ProgrammeId p, const Resource& resource,
                              const Period& freed) {
  Store store(lease, p);
  store.LockResourceWaitlist(resource.id);
  const auto buffer = resource.rules.buffer_minutes * 60LL;
  // Requests ending within the buffer before the freed period may also fit now.
  auto waiting = store.WaitingFor(resource.id, {freed.start - buffer, freed.end});
  if (waiting.empty()) return;
  const auto site = store.FindSite(resource.site_id);
  if (!site) return;
  const auto closures =
      store.Closures(site->id, DayText(core::ToLocal(freed.start, site->time_zone).days));
  const auto now = core::Now();
  for (const auto& entry : waiting) {
    if (entry.period.start <= now) {
      store.SetWaitlistStatus(entry.id, "lapsed");
      continue;
    }
    // The entry is taken first (its row locked on PostgreSQL), so two transactions freeing
    // overlapping slots at once cannot both serve it; a refused booking undoes that too.
    db::Savepoint savepoint(lease, "waiter");
    if (!store.SetWaitlistStatus(entry.id, "booked")) continue;
    const Actor member{entry.account_id, false, false};
    Booking booking{0, resource.id, entry.account_id, entry.period};
    const Target target{p, member, *site, resource, closures, true, Lock::kTry};
    auto made = TryBook(lease, target, booking, nullptr);
    // Still taken, over quota now, or the member busy booking: they keep their place.
    if (!made) continue;
    store.SetWaitlistBooking(entry.id, made->id);
    savepoint.Release();
    Tell(lease, p, *made, "from_waitlist", "");
  }
}

}  // namespace sohosolo::workspaces
