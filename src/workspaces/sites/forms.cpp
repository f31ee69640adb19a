#include "workspaces/sites/forms.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace sohosolo::workspaces {

namespace {

using core::FieldError;
using http::Form;
using http::ViewData;

constexpr const char* kSiteFields[] = {
    "name",        "kind",    "commune_code", "address",   "latitude", "longitude",
    "description", "contact", "equipment",    "time_zone", "hours_1",  "hours_2",
    "hours_3",     "hours_4", "hours_5",      "hours_6",   "hours_7"};
constexpr const char* kResourceFields[] = {
    "kind",        "name",         "capacity",     "equipment",      "min_minutes",
    "max_minutes", "step_minutes", "horizon_days", "notice_minutes", "buffer_minutes"};

std::string Number(std::optional<double> v) { return v ? fmt::format("{}", *v) : ""; }

/// Equipment as the form shows it: one item a line.
std::string Lines(const std::string& equipment) {
  std::string out;
  for (const auto& item : SplitEquipment(equipment)) out += (out.empty() ? "" : "\n") + item;
  return out;
}

/// Items of a textarea: one a line, commas separating too (the list is stored comma-separated).
std::vector<std::string> Items(const std::string& text) {
  std::vector<std::string> out;
  for (auto line : core::Split(text, '\n')) {
    for (auto part : core::Split(line, ',')) {
      const auto item = core::Trim(part);
      if (!item.empty()) out.emplace_back(item);
    }
  }
  return out;
}

template <std::size_t N>
FormValues Posted(const Form& form, const char* const (&fields)[N]) {
  FormValues v;
  for (const char* f : fields) v[f] = form.Get(f);
  // The checkboxes: absent when unticked.
  for (const char* box : {"bookable", "requires_approval"}) v[box] = form.Has(box) ? "on" : "";
  return v;
}

/// The form's values, and a flag per choice so that selects and checkboxes show the value.
std::optional<std::optional<double>> OptionalNumber(const std::string& text, const char* field,
                                                    std::vector<FieldError>& errors) {
  const auto trimmed = std::string(core::Trim(text));
  if (trimmed.empty()) return std::optional<double>{};
  try {
    std::size_t used = 0;
    const double value = std::stod(trimmed, &used);
    if (used == trimmed.size()) return std::optional<double>{value};
  } catch (const std::exception&) {
  }
  errors.push_back({field, "error.field.number"});
  return std::nullopt;
}

std::optional<int> Integer(const std::string& text, const char* field,
                           std::vector<FieldError>& errors) {
  const auto trimmed = core::Trim(text);
  if (!trimmed.empty() && trimmed.size() <= 7 &&
      trimmed.find_first_not_of("0123456789") == std::string_view::npos) {
    return std::stoi(std::string(trimmed));
  }
  errors.push_back({field, "error.field.integer"});
  return std::nullopt;
}

}  // namespace

FormValues SiteFormValues(const Site& s) {
  FormValues v{{"name", s.name},
               {"kind", s.kind},
               {"commune_code", s.commune_code},
               {"address", s.address},
               {"latitude", Number(s.latitude)},
               {"longitude", Number(s.longitude)},
               {"description", s.description},
               {"contact", s.contact},
               {"equipment", Lines(s.equipment)},
               {"time_zone", s.time_zone}};
  for (int day = 1; day <= 7; ++day)
    v["hours_" + std::to_string(day)] = FormatDayRanges(s.hours, day);
  return v;
}

FormValues ResourceFormValues(const Resource& r) {
  return {{"kind", r.kind},
          {"name", r.name},
          {"capacity", std::to_string(r.capacity)},
          {"equipment", Lines(r.equipment)},
          {"bookable", r.bookable ? "on" : ""},
          {"min_minutes", std::to_string(r.rules.min_minutes)},
          {"max_minutes", std::to_string(r.rules.max_minutes)},
          {"step_minutes", std::to_string(r.rules.step_minutes)},
          {"horizon_days", std::to_string(r.rules.horizon_days)},
          {"notice_minutes", std::to_string(r.rules.notice_minutes)},
          {"buffer_minutes", std::to_string(r.rules.buffer_minutes)},
          {"requires_approval", r.rules.requires_approval ? "on" : ""}};
}

ViewData FormData(const FormValues& values) {
  ViewData form;
  for (const auto& [key, value] : values) {
    form.set(key, value);
    // Selects and the checkbox: one flag per chosen value (kainjow has no comparisons).
    if (key == "kind" || key == "step_minutes" || key == "bookable" || key == "requires_approval")
      form.set(key + "_is_" + value, true);
  }
  return form;
}

FormValues PostedSite(const Form& form) { return Posted(form, kSiteFields); }

FormValues PostedResource(const Form& form) { return Posted(form, kResourceFields); }

SiteChanges SiteFromForm(const FormValues& v, std::vector<FieldError>& errors) {
  SiteChanges c;
  c.name = v.at("name");
  c.kind = v.at("kind");
  c.commune_code = v.at("commune_code");
  c.address = v.at("address");
  c.description = v.at("description");
  c.contact = v.at("contact");
  c.time_zone = v.at("time_zone");
  c.latitude = OptionalNumber(v.at("latitude"), "latitude", errors);
  c.longitude = OptionalNumber(v.at("longitude"), "longitude", errors);
  c.equipment = Items(v.at("equipment"));
  std::vector<OpeningInterval> hours;
  for (int day = 1; day <= 7; ++day) {
    const auto field = "hours_" + std::to_string(day);
    auto ranges = ParseDayRanges(day, v.at(field));
    if (!ranges) {
      errors.push_back({field, "error.siteadmin.hours_format"});
      continue;
    }
    hours.insert(hours.end(), ranges->begin(), ranges->end());
  }
  c.hours = std::move(hours);
  return c;
}

ResourceChanges ResourceFromForm(const FormValues& v, std::vector<FieldError>& errors) {
  ResourceChanges c;
  c.kind = v.at("kind");
  c.name = v.at("name");
  c.equipment = Items(v.at("equipment"));
  c.bookable = !v.at("bookable").empty();
  c.capacity = Integer(v.at("capacity"), "capacity", errors);
  c.min_minutes = Integer(v.at("min_minutes"), "min_minutes", errors);
  c.max_minutes = Integer(v.at("max_minutes"), "max_minutes", errors);
  c.step_minutes = Integer(v.at("step_minutes"), "step_minutes", errors);
  c.horizon_days = Integer(v.at("horizon_days"), "horizon_days", errors);
  c.notice_minutes = Integer(v.at("notice_minutes"), "notice_minutes", errors);
  // No break between bookings unless one is given.
  c.buffer_minutes = core::Trim(v.at("buffer_minutes")).empty()
                         ? std::optional(0)
                         : Integer(v.at("buffer_minutes"), "buffer_minutes", errors);
  c.requires_approval = !v.at("requires_approval").empty();
  return c;
}

}  // namespace sohosolo::workspaces
