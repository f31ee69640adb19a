#include "http/metrics.hpp"

#include <fmt/format.h>

namespace sohosolo::http {

void Metrics::Record(const std::string& route, const std::string& method, int status,
                     double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const std::function<std::string()>& extra) const {
  std::string out;
  {
    std::lock_guard lock(mutex_);
    out += "# HELP sohosolo_http_requests_total HTTP requests by route, method and status.\n";
    out += "# TYPE sohosolo_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out += fmt::format(
          "sohosolo_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route,
          method, status, count);
    }
    out +=
        "# HELP sohosolo_http_request_duration_seconds Time from request read to response ready.\n";
    out += "# TYPE sohosolo_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out += fmt::format(
            "sohosolo_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
            kBuckets[i], h.counts[i]);
      }
      out += fmt::format(
          "sohosolo_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route,
          h.count);
      out += fmt::format("sohosolo_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route,
                         h.sum);
      out += fmt::format("sohosolo_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                         h.count);
    }
  }
  if (extra) out += extra();
  return out;
}

}  // namespace sohosolo::http
