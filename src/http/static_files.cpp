#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace sohosolo::http {

namespace {

std::string ContentType(const std::filesystem::path& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".geojson", "application/geo+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  auto it = kTypes.find(path.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

/// The file a path under /static/ names, or nullopt: segments of letters, digits and "-_.~@+",
/// none empty, "." or "..", nor starting with a dot. Anything else (NUL, control characters,
/// backslashes, "./" or "//" variants of a real name) names no file, so that one file has one
/// name and the cache one entry per file.
std::optional<std::string> StaticFiles::Normalise(std::string_view relative) {
  if (relative.empty() || relative.size() > 256) return std::nullopt;
  for (const auto segment : core::Split(relative, '/')) {
    if (segment.empty() || segment.front() == '.') return std::nullopt;
    for (const char c : segment) {
      const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!alnum && std::string_view("-_.~@+").find(c) == std::string_view::npos)
        return std::nullopt;
    }
  }
  return std::string(relative);
}

std::optional<StaticFiles::File> StaticFiles::Load(const std::string& relative) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(relative); it != cache_.end()) return it->second;
  }
  const auto path = root_ / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > kMaxFileBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  File file{content.str(), "", ContentType(path)};
  file.etag = "\"" + core::HashToken(file.body).substr(0, 32) + "\"";
  std::lock_guard lock(mutex_);
  // Only files that exist are cached, under their one name: the folder bounds the cache. The
  // cap is a second line, should the folder hold more than a site needs.
  if (cache_.size() < kMaxCachedFiles) cache_[relative] = file;
  return file;
}

std::size_t StaticFiles::cached() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

std::optional<Response> StaticFiles::Serve(const Request& req) {
  constexpr std::string_view kPrefix = "/static/";
  if (!req.path.starts_with(kPrefix)) return std::nullopt;
  const auto relative = Normalise(std::string_view(req.path).substr(kPrefix.size()));
  if (!relative) return std::nullopt;
  auto file = Load(*relative);
  if (!file) return std::nullopt;
  Response response;
  response.SetHeader("ETag", file->etag);
  response.SetHeader("Cache-Control", "public, max-age=3600, must-revalidate");
  if (auto inm = req.Header("If-None-Match"); inm && inm->find(file->etag) != std::string::npos) {
    response.status = 304;
    return response;
  }
  response.SetHeader("Content-Type", file->content_type);
  response.body = std::move(file->body);
  return response;
}

}  // namespace sohosolo::http
