#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sohosolo::core {

/// A fixed number of threads and a bounded queue, for work too heavy for the threads that read
/// and write connections (coverage, WiFi plans, the finder over a large territory). A full queue
/// refuses new work at once (the caller answers 503 with Retry-After) instead of letting it pile
/// up. Destruction finishes what was queued, then joins.
class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t queue_limit);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `job`; false (and `job` not run) when `queue_limit` jobs already wait.
  bool TrySubmit(std::function<void()> job);
  /// Jobs waiting (not yet started) and running, for the metrics.
  std::size_t waiting() const;
  std::size_t running() const;

 private:
  void Work();

  const std::size_t queue_limit_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sohosolo::core
