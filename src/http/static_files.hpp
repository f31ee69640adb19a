#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"

namespace sohosolo::http {

/// Serves files under a folder at /static/..., with a strong ETag (content hash),
/// If-None-Match -> 304, and Cache-Control. Files are read once and kept in memory.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  /// The response for /static/<rest>, or nullopt when there is no such file.
  std::optional<Response> Serve(const Request& req);
  /// The one name of a file under the folder, from the rest of a /static/ path: nullopt for
  /// anything that could name a file twice or climb out (see static_files.cpp).
  static std::optional<std::string> Normalise(std::string_view relative);
  /// How many files the cache holds (for /metrics).
  std::size_t cached() const;

 private:
  struct File {
    std::string body;
    std::string etag;
    std::string content_type;
  };
  static constexpr std::size_t kMaxCachedFiles = 512;
  static constexpr std::uintmax_t kMaxFileBytes = 16 * 1024 * 1024;
  std::optional<File> Load(const std::string& relative);

  std::filesystem::path root_;
  mutable std::mutex mutex_;
  std::map<std::string, File> cache_;
};

}  // namespace sohosolo::http
