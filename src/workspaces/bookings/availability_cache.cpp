#include "workspaces/bookings/availability_cache.hpp"

#include <boost/container_hash/hash.hpp>
#include <boost/json.hpp>
#include <iterator>
#include <utility>

#include "core/time.hpp"

namespace sohosolo::workspaces {

boost::json::object PeriodJson(const Period& p) {
  return {{"start", core::FormatRfc3339Paris(p.start)}, {"end", core::FormatRfc3339Paris(p.end)}};
}

std::string AvailabilityBody(long long resource_id, const Availability& answer) {
  const auto periods = [](const std::vector<Period>& list) {
    boost::json::array out;
    out.reserve(list.size());
    for (const auto& p : list) out.push_back(PeriodJson(p));
    return out;
  };
  return boost::json::serialize(boost::json::object{{"resource_id", resource_id},
                                                    {"free", periods(answer.free)},
                                                    {"busy", periods(answer.busy)}});
}

const std::string& KeptAvailability::body() const {
  std::call_once(rendered_, [this] { body_ = AvailabilityBody(resource_id_, answer_); });
  return body_;
}

std::size_t KeptAvailability::Footprint() const {
  // A period renders to about 70 bytes; the rest is the entry's own bookkeeping (the map's
  // node, the shared block).
  constexpr std::size_t kRenderedPeriod = 80;
  return (answer_.free.capacity() + answer_.busy.capacity()) * (sizeof(Period) + kRenderedPeriod) +
         256;
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

AvailabilityCache::AvailabilityCache(Clock::duration ttl, std::size_t capacity_bytes,
                                     std::function<Clock::time_point()> now)
    : ttl_(ttl), capacity_(capacity_bytes), now_(std::move(now)) {}

AvailabilityCache::Map::iterator AvailabilityCache::Drop(Map::iterator it) {
  bytes_ -= it->second.bytes;
  return entries_.erase(it);
}

std::shared_ptr<const KeptAvailability> AvailabilityCache::Find(const AvailabilityKey& key,
                                                                std::uint64_t generation) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.generation != generation || it->second.expires <= now) {
    // Dropped only when it can no longer serve anyone: a request that read the commit count
    // before a newer answer was kept must not throw that answer away.
    if (it->second.generation < generation || it->second.expires <= now) Drop(it);
    return nullptr;
  }
  return it->second.answer;
}

void AvailabilityCache::Keep(const AvailabilityKey& key, std::uint64_t generation,
                             std::shared_ptr<const KeptAvailability> answer) {
  if (ttl_ <= Clock::duration::zero()) return;  // told to keep nothing
  const std::size_t bytes = answer->Footprint();
  if (bytes > capacity_) return;
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) Drop(it);
  if (bytes_ + bytes > capacity_) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      const bool stale = it->second.expires <= now || it->second.generation < generation;
      it = stale ? Drop(it) : std::next(it);
    }
    if (bytes_ + bytes > capacity_) {
      entries_.clear();
      bytes_ = 0;
    }
  }
  entries_.emplace(key, Entry{generation, now + ttl_, std::move(answer), bytes});
  bytes_ += bytes;
}

std::size_t AvailabilityCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t AvailabilityCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace sohosolo::workspaces
