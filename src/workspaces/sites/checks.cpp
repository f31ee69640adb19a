// Field rules of sites and resources, and how changes apply to stored values.
#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "core/time.hpp"
#include "workspaces/sites/service.hpp"

namespace sohosolo::workspaces {

namespace {

using core::FieldError;

constexpr std::size_t kMaxEquipmentItems = 30;
constexpr std::size_t kMaxRangesPerDay = 6;

void CheckText(std::vector<FieldError>& errors, const char* field, const std::string& value,
               std::size_t max, bool required) {
  if (required && core::Trim(value).empty()) {
    errors.push_back({field, "error.field.required"});
    return;
  }
  if (!core::IsValidUtf8(value)) {
    errors.push_back({field, "error.field.not_string"});
    return;
  }
  if (core::Utf8Length(value) > max) errors.push_back({field, "error.field.too_long"});
}

void CheckEquipment(std::vector<FieldError>& errors, const std::string& joined) {
  const auto items = SplitEquipment(joined);
  const bool bad = items.size() > kMaxEquipmentItems ||
                   std::any_of(items.begin(), items.end(),
                               [](const std::string& i) { return core::Utf8Length(i) > 80; });
  if (bad || !core::IsValidUtf8(joined))
    errors.push_back({"equipment", "error.siteadmin.equipment"});
}

void CheckHours(std::vector<FieldError>& errors, std::vector<OpeningInterval> hours) {
  for (const auto& h : hours) {
    if (h.weekday < 1 || h.weekday > 7 || h.opens < 0 || h.closes > 24 * 60 ||
        h.opens >= h.closes) {
      errors.push_back({"opening_hours", "error.siteadmin.hours"});
      return;
    }
  }
  std::sort(hours.begin(), hours.end(), [](const auto& a, const auto& b) {
    return a.weekday != b.weekday ? a.weekday < b.weekday : a.opens < b.opens;
  });
  for (std::size_t i = 1; i < hours.size(); ++i) {
    if (hours[i].weekday == hours[i - 1].weekday && hours[i].opens < hours[i - 1].closes) {
      errors.push_back({"opening_hours", "error.siteadmin.hours_overlap"});
      return;
    }
  }
  for (int day = 1; day <= 7; ++day) {
    const auto count = std::count_if(hours.begin(), hours.end(),
                                     [day](const auto& h) { return h.weekday == day; });
    if (static_cast<std::size_t>(count) > kMaxRangesPerDay) {
      errors.push_back({"opening_hours", "error.siteadmin.hours_too_many"});
      return;
    }
  }
}

}  // namespace

std::optional<int> ParseClock(std::string_view text) {
  text = core::Trim(text);
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const auto i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::optional<std::vector<OpeningInterval>> ParseDayRanges(int weekday, std::string_view text) {
  std::vector<OpeningInterval> out;
  if (core::Trim(text).empty()) return out;
  for (const auto range : core::Split(text, ',')) {
    const auto dash = range.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const auto opens = ParseClock(range.substr(0, dash));
    const auto closes = ParseClock(range.substr(dash + 1));
    if (!opens || !closes) return std::nullopt;
    out.push_back({weekday, *opens, *closes});
  }
  return out;
}

std::string FormatDayRanges(const std::vector<OpeningInterval>& hours, int weekday) {
  std::string out;
  for (const auto& h : hours) {
    if (h.weekday != weekday) continue;
    out += (out.empty() ? "" : ", ") + fmt::format("{:02}:{:02}-{:02}:{:02}", h.opens / 60,
                                                   h.opens % 60, h.closes / 60, h.closes % 60);
  }
  return out;
}

std::string JoinEquipment(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    const auto trimmed = core::Trim(item);
    if (trimmed.empty()) continue;
    out += (out.empty() ? "" : ", ") + std::string(trimmed);
  }
  return out;
}

std::vector<std::string> SplitEquipment(const std::string& text) {
  std::vector<std::string> out;
  for (const auto part : core::Split(text, ',')) {
    const auto trimmed = core::Trim(part);
    if (!trimmed.empty()) out.emplace_back(trimmed);
  }
  return out;
}

std::vector<FieldError> CheckSite(const Site& site) {
  std::vector<FieldError> errors;
  CheckText(errors, "name", site.name, 120, true);
  if (site.kind != "telecentre" && site.kind != "coworking")
    errors.push_back({"kind", "error.siteadmin.kind"});
  if (!site.commune_code.empty() && !core::IsCommuneCode(site.commune_code)) {
    errors.push_back({"commune_code", "error.siteadmin.commune_code"});
  }
  CheckText(errors, "address", site.address, 300, false);
  CheckText(errors, "description", site.description, 4000, false);
  CheckText(errors, "contact", site.contact, 300, false);
  if (site.latitude.has_value() != site.longitude.has_value()) {
    errors.push_back({site.latitude ? "longitude" : "latitude", "error.siteadmin.position_pair"});
  }
  if (site.latitude && !(*site.latitude >= -90 && *site.latitude <= 90)) {
    errors.push_back({"latitude", "error.siteadmin.latitude"});
  }
  if (site.longitude && !(*site.longitude >= -180 && *site.longitude <= 180)) {
    errors.push_back({"longitude", "error.siteadmin.longitude"});
  }
  CheckEquipment(errors, site.equipment);
  CheckHours(errors, site.hours);
  if (!core::IsKnownTimeZone(site.time_zone))
    errors.push_back({"time_zone", "error.siteadmin.time_zone"});
  return errors;
}

std::vector<FieldError> CheckResource(const Resource& r) {
  std::vector<FieldError> errors;
  if (r.kind != "office" && r.kind != "meeting_room" && r.kind != "desk") {
    errors.push_back({"kind", "error.siteadmin.resource_kind"});
  }
  CheckText(errors, "name", r.name, 120, true);
  if (r.capacity < 1 || r.capacity > 500)
    errors.push_back({"capacity", "error.siteadmin.capacity"});
  CheckEquipment(errors, r.equipment);
  const auto& rules = r.rules;
  const int step = rules.step_minutes;
  if (step != 15 && step != 30 && step != 60) {
    errors.push_back({"step_minutes", "error.siteadmin.step"});
  } else {
    if (rules.min_minutes < step || rules.min_minutes > 24 * 60 || rules.min_minutes % step != 0) {
      errors.push_back({"min_minutes", "error.siteadmin.min_minutes"});
    }
    if (rules.max_minutes < rules.min_minutes || rules.max_minutes > 24 * 60 ||
        rules.max_minutes % step != 0) {
      errors.push_back({"max_minutes", "error.siteadmin.max_minutes"});
    }
  }
  if (rules.horizon_days < 1 || rules.horizon_days > 730)
    errors.push_back({"horizon_days", "error.siteadmin.horizon"});
  if (rules.notice_minutes < 0 || rules.notice_minutes > 30 * 24 * 60) {
    errors.push_back({"notice_minutes", "error.siteadmin.notice"});
  }
  // Time to tidy the room between two bookings: at most four hours (the column's CHECK, which the
  // overlap reads rely on).
  if (rules.buffer_minutes < 0 || rules.buffer_minutes > 240)
    errors.push_back({"buffer_minutes", "error.siteadmin.buffer"});
  return errors;
}

void Apply(const SiteChanges& c, Site& site) {
  if (c.name) site.name = std::string(core::Trim(*c.name));
  if (c.kind) site.kind = *c.kind;
  if (c.commune_code) site.commune_code = std::string(core::Trim(*c.commune_code));
  if (c.address) site.address = *c.address;
  if (c.description) site.description = *c.description;
  if (c.contact) site.contact = *c.contact;
  if (c.time_zone) site.time_zone = std::string(core::Trim(*c.time_zone));
  if (c.latitude) site.latitude = *c.latitude;
  if (c.longitude) site.longitude = *c.longitude;
  if (c.equipment) site.equipment = JoinEquipment(*c.equipment);
  if (c.hours) site.hours = *c.hours;
}

void Apply(const ResourceChanges& c, Resource& r) {
  if (c.kind) r.kind = *c.kind;
  if (c.name) r.name = std::string(core::Trim(*c.name));
  if (c.capacity) r.capacity = *c.capacity;
  if (c.equipment) r.equipment = JoinEquipment(*c.equipment);
  if (c.bookable) r.bookable = *c.bookable;
  if (c.min_minutes) r.rules.min_minutes = *c.min_minutes;
  if (c.max_minutes) r.rules.max_minutes = *c.max_minutes;
  if (c.step_minutes) r.rules.step_minutes = *c.step_minutes;
  if (c.horizon_days) r.rules.horizon_days = *c.horizon_days;
  if (c.notice_minutes) r.rules.notice_minutes = *c.notice_minutes;
  if (c.buffer_minutes) r.rules.buffer_minutes = *c.buffer_minutes;
  if (c.requires_approval) r.rules.requires_approval = *c.requires_approval;
}

}  // namespace sohosolo::workspaces
