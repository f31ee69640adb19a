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

 private:
  struct File {
    std::string body;
    std::string etag;
    std::string content_type;
  };
  std::optional<File> Load(const std::string& relative);

  std::filesystem::path root_;
  std::mutex mutex_;
  std::map<std::string, File> cache_;
};

}  // namespace sohosolo::http
