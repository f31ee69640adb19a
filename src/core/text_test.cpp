#include "core/text.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>
#include <vector>

#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"

namespace sohosolo::core {

TEST(Utf8, AcceptsFrenchAndEmoji) {
  EXPECT_TRUE(IsValidUtf8("Élodie à Lectoure 🌻"));
  EXPECT_EQ(Utf8Length("Élodie"), 6u);
}

TEST(Utf8, RefusesMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Fold, WordsLoseTheirAccentsAndCaseButNotTheirBoundaries) {
  EXPECT_EQ(FoldForSearch("L'Isle-Jourdain"), "lislejourdain");
  EXPECT_EQ(FoldForSearch("Œuvre ÉTÉ"), "oeuvreete");
  const std::vector<std::string> words{"developpeuse", "web", "c", "l", "isle", "jourdain"};
  EXPECT_EQ(FoldedWords("Développeuse web, C++ — L'Isle-Jourdain"), words);
  EXPECT_TRUE(FoldedWords(" ,;  ").empty());
  // Malformed UTF-8 and control characters fold to nothing rather than to a word.
  EXPECT_TRUE(FoldedWords(std::string("\xff\x01", 2)).empty());
}

TEST(CommuneCode, FiveDigitsOrCorsica) {
  for (const char* good : {"32013", "2A004", "2B033", "97411"})
    EXPECT_TRUE(IsCommuneCode(good)) << good;
  for (const char* bad : {"", "3201", "320130", "AAAAA", "2C004", "32A13", "2a004", "3201x"})
    EXPECT_FALSE(IsCommuneCode(bad)) << bad;
}

TEST(Email, PlausibleAddresses) {
  EXPECT_TRUE(LooksLikeEmail("ines@mairie-auch.fr"));
  EXPECT_FALSE(LooksLikeEmail("ines"));
  EXPECT_FALSE(LooksLikeEmail("a@b"));
  EXPECT_FALSE(LooksLikeEmail("a b@c.fr"));
  EXPECT_FALSE(LooksLikeEmail("a@@c.fr"));
}

TEST(Language, NegotiatesAcceptLanguage) {
  EXPECT_EQ(NegotiateLanguage("en-GB,en;q=0.9,fr;q=0.8"), "en");
  EXPECT_EQ(NegotiateLanguage("de-DE,fr;q=0.5"), "fr");
  EXPECT_EQ(NegotiateLanguage("de-DE"), "");
  EXPECT_EQ(NegotiateLanguage("fr;q=0.2,en;q=0.7"), "en");
}

TEST(Catalogue, EveryEnglishKeyExistsInFrenchAndBack) {
  const auto& c = Catalogue::Get();
  const auto& fr = c.All("fr");
  const auto& en = c.All("en");
  EXPECT_EQ(fr.size(), en.size());
  EXPECT_EQ(c.Translate("fr", "nav.home"), "Accueil");
  EXPECT_EQ(c.Translate("en", "nav.home"), "Home");
  EXPECT_EQ(c.Translate("de", "nav.home"), "Accueil");
}

TEST(Time, FormatsInParisWithDaylightSaving) {
  // 2026-07-01T10:00:00Z is noon in Paris (summer, +02:00); 2026-12-01T10:00:00Z is 11:00 (+01:00).
  EXPECT_EQ(FormatRfc3339Paris(1782900000), "2026-07-01T12:00:00+02:00");
  EXPECT_EQ(FormatRfc3339Paris(1796119200), "2026-12-01T11:00:00+01:00");
  EXPECT_EQ(FormatRfc3339Utc(1796119200), "2026-12-01T10:00:00Z");
  EXPECT_EQ(FormatLocal(1796119200, "fr"), "01/12/2026 11:00");
}

TEST(Crypto, TokensAreRandomAndHashesStable) {
  InitCrypto();
  EXPECT_NE(RandomToken(), RandomToken());
  EXPECT_EQ(RandomToken(32).size(), 43u);
  EXPECT_EQ(HashToken("abc"), HashToken("abc"));
  EXPECT_EQ(HashToken("abc").size(), 64u);
  EXPECT_TRUE(EqualConstantTime("abc", "abc"));
  EXPECT_FALSE(EqualConstantTime("abc", "abd"));
}

TEST(Crypto, TokensFromThePoolNeverRepeat) {
  // Tokens come from a per-thread pool of kernel random bytes, refilled every 4 KiB: thousands
  // of tokens cross many refills, and one larger than the pool is served too.
  InitCrypto();
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) EXPECT_TRUE(seen.insert(RandomToken(24)).second) << i;
  EXPECT_EQ(RandomToken(5000).size(), 6667u);
  // Another thread has its own pool: no token in common.
  std::vector<std::string> other;
  std::thread([&] {
    for (int i = 0; i < 200; ++i) other.push_back(RandomToken(24));
  }).join();
  for (const auto& token : other) EXPECT_TRUE(seen.insert(token).second);
}

TEST(Crypto, AForkedChildDoesNotReuseItsParentsRandomBytes) {
  InitCrypto();
  RandomToken(9);  // the pool holds unused bytes at the fork
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const auto token = RandomToken(32);
    const auto written = write(fds[1], token.data(), token.size());
    _exit(written == static_cast<ssize_t>(token.size()) ? 0 : 1);
  }
  close(fds[1]);
  const auto mine = RandomToken(32);
  std::string theirs(64, '\0');
  const auto got = read(fds[0], theirs.data(), theirs.size());
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_EQ(got, 43);
  theirs.resize(43);
  EXPECT_NE(mine, theirs);
}

}  // namespace sohosolo::core
