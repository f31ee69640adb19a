#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

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

/// A period as the API gives it: {"start", "end"} in RFC 3339 (Europe/Paris offsets).
boost::json::object PeriodJson(const Period& p);

/// The body of GET /api/v1/resources/{id}/availability: {"resource_id", "free", "busy"}.
std::string AvailabilityBody(long long resource_id, const Availability& answer);

/// An answer as kept: the periods, and the API's JSON body, rendered from them at its first use
/// (pages read only the periods) and kept with them.
class KeptAvailability {
 public:
  KeptAvailability(long long resource_id, Availability answer)
      : resource_id_(resource_id), answer_(std::move(answer)) {}
  const Availability& answer() const { return answer_; }
  const std::string& body() const;
  /// What it may weigh once its body is rendered, as counted against the cache's capacity.
  std::size_t Footprint() const;

 private:
  long long resource_id_;
  Availability answer_;
  mutable std::once_flag rendered_;
  mutable std::string body_;
};

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
