// The pure parts of auth: password hashing and rules, e-mail keys, the throttle's waits. What
// needs the database (sessions, tokens, links, throttles counted) is in
// tests/storage/auth_test.cpp, on both engines.
#include <gtest/gtest.h>

#include "auth/password.hpp"
#include "auth/service.hpp"
#include "core/crypto.hpp"

namespace sohosolo::auth {
namespace {

TEST(Password, HashesVerifyOnlyTheirOwnPassword) {
  core::InitCrypto();
  const auto hash = HashPassword("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery", hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", hash));
  EXPECT_FALSE(VerifyPassword("", hash));
  // Two hashes of one password differ (random salt) and both verify.
  const auto again = HashPassword("correct horse battery");
  EXPECT_NE(hash, again);
  EXPECT_TRUE(VerifyPassword("correct horse battery", again));
}

TEST(Password, AnEmptyOrBrokenHashNeverVerifies) {
  core::InitCrypto();
  EXPECT_FALSE(VerifyPassword("anything at all", ""));
  EXPECT_FALSE(VerifyPassword("anything at all", "$argon2id$v=19$m=1,t=1,p=1$broken"));
  EXPECT_FALSE(VerifyPassword("", ""));
}

TEST(Password, RulesCountCharactersNotBytes) {
  EXPECT_EQ(CheckPassword("password", "123456789").size(), 1u);
  EXPECT_EQ(CheckPassword("password", "123456789")[0].message_key, "error.password.too_short");
  EXPECT_TRUE(CheckPassword("password", "1234567890").empty());
  // Ten accented letters are twenty bytes but ten characters: long enough, not too long.
  EXPECT_TRUE(CheckPassword("password", "éééééééééé").empty());
  EXPECT_FALSE(CheckPassword("password", "ééééééééé").empty());
  EXPECT_TRUE(CheckPassword("password", std::string(1024, 'x')).empty());
  const auto long_one = CheckPassword("new_password", std::string(1025, 'x'));
  ASSERT_EQ(long_one.size(), 1u);
  EXPECT_EQ(long_one[0].field, "new_password");
  EXPECT_EQ(long_one[0].message_key, "error.field.too_long");
}

TEST(EmailKey, TrimsAndLowersAsciiOnly) {
  EXPECT_EQ(EmailKey("  Marie.Dupont@Example.ORG \t"), "marie.dupont@example.org");
  // Non-ASCII letters are left as they are: lowering them would depend on the locale.
  EXPECT_EQ(EmailKey("Élodie@exemple.fr"), "Élodie@exemple.fr");
  EXPECT_EQ(EmailKey(""), "");
}

TEST(WaitAfter, FreeFailuresThenDoublingDelaysUpToTheCap) {
  const long long now = 1'800'000'000;
  auto after = [&](int count, long long latest) {
    return WaitAfter(Attempts{count, latest - 60, latest}, 5, 30, 15 * 60, now);
  };
  EXPECT_EQ(after(0, now), 0);
  EXPECT_EQ(after(4, now), 0);     // below the free failures: no wait at all
  EXPECT_EQ(after(5, now), 30);    // the first delay, counted from the latest failure
  EXPECT_EQ(after(6, now), 60);    // doubled
  EXPECT_EQ(after(7, now), 120);   // and again
  EXPECT_EQ(after(10, now), 900);  // up to the cap (960 would be next)
  EXPECT_EQ(after(1000, now), 900);
  EXPECT_EQ(after(5, now - 10), 20);  // time already waited counts
  EXPECT_EQ(after(5, now - 31), 0);   // and the wait is over
}

}  // namespace
}  // namespace sohosolo::auth
