#pragma once
// What the journeys' pages share (pages.cpp, pages_forms.cpp, pages_own.cpp, report/pages.cpp).

#include <string>
#include <vector>

#include "core/time.hpp"
#include "http/router.hpp"
#include "http/views.hpp"
#include "journeys/service.hpp"

namespace sohosolo::journeys::pages {

using http::Context;
using http::ViewData;

inline Actor ActorOf(const Context& ctx) {
  return {ctx.account->id, ctx.account->display_name, ctx.IsStaff()};
}

/// "2026-12-24 14:30" in Paris.
inline std::string Minute(core::UnixSeconds t) {
  auto s = core::FormatRfc3339Paris(t).substr(0, 16);
  s[10] = ' ';
  return s;
}

inline ViewData VisitItems(const std::vector<Visit>& visits, long long journey_id) {
  ViewData list{ViewData::type::list};
  for (const auto& v : visits) {
    ViewData item;
    item.set("id", std::to_string(v.id));
    item.set("journey", std::to_string(journey_id));
    item.set("village", v.commune_code);
    item.set("planned", Minute(v.planned_at));
    if (v.done_at) item.set("done", Minute(*v.done_at));
    item.set("by", v.by_name);
    list.push_back(item);
  }
  return list;
}

inline std::string Day(core::UnixSeconds t) { return core::FormatRfc3339Paris(t).substr(0, 10); }

inline std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

inline std::string Ages(const std::vector<int>& ages) {
  std::string out;
  for (const int a : ages) out += (out.empty() ? "" : ", ") + std::to_string(a);
  return out;
}

/// The committees' and tasks' forms and pages (pages_forms.cpp); the newcomer's page
/// (pages_own.cpp); the funders' report as a page, CSV, PDF and XLSX (report/pages.cpp).
void AddFormPages(http::Router& router, Journeys& journeys);
void AddOwnPage(http::Router& router, Journeys& journeys);
void AddReportPages(http::Router& router, Journeys& journeys);

}  // namespace sohosolo::journeys::pages
