#include "workspaces/sites/json.hpp"

#include <fmt/format.h>

#include "workspaces/sites/service.hpp"

namespace sohosolo::workspaces {

namespace {

boost::json::array Strings(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& i : items) out.emplace_back(i);
  return out;
}

}  // namespace

std::string PhotoPath(long long site_id, core::UnixSeconds updated_at) {
  return "/sites/" + std::to_string(site_id) + "/photo?v=" + std::to_string(updated_at);
}

boost::json::object ResourceJson(const Resource& r) {
  return {{"id", r.id},
          {"site_id", r.site_id},
          {"kind", r.kind},
          {"name", r.name},
          {"capacity", r.capacity},
          {"equipment", r.equipment},
          {"equipment_list", Strings(SplitEquipment(r.equipment))},
          {"bookable", r.bookable},
          {"rules",
           {{"min_minutes", r.rules.min_minutes},
            {"max_minutes", r.rules.max_minutes},
            {"step_minutes", r.rules.step_minutes},
            {"horizon_days", r.rules.horizon_days},
            {"notice_minutes", r.rules.notice_minutes},
            {"buffer_minutes", r.rules.buffer_minutes},
            {"requires_approval", r.rules.requires_approval}}}};
}

boost::json::object SiteJson(const SiteWithResources& s,
                             std::optional<core::UnixSeconds> photo_updated_at) {
  const auto& site = s.site;
  boost::json::array hours, resources;
  for (const auto& h : site.hours)
    hours.push_back({{"weekday", h.weekday},
                     {"opens", core::FormatClock(h.opens)},
                     {"closes", core::FormatClock(h.closes)}});
  for (const auto& r : s.resources) resources.push_back(ResourceJson(r));
  boost::json::object out{{"id", site.id},
                          {"name", site.name},
                          {"kind", site.kind},
                          {"commune_code", site.commune_code},
                          {"address", site.address},
                          {"description", site.description},
                          {"equipment", site.equipment},
                          {"equipment_list", Strings(SplitEquipment(site.equipment))},
                          {"contact", site.contact},
                          {"time_zone", site.time_zone},
                          {"demo_data", site.is_demo},
                          {"opening_hours", hours},
                          {"resources", resources}};
  out["latitude"] = site.latitude ? boost::json::value(*site.latitude) : nullptr;
  out["longitude"] = site.longitude ? boost::json::value(*site.longitude) : nullptr;
  out["photo_url"] =
      photo_updated_at ? boost::json::value(PhotoPath(site.id, *photo_updated_at)) : nullptr;
  return out;
}

}  // namespace sohosolo::workspaces
