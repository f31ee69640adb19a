#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
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

/// Availability answers kept a short while in the process. An answer is reused only while no
/// write transaction of this process has committed since it was read (`generation`, the pool's
/// commit count read before the answer's first read) and for at most `ttl`: a write made by
/// another process (another `serve` on the same PostgreSQL, a command line) shows within that
/// time. Bounded: past `capacity` entries the expired ones go, then all (a client asking a
/// million distinct questions costs at most `capacity` answers of memory).
class AvailabilityCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit AvailabilityCache(Clock::duration ttl = std::chrono::seconds(1),
                             std::size_t capacity = 4096,
                             std::function<Clock::time_point()> now = Clock::now);

  std::optional<Availability> Find(const AvailabilityKey& key, std::uint64_t generation);
  void Keep(const AvailabilityKey& key, std::uint64_t generation, const Availability& answer);
  std::size_t size() const;

 private:
  struct Hash {
    std::size_t operator()(const AvailabilityKey& k) const;
  };
  struct Entry {
    std::uint64_t generation = 0;
    Clock::time_point expires;
    Availability answer;
  };
  Clock::duration ttl_;
  std::size_t capacity_;
  std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  std::unordered_map<AvailabilityKey, Entry, Hash> entries_;
};

}  // namespace sohosolo::workspaces
