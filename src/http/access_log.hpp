#pragma once

#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace sohosolo::http {

/// A spdlog sink that hands its lines to one writer thread, which writes them in batches.
///
/// Why: the access log writes one line per request. Through spdlog's console sink each line is
/// a `write` system call under one mutex for the whole process, and under load the request
/// threads queue on that mutex (bench/README.md, fifth pass). Here a request thread formats its
/// line and appends it to a buffer; the writer thread writes what is there every `interval`, at
/// once when `batch_bytes` are waiting, and on `flush()`.
///
/// What it costs: a line reaches the file at most `interval` after it was logged, and a crash
/// (not a stop) loses at most that much. Memory is bounded: past `max_pending_bytes` a request
/// thread waits for the writer, as it would have waited for the file.
class BatchedSink final : public spdlog::sinks::sink {
 public:
  struct Options {
    std::chrono::milliseconds interval{100};
    std::size_t batch_bytes = 64 * 1024;
    std::size_t max_pending_bytes = 4 * 1024 * 1024;
  };
  /// `file` stays open for the sink's life; it is written with fwrite and fflush.
  BatchedSink(std::FILE* file, Options options);
  explicit BatchedSink(std::FILE* file) : BatchedSink(file, Options{}) {}
  ~BatchedSink() override;
  BatchedSink(const BatchedSink&) = delete;
  BatchedSink& operator=(const BatchedSink&) = delete;

  void log(const spdlog::details::log_msg& msg) override;
  /// Returns once every line logged before the call is written and flushed.
  void flush() override;
  void set_pattern(const std::string& pattern) override;
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

 private:
  void WriteLoop();

  std::FILE* file_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable ready_;    // the writer: lines to write, a flush asked, or the end
  std::condition_variable written_;  // flush() and full buffers: the writer wrote a batch
  std::unique_ptr<spdlog::formatter> formatter_;
  std::string pending_;
  unsigned long long appended_ = 0;  // batches are counted in lines
  unsigned long long written_through_ = 0;
  unsigned long long flush_asked_through_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

/// The access log: one line per answered request, on standard output with the other lines, but
/// written in batches by a BatchedSink. Level and pattern follow spdlog's global ones.
spdlog::logger& AccessLog();
/// How long the access log's lines may wait to be written (BatchedSink::Options::interval); 0:
/// at once. Takes effect only before the first line (serve sets it before it listens).
void SetAccessLogInterval(std::chrono::milliseconds interval);
/// Writes out what the access log holds (at a stop, before the last lines of the process).
void FlushAccessLog();

}  // namespace sohosolo::http
