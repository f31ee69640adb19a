// Request decoding: the request-target (path, percent escapes, query), cookies, form bodies, and
// what the server writes back from them (redirect targets, static file names). Properties
// checked beyond "no crash, no sanitizer report": a redirect target is always a local path with
// no control character, and whatever is accepted as a static file name has no "." segment.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/safe.hpp"
#include "http/static_files.hpp"

using namespace sohosolo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The input is "target\ncookie-header\nbody".
  const auto first = input.find('\n');
  const auto second = first == std::string_view::npos ? first : input.find('\n', first + 1);
  http::Request req;
  req.method = "GET";
  req.target = std::string(input.substr(0, first));
  if (first != std::string_view::npos) {
    req.headers["Cookie"] = std::string(
        input.substr(first + 1, second == std::string_view::npos ? second : second - first - 1));
  }
  const std::string_view body =
      second == std::string_view::npos ? std::string_view() : input.substr(second + 1);
  if (req.ParseTarget()) {
    for (const auto& [key, value] : req.query) (void)req.Query(key);
    if (const auto next = req.Query("next")) {
      const auto target = http::LocalRedirectTarget(*next, "/");
      if (target.empty() || target[0] != '/' ||
          (target.size() > 1 && (target[1] == '/' || target[1] == '\\')))
        abort();
      if (!http::IsSafeHeaderValue(target)) abort();
      for (const char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) > 0x7E) abort();
      }
    }
    if (req.path.starts_with("/static/")) {
      if (const auto name = http::StaticFiles::Normalise(std::string_view(req.path).substr(8))) {
        if (name->find("/.") != std::string::npos || name->starts_with(".") ||
            name->find("//") != std::string::npos)
          abort();
      }
    }
  }
  (void)req.Cookie("sid");
  (void)req.Cookie("csrf");
  if (auto form = http::Form::Parse(body)) (void)form->Get("_csrf");
  (void)http::ParseId(input.substr(0, std::min<size_t>(size, 30)));
  return 0;
}
