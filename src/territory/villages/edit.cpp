#include "territory/villages/edit.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <optional>

#include "core/text.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::territory {

namespace {

using core::FieldError;

/// Collects the errors of one submission and reads its fields.
class Reader {
 public:
  Reader(const EditInput& input, EditMode mode) : input_(input), mode_(mode) {}

  std::vector<FieldError> errors;

  const std::string* Get(const char* name) const {
    const auto it = input_.find(name);
    return it == input_.end() ? nullptr : &it->second;
  }

  /// A trimmed text of at most `max` characters into `out`; required texts cannot be empty.
  void Text(const char* name, std::string& out, std::size_t max, bool required) {
    const auto* value = Get(name);
    if (!value) {
      if (required && mode_ == EditMode::kCreate) errors.push_back({name, "error.field.required"});
      return;
    }
    const std::string text(core::Trim(*value));
    if (required && text.empty()) return errors.push_back({name, "error.field.required"});
    if (core::Utf8Length(text) > max) return errors.push_back({name, "error.village.too_long"});
    out = text;
  }

  /// One of `allowed` into `out`.
  template <std::size_t N>
  void Choice(const char* name, std::string& out, const char* const (&allowed)[N]) {
    const auto* value = Get(name);
    if (!value) {
      if (mode_ == EditMode::kCreate) errors.push_back({name, "error.field.required"});
      return;
    }
    if (std::find_if(std::begin(allowed), std::end(allowed),
                     [&](const char* a) { return *value == a; }) == std::end(allowed))
      return errors.push_back({name, "error.village.bad_kind"});
    out = *value;
  }

  /// A number in [low, high] (comma or point as decimal separator); "" clears when `clearable`.
  std::optional<std::optional<double>> Number(const char* name, double low, double high) {
    const auto* value = Get(name);
    if (!value) return std::nullopt;
    std::string text(core::Trim(*value));
    if (text.empty()) return std::optional<double>{};
    std::replace(text.begin(), text.end(), ',', '.');
    double number = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(number)) {
      errors.push_back({name, "error.village.bad_number"});
      return std::nullopt;
    }
    if (number < low || number > high) {
      errors.push_back({name, "error.village.out_of_range"});
      return std::nullopt;
    }
    return std::optional<double>{number};
  }

  /// A whole number in [low, high]; "" clears.
  std::optional<std::optional<long long>> Integer(const char* name, long long low, long long high) {
    const auto* value = Get(name);
    if (!value) return std::nullopt;
    const std::string text(core::Trim(*value));
    if (text.empty()) return std::optional<long long>{};
    long long number = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      errors.push_back({name, "error.village.bad_integer"});
      return std::nullopt;
    }
    if (number < low || number > high) {
      errors.push_back({name, "error.village.out_of_range"});
      return std::nullopt;
    }
    return std::optional<long long>{number};
  }

  void Boolean(const char* name, bool& out) {
    const auto* value = Get(name);
    if (!value) return;
    if (*value == "true" || *value == "1" || *value == "on") {
      out = true;
    } else if (*value == "false" || *value == "0" || *value == "off" || value->empty()) {
      out = false;
    } else {
      errors.push_back({name, "error.field.boolean"});
    }
  }

  EditMode mode() const { return mode_; }

 private:
  const EditInput& input_;
  EditMode mode_;
};

}  // namespace

bool IsVillageRole(const std::string& role) {
  return role == "host" || role == "associated" || role == "none";
}

std::vector<FieldError> ApplyMember(CommitteeMember& m, const EditInput& input, EditMode mode) {
  Reader r(input, mode);
  r.Text("name", m.name, kMaxNameChars, true);
  r.Text("role", m.role, kMaxNameChars, false);
  r.Text("contact", m.contact, kMaxContactChars, false);
  return std::move(r.errors);
}

std::vector<FieldError> ApplyService(NearbyService& s, const EditInput& input, EditMode mode,
                                     LonLat village_point) {
  Reader r(input, mode);
  r.Choice("kind", s.kind, kServiceKinds);
  r.Text("name", s.name, kMaxNameChars, false);
  const auto distance = r.Number("distance_km", 0, kMaxServiceKm);
  const auto lon = r.Number("lon", -180, 180);
  const auto lat = r.Number("lat", -90, 90);
  const bool has_lon = lon && *lon, has_lat = lat && *lat;
  if (has_lon != has_lat) {
    r.errors.push_back({has_lon ? "lat" : "lon", "error.village.position_pair"});
    return std::move(r.errors);
  }
  if (has_lon) {
    const LonLat where{**lon, **lat};
    const double km = StraightLineKm(village_point, where);
    if (km > kMaxServiceKm) {
      r.errors.push_back({"lon", "error.village.too_far"});
      return std::move(r.errors);
    }
    s.position = where;
    s.distance_km = km;
  } else if (distance && *distance) {
    s.position.reset();
    s.distance_km = **distance;
  } else if (mode == EditMode::kCreate || (distance && !*distance)) {
    // A service without a distance says nothing a newcomer can use.
    r.errors.push_back({"distance_km", "error.village.distance_or_position"});
  }
  return std::move(r.errors);
}

std::vector<FieldError> ApplyListing(Listing& l, const EditInput& input, EditMode mode) {
  Reader r(input, mode);
  r.Choice("kind", l.kind, kListingKinds);
  r.Text("title", l.title, kMaxNameChars, true);
  r.Text("description", l.description, kMaxDescriptionChars, false);
  if (const auto price = r.Integer("price_eur", 0, kMaxPriceEur)) l.price_eur = *price;
  if (const auto surface = r.Number("surface_m2", 0, kMaxSurfaceM2)) {
    if (*surface && **surface <= 0) {
      r.errors.push_back({"surface_m2", "error.village.out_of_range"});
    } else {
      l.surface_m2 = *surface;
    }
  }
  if (const auto rooms = r.Integer("rooms", 1, kMaxRooms)) {
    l.rooms = *rooms ? std::optional<int>(static_cast<int>(**rooms)) : std::nullopt;
  }
  r.Boolean("available", l.available);
  return std::move(r.errors);
}

}  // namespace sohosolo::territory
