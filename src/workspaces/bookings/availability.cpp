// Availability of a resource (Service::GetAvailability and the answers kept for it): its free
// and busy periods over a few days, from its bookings, opening hours, closures and rental holds.
#include <algorithm>
#include <memory>
#include <utility>

#include "workspaces/bookings/service.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/rentals/hold.hpp"

namespace sohosolo::workspaces {

core::Result<Availability> Service::GetAvailability(core::ProgrammeId p, long long resource_id,
                                                    const std::string& from, const std::string& to,
                                                    long long viewer) {
  auto kept = GetKeptAvailability(p, resource_id, from, to, viewer);
  if (!kept) return kept.error();
  return (*kept)->answer();
}

core::Result<std::shared_ptr<const KeptAvailability>> Service::GetKeptAvailability(
    core::ProgrammeId p, long long resource_id, const std::string& from, const std::string& to,
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
  // Kept answers first: a write committed by this process since an answer was read (a booking,
  // a cancellation, a closure, a no-show released) makes it stale at once; another process's
  // shows within the cache's second, and so do no-shows falling due meanwhile.
  const AvailabilityKey key{p.value, resource_id, *from_day, *to_day, viewer};
  if (auto kept = availability_cache_.Find(key, pool_.commits())) return kept;
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  // Read after the sweep's own commit and before the answer's first read.
  const auto generation = pool_.commits();
  auto answer = ReadAvailability(lease, p, resource_id, *from_day, *to_day, viewer);
  if (!answer) return answer.error();
  auto kept = std::make_shared<const KeptAvailability>(resource_id, std::move(*answer));
  // An answer that something committed during its reads may already be stale: not kept.
  if (pool_.commits() == generation) availability_cache_.Keep(key, generation, kept);
  return kept;
}

core::Result<Availability> Service::ReadAvailability(db::Lease& lease, core::ProgrammeId p,
                                                     long long resource_id, long long from_day,
                                                     long long to_day, long long viewer) {
  Store store(lease, p);
  const auto place = KeptPlace(store, p, resource_id);
  if (!place) return core::NotFound();
  const Resource* resource = &place->resource;
  const Site* site = &place->site;
  // A day either side covers every time zone's offset from UTC.
  const Period window{(from_day - 1) * 86400, (to_day + 2) * 86400};
  auto bookings = store.BusySpansOf(resource_id, window);
  // Days a rental contract keeps the desk for its holders are busy, whole, for everyone else:
  // nobody is offered a slot that booking would refuse. No name is given, only the time.
  const auto held = HeldDays(lease, p, *site, *resource, viewer, from_day, to_day);
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
      hold.status = BookingStatus::kConfirmed;
      bookings.push_back(hold);
    }
  }
  auto out = ComputeAvailability(*site, bookings, from_day, to_day,
                                 KeptClosures(store, p, site->id, DayText(from_day)),
                                 resource->rules.buffer_minutes);
  // Nothing is free beyond the booking horizon: booking would refuse it.
  const auto horizon = core::Now() + resource->rules.horizon_days * 86400LL;
  std::erase_if(out.free, [horizon](const Period& p) { return p.start > horizon; });
  return out;
}

}  // namespace sohosolo::workspaces
