#include "http/access_log.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace sohosolo::http {
namespace {

/// A real temporary file, read back from its start.
struct TempFile {
  std::FILE* file = std::tmpfile();
  ~TempFile() { std::fclose(file); }
  std::string Read() const {
    std::string out;
    const int fd = fileno(file);
    char buffer[65536];
    off_t at = 0;
    for (ssize_t n; (n = ::pread(fd, buffer, sizeof buffer, at)) > 0; at += n)
      out.append(buffer, n);
    return out;
  }
};

std::shared_ptr<spdlog::logger> Logger(std::FILE* file, BatchedSink::Options options) {
  auto logger =
      std::make_shared<spdlog::logger>("test", std::make_shared<BatchedSink>(file, options));
  logger->set_pattern("%v");
  return logger;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(BatchedSink, FlushWritesEveryLineLoggedBefore) {
  TempFile out;
  // An interval long enough that only flush() can have written the lines.
  auto logger = Logger(out.file, {.interval = std::chrono::hours(1)});
  logger->info("first");
  logger->info("second {}", 2);
  logger->flush();
  EXPECT_EQ(out.Read(), "first\nsecond 2\n");
}

TEST(BatchedSink, LinesFromManyThreadsArriveWholeAndInTheirOrder) {
  TempFile out;
  // Small batches and a small bound: writers often wait for the writer thread.
  auto logger = Logger(
      out.file,
      {.interval = std::chrono::milliseconds(1), .batch_bytes = 512, .max_pending_bytes = 2048});
  constexpr int kThreads = 4, kLines = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kLines; ++i) logger->info("thread {} line {} end", t, i);
    });
  for (auto& thread : threads) thread.join();
  logger->flush();
  std::vector<int> next(kThreads, 0);
  const auto lines = Lines(out.Read());
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kLines));
  for (const auto& line : lines) {
    int t = -1, i = -1;
    char end[4] = {};
    ASSERT_EQ(std::sscanf(line.c_str(), "thread %d line %d %3s", &t, &i, end), 3) << line;
    ASSERT_STREQ(end, "end") << line;
    ASSERT_TRUE(t >= 0 && t < kThreads) << line;
    EXPECT_EQ(i, next[t]++) << line;
  }
}

TEST(BatchedSink, LinesArriveWithoutFlushAfterTheInterval) {
  TempFile out;
  auto logger = Logger(out.file, {.interval = std::chrono::milliseconds(10)});
  logger->info("on its own");
  // Waits for the writer thread, without asserting how fast it is: up to a minute.
  for (int i = 0; i < 6000 && out.Read().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(out.Read(), "on its own\n");
}

TEST(BatchedSink, WithNoIntervalALineIsWrittenAtOnce) {
  TempFile out;
  auto logger = Logger(out.file, {.interval = std::chrono::milliseconds(0)});
  for (int n = 1; n <= 3; ++n) {
    logger->info("line {}", n);
    // Waits for the writer thread, without asserting how fast it is: up to a minute.
    for (int i = 0; i < 6000 && Lines(out.Read()).size() < static_cast<std::size_t>(n); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(Lines(out.Read()).size(), static_cast<std::size_t>(n));
  }
}

TEST(BatchedSink, ItsEndWritesWhatIsPending) {
  TempFile out;
  {
    auto logger = Logger(out.file, {.interval = std::chrono::hours(1)});
    logger->info("last words");
  }
  EXPECT_EQ(out.Read(), "last words\n");
}

TEST(BatchedSink, AFullBatchIsWrittenBeforeTheInterval) {
  TempFile out;
  auto logger = Logger(out.file, {.interval = std::chrono::hours(1), .batch_bytes = 100});
  for (int i = 0; i < 20; ++i) logger->info("line {:02}", i);  // 8 bytes a line: 160 bytes
  for (int i = 0; i < 6000 && out.Read().size() < 100; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const auto written = out.Read();
  EXPECT_GE(written.size(), 100u);
  EXPECT_EQ(written.substr(0, 16), "line 00\nline 01\n");
}

}  // namespace
}  // namespace sohosolo::http
