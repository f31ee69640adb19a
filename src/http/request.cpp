#include "http/request.hpp"

#include <strings.h>

#include <boost/url.hpp>

#include "core/text.hpp"

namespace sohosolo::http {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  const auto n = std::min(a.size(), b.size());
  const int c = strncasecmp(a.data(), b.data(), n);
  if (c != 0) return c < 0;
  return a.size() < b.size();
}

bool Request::ParseTarget() {
  if (target.find('\0') != std::string::npos) return false;
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  path = parsed->path();
  if (!core::IsValidUtf8(path)) return false;
  for (const auto& param : parsed->params()) {
    if (!core::IsValidUtf8(param.key) || !core::IsValidUtf8(param.value)) return false;
    query.emplace(param.key, param.value);
  }
  return true;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  if (auto it = headers.find(name); it != headers.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  const auto header = Header("Cookie");
  if (!header) return std::nullopt;
  for (auto part : core::Split(*header, ';')) {
    part = core::Trim(part);
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  if (auto it = query.find(std::string(name)); it != query.end()) return it->second;
  return std::nullopt;
}

const std::string& Request::Param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = path_params.find(name);
  return it == path_params.end() ? kEmpty : it->second;
}

bool Request::WantsJson() const {
  if (IsApi()) return true;
  const auto accept = Header("Accept");
  return accept && accept->find("application/json") != std::string::npos &&
         accept->find("text/html") == std::string::npos;
}

std::optional<long long> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoll(std::string(text));
}

std::optional<Form> Form::Parse(std::string_view body) {
  Form form;
  if (body.empty()) return form;
  // Boost.URL 1.81's parse_query reads its argument up to a NUL whatever its length
  // (boostorg/url#757, fixed in 1.83): it gets a NUL-terminated copy, and a body holding a raw
  // NUL (which URL-encoding never produces) is refused before.
  if (body.find('\0') != std::string_view::npos) return std::nullopt;
  const std::string owned(body);
  auto params = boost::urls::parse_query(owned);
  if (!params) return std::nullopt;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;  // HTML forms encode spaces as '+'.
  for (const auto& param : *params) {
    auto key = param.key.decode(opts);
    auto value = param.has_value ? param.value.decode(opts) : std::string();
    if (!core::IsValidUtf8(key) || !core::IsValidUtf8(value)) return std::nullopt;
    // NUL and other control characters have no place in a form field (line breaks do, in a
    // textarea): refused here, for every form, the same on both engines.
    if (core::HasControlCharacters(key, core::Lines::kOne) ||
        core::HasControlCharacters(value, core::Lines::kMany)) {
      return std::nullopt;
    }
    form.fields_.emplace(std::move(key), std::move(value));
  }
  return form;
}

std::string Form::Get(std::string_view name) const {
  if (auto it = fields_.find(name); it != fields_.end()) return it->second;
  return {};
}

bool Form::Has(std::string_view name) const { return fields_.find(name) != fields_.end(); }

std::vector<std::string> Form::All(std::string_view name) const {
  std::vector<std::string> out;
  const auto [first, last] = fields_.equal_range(name);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

}  // namespace sohosolo::http
