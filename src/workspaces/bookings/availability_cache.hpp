#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "workspaces/bookings/rules.hpp"

namespace sohosolo::workspaces {

/// What one availability question asks: the answer depends on nothing else but the data.
struct AvailabilityKey {
  long long programme = 0;
  long long resource = 0;
  long long from_day = 0;
  long long to_day = 0;
  long long viewer = 0;  ///< rental contracts make a desk busy for all but its holders
  bool operator==(const AvailabilityKey&) const = default;
};

/// An answer as kept: the periods, and the API's JSON body rendered once from them.
struct KeptAvailability {
  Availability answer;
  std::string body;
};

/// The body of GET /api/v1/resources/{id}/availability: {"resource_id", "free", "busy"}, each
/// period {"start", "end"} in RFC 3339 (Europe/Paris offsets).
std::string AvailabilityBody(long long resource_id, const Availability& answer);

/// Availability answers kept a short while in the process. An answer is reused only while no
/// write transaction of this process has committed since it was read (`generation`, the pool's
/// commit count read before the answer's first read) and for at most `ttl`: a write made by
/// another process (another `serve` on the same PostgreSQL, a command line) shows within that
/// time. Bounded in bytes: past `capacity_bytes` the expired ones go, then all (a client asking a
/// million distinct questions, or ninety-two days at a time, costs at most that much memory).
class AvailabilityCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit AvailabilityCache(Clock::duration ttl = std::chrono::seconds(1),
                             std::size_t capacity_bytes = 32 << 20,
                             std::function<Clock::time_point()> now = Clock::now);

  std::shared_ptr<const KeptAvailability> Find(const AvailabilityKey& key,
                                               std::uint64_t generation);
  void Keep(const AvailabilityKey& key, std::uint64_t generation,
            std::shared_ptr<const KeptAvailability> answer);
  std::size_t size() const;
  /// What the kept answers weigh, as counted against the capacity.
  std::size_t bytes() const;

 private:
  struct Hash {
    std::size_t operator()(const AvailabilityKey& k) const;
  };
  struct Entry {
    std::uint64_t generation = 0;
    Clock::time_point expires;
    std::shared_ptr<const KeptAvailability> answer;
    std::size_t bytes = 0;
  };
  using Map = std::unordered_map<AvailabilityKey, Entry, Hash>;
  /// Erases an entry, keeping bytes_ right; returns the next one.
  Map::iterator Drop(Map::iterator it);

  Clock::duration ttl_;
  std::size_t capacity_;
  std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  Map entries_;
  std::size_t bytes_ = 0;
};

}  // namespace sohosolo::workspaces
