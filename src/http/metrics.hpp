#pragma once

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace sohosolo::http {

/// Request counters and latency histograms, rendered in the Prometheus text format.
class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void Record(const std::string& route, const std::string& method, int status, double seconds);
  /// Extra gauges (pool use) are appended by `extra`.
  std::string Render(const std::function<std::string()>& extra) const;

 private:
  struct Histogram {
    std::array<long long, kBuckets.size()> counts{};
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, long long> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace sohosolo::http
