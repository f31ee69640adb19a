// The bookings of one site, for the people who run it: the service call and the API
// (GET /api/v1/bookings?site_id=...; see AddSiteBookingRoutes).
#include "workspaces/bookings/site_bookings.hpp"

#include <map>

#include "http/views.hpp"
#include "workspaces/bookings/json.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/sites/hosts.hpp"

namespace sohosolo::workspaces {

namespace {

/// Today and the next 13 days: two weeks of a site's life.
constexpr int kDefaultDays = 14;

}  // namespace

core::Result<Service::SiteBookings> Service::BookingsOfSite(core::ProgrammeId p, const Actor& actor,
                                                            long long site_id,
                                                            const std::string& from,
                                                            const std::string& to) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  const auto site = store.FindSite(site_id);
  if (!site) return core::NotFound();
  if (!ManagesSite(actor, site_id)) return core::Forbidden();
  const auto range = ParseListedDays(from, to, core::ToLocal(core::Now(), site->time_zone).days,
                                     kDefaultDays, kMaxSiteBookingDays, "error.sitebookings.range");
  if (!range) return range.error();
  SiteBookings out{*site, store.Resources(site_id), range->from, range->to, {}};
  const Period window{core::FromLocal(range->from, 0, site->time_zone),
                      core::FromLocal(range->to + 1, 0, site->time_zone)};
  for (auto& [booking, name] : store.BookingsOfSite(site_id, window))
    out.items.push_back({std::move(booking), std::move(name)});
  return out;
}

std::string SiteBookingState(const Booking& b) {
  if (b.status == BookingStatus::kConfirmed && b.checked_in_at) return "checked_in";
  return std::string(StatusName(b.status));
}

std::optional<http::Response> SiteBookingsApi(Service& service, http::Request& req,
                                              http::Context& ctx) {
  const auto site_text = req.Query("site_id");
  // ?mine=true keeps its meaning (the caller's own bookings), whatever else is asked.
  if (!site_text || req.Query("mine").value_or("") == "true") return std::nullopt;
  const auto site_id = http::ParseId(*site_text);
  if (!site_id) {
    return http::Problem(ctx, core::Invalid({{"site_id", "error.field.integer"}}));
  }
  auto listing =
      service.BookingsOfSite(ctx.programme.id, ActorFor(service, ctx), *site_id,
                             req.Query("from").value_or(""), req.Query("to").value_or(""));
  if (!listing) return http::Problem(ctx, listing.error());
  std::map<long long, std::string> names;
  for (const auto& r : listing->resources) names[r.id] = r.name;
  boost::json::array items;
  for (const auto& [booking, member] : listing->items) {
    auto item = BookingJson(booking, true);
    item["state"] = SiteBookingState(booking);
    item["member_name"] = member;
    item["resource_name"] = names[booking.resource_id];
    items.push_back(std::move(item));
  }
  return http::Response::Json(boost::json::object{{"site_id", *site_id},
                                                  {"from", DayText(listing->from_day)},
                                                  {"to", DayText(listing->to_day)},
                                                  {"items", items}});
}

}  // namespace sohosolo::workspaces
