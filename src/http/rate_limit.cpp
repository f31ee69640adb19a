#include "http/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace sohosolo::http {

int RateLimiter::Take(const std::string& client) {
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) {
      buckets_.erase(by_age_.back());
      by_age_.pop_back();
    }
    by_age_.push_front(client);
    it = buckets_.emplace(client, Bucket{burst_, now, by_age_.begin()}).first;
  } else {
    by_age_.splice(by_age_.begin(), by_age_, it->second.age);
  }
  auto& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.at).count();
  b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
  b.at = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace sohosolo::http
