#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohosolo::http {

/// Case-insensitive ordering for header names.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};

/// A request as the application sees it: no Beast types, so routes stay testable.
struct Request {
  std::string method;
  std::string target;  ///< As received: path and query.
  std::string path;    ///< Percent-decoded path.
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  std::string client_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;
  std::multimap<std::string, std::string> query;

  /// Parses `target` into `path` and `query`; false when it is not a valid origin-form target.
  bool ParseTarget();
  std::optional<std::string> Header(std::string_view name) const;
  std::optional<std::string> Cookie(std::string_view name) const;
  std::optional<std::string> Query(std::string_view name) const;
  const std::string& Param(const std::string& name) const;
  /// True for the JSON API; the raw target decides when the path could not be decoded (a bad
  /// percent escape), so that API clients still get a problem document.
  bool IsApi() const { return path.starts_with("/api/") || target.starts_with("/api/"); }
  bool WantsJson() const;
};

/// A row id from a path segment or form field: digits only, at most 18 of them, else nullopt (so
/// "12abc", "-1" and overflowing numbers are a plain 404, not an exception).
std::optional<long long> ParseId(std::string_view text);

/// Fields of an application/x-www-form-urlencoded body.
class Form {
 public:
  /// Returns nullopt when the body is not valid URL-encoding or UTF-8.
  static std::optional<Form> Parse(std::string_view body);
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  /// Every value of a field sent several times (checkboxes), in the body's order.
  std::vector<std::string> All(std::string_view name) const;

 private:
  std::multimap<std::string, std::string, std::less<>> fields_;
};

}  // namespace sohosolo::http
