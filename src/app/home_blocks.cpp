#include "app/home_blocks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/url.hpp>

#include "core/time.hpp"
#include "territory/communes/pages.hpp"
#include "territory/villages/pages_common.hpp"

namespace sohosolo::app {

namespace {

using http::ViewData;

/// Coordinates for the map script, in a form that does not depend on the language.
std::string Coordinate(double value) { return fmt::format("{:.5f}", value); }

ViewData VillageItem(const http::Context& ctx, const territory::VillageFacts& v) {
  ViewData item;
  item.set("name", v.name.empty() ? v.code : v.name);
  item.set("href", "/villages/" + boost::urls::encode(v.code, boost::urls::unreserved_chars));
  item.set("role", http::T(ctx, "village.role." + v.role));
  item.set("host", v.role == "host");
  if (v.line_class) {
    item.set("rate", territory::RateText(ctx, *v.line_class, v.adsl2plus_mbps.value_or(0)));
    item.set("band", territory::RateBand(*v.line_class, v.adsl2plus_mbps.value_or(0)));
  }
  item.set("lat", Coordinate(v.point.lat));
  item.set("lon", Coordinate(v.point.lon));
  return item;
}

}  // namespace

http::ViewData HomePlaces(const http::Context& ctx, territory::VillageService& villages,
                          workspaces::Service& workspaces) {
  auto facts = villages.Villages(ctx.programme.id);
  std::stable_sort(facts.begin(), facts.end(), [](const auto& a, const auto& b) {
    if ((a.role == "host") != (b.role == "host")) return a.role == "host";
    return a.name < b.name;
  });
  ViewData village_list{ViewData::type::list};
  for (const auto& v : facts) village_list.push_back(VillageItem(ctx, v));
  ViewData site_list{ViewData::type::list};
  for (const auto& s : workspaces.Sites(ctx.programme.id)) {
    ViewData item;
    item.set("name", s.site.name);
    item.set("href", "/sites/" + std::to_string(s.site.id));
    item.set("kind", http::T(ctx, "sites.kind_" + s.site.kind));
    item.set("coworking", s.site.kind == "coworking");
    if (s.site.latitude && s.site.longitude) {
      item.set("lat", Coordinate(*s.site.latitude));
      item.set("lon", Coordinate(*s.site.longitude));
    }
    site_list.push_back(std::move(item));
  }
  ViewData out;
  out.set("has_villages", !village_list.is_empty_list());
  out.set("villages", village_list);
  out.set("has_sites", !site_list.is_empty_list());
  out.set("sites", site_list);
  return out;
}

http::ViewData HomeEvents(const http::Context& ctx, community::Club& club) {
  ViewData list{ViewData::type::list};
  for (const auto& e : club.Upcoming(ctx.programme.id, 0, false, 3)) {
    ViewData item;
    item.set("title", e.title);
    item.set("href", "/events/" + std::to_string(e.id));
    item.set("when", core::FormatLocal(e.start, ctx.lang));
    item.set("place", e.place);
    list.push_back(std::move(item));
  }
  ViewData out;
  out.set("has_events", !list.is_empty_list());
  out.set("events", list);
  return out;
}

}  // namespace sohosolo::app
