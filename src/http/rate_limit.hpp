#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sohosolo::http {

/// A token bucket per client address, kept in memory for one process, for anonymous requests
/// that cost real work (coverage, the finder, the map's layers). At most `max_clients` addresses
/// are remembered: the least recently seen is forgotten first, so a client with a million
/// addresses costs a bounded amount of memory (and gets a fresh bucket now and then, which the
/// worker pool's bounded queue still holds in check).
class RateLimiter {
 public:
  RateLimiter(double per_minute, double burst, std::size_t max_clients = 10000)
      : per_second_(per_minute / 60.0), burst_(burst), max_clients_(max_clients) {}

  /// Takes a token for `client`; 0 when allowed, else the whole seconds to wait.
  int Take(const std::string& client);
  std::size_t size() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Bucket {
    double tokens;
    Clock::time_point at;
    std::list<std::string>::iterator age;
  };
  const double per_second_;
  const double burst_;
  const std::size_t max_clients_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> by_age_;  ///< Most recently seen first.
};

}  // namespace sohosolo::http
