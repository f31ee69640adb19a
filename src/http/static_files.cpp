#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace sohosolo::http {

namespace {

std::string ContentType(const std::filesystem::path& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".jpg", "image/jpeg"},                {".ico", "image/x-icon"},
      {".json", "application/json"},         {".geojson", "application/geo+json"},
      {".woff2", "font/woff2"},              {".txt", "text/plain; charset=utf-8"},
  };
  auto it = kTypes.find(path.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

std::optional<StaticFiles::File> StaticFiles::Load(const std::string& relative) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(relative); it != cache_.end()) return it->second;
  }
  // Refuse anything that could climb out of the root.
  if (relative.empty() || relative.find("..") != std::string::npos || relative.front() == '/') return std::nullopt;
  const auto path = root_ / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  File file{content.str(), "", ContentType(path)};
  file.etag = "\"" + core::HashToken(file.body).substr(0, 32) + "\"";
  std::lock_guard lock(mutex_);
  cache_[relative] = file;
  return file;
}

std::optional<Response> StaticFiles::Serve(const Request& req) {
  constexpr std::string_view kPrefix = "/static/";
  if (!req.path.starts_with(kPrefix)) return std::nullopt;
  auto file = Load(req.path.substr(kPrefix.size()));
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
