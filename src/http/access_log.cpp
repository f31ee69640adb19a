#include "http/access_log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

namespace sohosolo::http {

BatchedSink::BatchedSink(std::FILE* file, Options options)
    : file_(file),
      options_(options),
      formatter_(std::make_unique<spdlog::pattern_formatter>()),
      writer_([this] { WriteLoop(); }) {}

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
  pending_.append(line.data(), line.size());
  ++appended_;
  if (pending_.size() >= options_.batch_bytes) ready_.notify_one();
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
  for (;;) {
    ready_.wait_for(lock, options_.interval, [this] {
      return stopping_ || pending_.size() >= options_.batch_bytes ||
             flush_asked_through_ > written_through_;
    });
    batch.swap(pending_);
    const auto through = appended_;
    const bool stop = stopping_;
    lock.unlock();
    if (!batch.empty()) {
      // Only this thread writes, so batches reach the file in the order they were logged.
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

spdlog::logger& AccessLog() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto made = std::make_shared<spdlog::logger>("access", std::make_shared<BatchedSink>(stdout));
    // Takes the global level and pattern (main sets them) and registers the logger, so that
    // later spdlog::set_level and set_pattern calls reach it too.
    spdlog::initialize_logger(made);
    return made;
  }();
  return *logger;
}

void FlushAccessLog() { AccessLog().flush(); }

}  // namespace sohosolo::http
