#include "app/commands/progress.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace sohosolo::app {
namespace {

int CountLines(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(Progress, PhasesAreLinesWithTheTimeSinceTheStart) {
  std::ostringstream out;
  Progress progress("coverage", out, false);
  progress.Phase("reading the communes");
  progress.Phase("exact coverage");
  progress.Done();
  const auto text = out.str();
  EXPECT_TRUE(
      std::regex_search(text, std::regex(R"(^\[ +\d+\.\d s\] coverage: reading the communes\n)")))
      << text;
  EXPECT_NE(text.find("coverage: exact coverage\n"), std::string::npos);
  EXPECT_NE(text.find("coverage: done\n"), std::string::npos);
}

TEST(Progress, ALogGetsEachTenthOnceAndTheLastCount) {
  std::ostringstream out;
  Progress progress("invoice", out, false);
  progress.Phase("issuing");
  for (std::size_t i = 1; i <= 1000; ++i) progress.Count(i, 1000, "contracts");
  const auto text = out.str();
  EXPECT_EQ(CountLines(text, " contracts ("), 10) << text;
  EXPECT_NE(text.find("100 of 1000 contracts (10 %)\n"), std::string::npos);
  EXPECT_NE(text.find("1000 of 1000 contracts (100 %)\n"), std::string::npos);
  EXPECT_EQ(text.find('\r'), std::string::npos);
}

TEST(Progress, ATerminalGetsOneLineRewrittenThenClosed) {
  std::ostringstream out;
  Progress progress("invoice", out, true);
  progress.Phase("issuing");
  for (std::size_t i = 1; i <= 3; ++i) progress.Count(i, 3, "contracts");
  progress.Done();
  const auto text = out.str();
  EXPECT_NE(text.find("\r[ "), std::string::npos) << text;
  EXPECT_NE(text.find("3 of 3 contracts (100 %)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("invoice: done\n"), std::string::npos);
  EXPECT_EQ(CountLines(text, "3 of 3 contracts"), 1);
}

}  // namespace
}  // namespace sohosolo::app
