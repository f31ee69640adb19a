#include "workspaces/bookings/availability_cache.hpp"

#include <boost/container_hash/hash.hpp>
#include <utility>

namespace sohosolo::workspaces {

std::size_t AvailabilityCache::Hash::operator()(const AvailabilityKey& k) const {
  std::size_t seed = 0;
  boost::hash_combine(seed, k.programme);
  boost::hash_combine(seed, k.resource);
  boost::hash_combine(seed, k.from_day);
  boost::hash_combine(seed, k.to_day);
  boost::hash_combine(seed, k.viewer);
  return seed;
}

AvailabilityCache::AvailabilityCache(Clock::duration ttl, std::size_t capacity,
                                     std::function<Clock::time_point()> now)
    : ttl_(ttl), capacity_(capacity), now_(std::move(now)) {}

std::optional<Availability> AvailabilityCache::Find(const AvailabilityKey& key,
                                                    std::uint64_t generation) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.generation != generation || it->second.expires <= now) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.answer;
}

void AvailabilityCache::Keep(const AvailabilityKey& key, std::uint64_t generation,
                             const Availability& answer) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(key)) {
    std::erase_if(entries_, [&](const auto& e) {
      return e.second.expires <= now || e.second.generation != generation;
    });
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_.insert_or_assign(key, Entry{generation, now + ttl_, answer});
}

std::size_t AvailabilityCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace sohosolo::workspaces
