#pragma once
// Values read from the database kept a short while in this process, for reads on hot paths (the
// home page's figures, the identity behind a session cookie). A write made by this process bumps
// the generation and every kept value is read again; a write made by another process (the command
// line, a second server) shows within the maximum age.

#include <atomic>
#include <boost/container_hash/hash.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace sohosolo::core {

template <typename Key, typename Value>
class KeptValues {
 public:
  using Clock = std::chrono::steady_clock;

  /// At most `capacity` values (when full, the oldest goes first).
  KeptValues(Clock::duration max_age, std::size_t capacity)
      : max_age_(max_age), capacity_(capacity == 0 ? 1 : capacity) {}

  /// The value kept for `key`, if it is still current.
  std::optional<Value> Find(const Key& key) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation_.load() ||
        Clock::now() - it->second.at > max_age_)
      return std::nullopt;
    return it->second.value;
  }
  /// Keeps `value`, read from the database as it was at `generation` (Generation() taken before
  /// reading: a write made meanwhile leaves it stale, never current).
  void Keep(const Key& key, Value value, std::uint64_t generation) {
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    // Values leave in the order they came, when too old or to make room: a few at a time, never
    // the whole map at once under the lock (100,000 values took milliseconds to free, a stall
    // for every request waiting on this lock).
    while (!order_.empty() && (order_.size() >= capacity_ || now - order_.front().at > max_age_)) {
      const auto& oldest = order_.front();
      if (auto it = entries_.find(oldest.key);
          it != entries_.end() && it->second.serial == oldest.serial)
        entries_.erase(it);
      order_.pop_front();
    }
    const auto serial = ++serial_;
    entries_.insert_or_assign(key, Entry{std::move(value), now, generation, serial});
    order_.push_back(Arrival{key, now, serial});
  }
  /// How many values are held (current or not yet dropped).
  std::size_t Size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }
  std::uint64_t Generation() const { return generation_.load(); }
  /// Something changed here: every value is read again on its next use.
  void Invalidate() { ++generation_; }
  /// Forgets one value (what it said is no longer true, e.g. a session closed).
  void Forget(const Key& key) {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
  }

 private:
  struct Entry {
    Value value;
    Clock::time_point at;
    std::uint64_t generation = 0;
    std::uint64_t serial = 0;  ///< Which Keep put it here (a key kept again is a new arrival).
  };
  /// A Keep, in order: the oldest is dropped first. An arrival whose key was kept again since, or
  /// forgotten, drops nothing.
  struct Arrival {
    Key key;
    Clock::time_point at;
    std::uint64_t serial = 0;
  };
  const Clock::duration max_age_;
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  // Hashed, not ordered: a miss and its Keep are two lookups under the lock for every request of
  // a member not seen in the last seconds, and with 100,000 kept values an ordered map compared
  // some 17 keys each time (bench/README.md, seventh pass).
  std::unordered_map<Key, Entry, boost::hash<Key>> entries_;
  std::deque<Arrival> order_;
  std::uint64_t serial_ = 0;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace sohosolo::core
