#include "http/access_log.hpp"

#include <pthread.h>
#include <spdlog/details/console_globals.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <csignal>

namespace sohosolo::http {

namespace {

/// Starts `run` on a thread that never takes SIGINT or SIGTERM: those are the server's, and a
/// handler run on the writer would interrupt a write to a full pipe, losing part of a batch.
std::thread WithoutStopSignals(std::function<void()> run) {
  sigset_t stop, previous;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, &previous);
  std::thread thread(std::move(run));
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return thread;
}

}  // namespace

BatchedSink::BatchedSink(std::FILE* file, Options options)
    : file_(file),
      options_(options),
      formatter_(std::make_unique<spdlog::pattern_formatter>()),
      writer_(WithoutStopSignals([this] { WriteLoop(); })) {}

BatchedSink::~BatchedSink() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_one();
  writer_.join();  // the writer drains what is pending before it returns
}

void BatchedSink::log(const spdlog::details::log_msg& msg) {
  std::unique_lock lock(mutex_);
  written_.wait(lock, [this] { return pending_.size() < options_.max_pending_bytes || stopping_; });
  spdlog::memory_buf_t line;
  formatter_->format(msg, line);
  const bool first = pending_.empty();
  pending_.append(line.data(), line.size());
  ++appended_;
  // The writer sleeps while there is nothing to write: the first line wakes it, and it then
  // waits the interval for the batch to fill.
  if (first || pending_.size() >= options_.batch_bytes) ready_.notify_one();
}

void BatchedSink::flush() {
  std::unique_lock lock(mutex_);
  const auto target = appended_;
  if (written_through_ >= target) return;
  flush_asked_through_ = std::max(flush_asked_through_, target);
  ready_.notify_one();
  written_.wait(lock, [this, target] { return written_through_ >= target; });
}

void BatchedSink::set_pattern(const std::string& pattern) {
  set_formatter(std::make_unique<spdlog::pattern_formatter>(pattern));
}

void BatchedSink::set_formatter(std::unique_ptr<spdlog::formatter> formatter) {
  std::lock_guard lock(mutex_);
  formatter_ = std::move(formatter);
}

void BatchedSink::WriteLoop() {
  std::string batch;
  std::unique_lock lock(mutex_);
  const auto due = [this] {
    return stopping_ || pending_.size() >= options_.batch_bytes ||
           flush_asked_through_ > written_through_;
  };
  for (;;) {
    ready_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
    ready_.wait_for(lock, options_.interval, due);
    batch.swap(pending_);
    const auto through = appended_;
    const bool stop = stopping_;
    lock.unlock();
    if (!batch.empty()) {
      // Only this thread writes the access log, so batches keep the order of their lines. The
      // console mutex is the one spdlog's console sinks write under: a batch does not land in
      // the middle of another line of the process.
      std::lock_guard console(spdlog::details::console_mutex::mutex());
      std::fwrite(batch.data(), 1, batch.size(), file_);
      std::fflush(file_);
      batch.clear();
    }
    lock.lock();
    written_through_ = through;
    written_.notify_all();
    if (stop && pending_.empty()) return;
  }
}

namespace {
std::atomic<long long> access_log_interval_ms{100};
}

void SetAccessLogInterval(std::chrono::milliseconds interval) {
  access_log_interval_ms = interval.count();
}

spdlog::logger& AccessLog() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    BatchedSink::Options options;
    options.interval = std::chrono::milliseconds(access_log_interval_ms.load());
    auto made =
        std::make_shared<spdlog::logger>("access", std::make_shared<BatchedSink>(stdout, options));
    // Takes the global level and pattern (main sets them) and registers the logger, so that
    // later spdlog::set_level and set_pattern calls reach it too.
    spdlog::initialize_logger(made);
    return made;
  }();
  return *logger;
}

void FlushAccessLog() { AccessLog().flush(); }

}  // namespace sohosolo::http
