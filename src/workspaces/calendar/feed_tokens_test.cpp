#include "workspaces/calendar/feed_tokens.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace sohosolo::workspaces {
namespace {

TEST(FeedTokens, DerivedTokensAreStableAndDependOnEveryInput) {
  core::InitCrypto();
  const auto secret = SecretBytes(NewServerSecret());
  ASSERT_EQ(secret.size(), 32u);
  const auto token = DeriveFeedToken(secret, 1, FeedKind::kMember, 42, 1);
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(token, DeriveFeedToken(secret, 1, FeedKind::kMember, 42, 1));
  EXPECT_NE(token, DeriveFeedToken(secret, 1, FeedKind::kMember, 42, 2));
  EXPECT_NE(token, DeriveFeedToken(secret, 2, FeedKind::kMember, 42, 1));
  EXPECT_NE(token, DeriveFeedToken(secret, 1, FeedKind::kResource, 42, 1));
  EXPECT_NE(token, DeriveFeedToken(secret, 1, FeedKind::kMember, 43, 1));
  EXPECT_NE(token, DeriveFeedToken(SecretBytes(NewServerSecret()), 1, FeedKind::kMember, 42, 1));
}

TEST(FeedTokens, SecretBytesRefusesShortOrBadHex) {
  EXPECT_TRUE(SecretBytes("abcd").empty());
  EXPECT_TRUE(SecretBytes(std::string(64, 'z')).empty());
  EXPECT_EQ(SecretBytes(std::string(64, 'a')).size(), 32u);
}

}  // namespace
}  // namespace sohosolo::workspaces
