#include "workspaces/bookings/availability_cache.hpp"

#include <boost/container_hash/hash.hpp>
#include <boost/json.hpp>
#include <utility>

#include "core/time.hpp"

namespace sohosolo::workspaces {

std::string AvailabilityBody(long long resource_id, const Availability& answer) {
  const auto periods = [](const std::vector<Period>& list) {
    boost::json::array out;
    out.reserve(list.size());
    for (const auto& p : list) {
      out.push_back(boost::json::object{{"start", core::FormatRfc3339Paris(p.start)},
                                        {"end", core::FormatRfc3339Paris(p.end)}});
    }
    return out;
  };
  return boost::json::serialize(boost::json::object{{"resource_id", resource_id},
                                                    {"free", periods(answer.free)},
                                                    {"busy", periods(answer.busy)}});
}

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

std::shared_ptr<const KeptAvailability> AvailabilityCache::Find(const AvailabilityKey& key,
                                                                std::uint64_t generation) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.generation != generation || it->second.expires <= now) {
    entries_.erase(it);
    return nullptr;
  }
  return it->second.answer;
}

void AvailabilityCache::Keep(const AvailabilityKey& key, std::uint64_t generation,
                             std::shared_ptr<const KeptAvailability> answer) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(key)) {
    std::erase_if(entries_, [&](const auto& e) {
      return e.second.expires <= now || e.second.generation != generation;
    });
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_.insert_or_assign(key, Entry{generation, now + ttl_, std::move(answer)});
}

std::size_t AvailabilityCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace sohosolo::workspaces
