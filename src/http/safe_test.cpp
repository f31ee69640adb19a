#include "http/safe.hpp"

#include <gtest/gtest.h>

#include "http/client_address.hpp"
#include "http/rate_limit.hpp"
#include "http/static_files.hpp"

namespace sohosolo::http {
namespace {

TEST(LocalRedirectTarget, KeepsPathsOfThisSite) {
  EXPECT_EQ(LocalRedirectTarget("/account", "/"), "/account");
  EXPECT_EQ(LocalRedirectTarget("/villages?q=a&b=c#x", "/"), "/villages?q=a&b=c#x");
  EXPECT_EQ(LocalRedirectTarget("/", "/x"), "/");
  // Non-ASCII is percent-encoded, so that the Location header stays ASCII.
  EXPECT_EQ(LocalRedirectTarget("/villages?q=\xC3\xA9", "/"), "/villages?q=%C3%A9");
}

TEST(LocalRedirectTarget, RefusesAnythingABrowserCouldTakeElsewhere) {
  for (const char* bad :
       {"", "account", "https://evil.example", "//evil.example", "/\\evil.example", "/a\\b",
        "/\t/evil.example", "/\r\nSet-Cookie: sid=x", "/a b", "/\x7f", "/%00"}) {
    const std::string target =
        std::string(bad) == "/%00" ? std::string("/\0", 2) : std::string(bad);
    EXPECT_EQ(LocalRedirectTarget(target, "/fallback"), "/fallback") << bad;
  }
}

TEST(HeaderSafety, NoLineBreaksNoNulNoControls) {
  EXPECT_TRUE(IsSafeHeaderValue("attachment; filename=\"a b.json\""));
  EXPECT_TRUE(IsSafeHeaderValue("a\tb"));
  EXPECT_TRUE(IsSafeHeaderValue("caf\xC3\xA9"));
  EXPECT_FALSE(IsSafeHeaderValue("/\r\nSet-Cookie: x"));
  EXPECT_FALSE(IsSafeHeaderValue("a\nb"));
  EXPECT_FALSE(IsSafeHeaderValue(std::string("a\0b", 3)));
  EXPECT_FALSE(IsSafeHeaderValue("a\x7f"));
  EXPECT_TRUE(IsHeaderName("Set-Cookie"));
  EXPECT_TRUE(IsHeaderName("X-Request-Id"));
  EXPECT_FALSE(IsHeaderName(""));
  EXPECT_FALSE(IsHeaderName("Set Cookie"));
  EXPECT_FALSE(IsHeaderName("A:B"));
  EXPECT_TRUE(IsHeaderName("!#$%&'*+-.^_`|~09azAZ"));
  for (const char* bad : {"a\r", "a\n", "a\x7f", "caf\xC3\xA9", "a(b)", "a/b", "a\"", "{a}"})
    EXPECT_FALSE(IsHeaderName(bad)) << bad;
  EXPECT_FALSE(IsHeaderName(std::string("a\0b", 3)));
}

TEST(TrustedProxies, TheClientIsThePeerUnlessThePeerIsTrusted) {
  TrustedProxies none;
  EXPECT_EQ(none.ClientOf("127.0.0.1", "10.0.0.1"), "127.0.0.1");
  TrustedProxies proxies;
  ASSERT_TRUE(proxies.Add("127.0.0.1"));
  ASSERT_TRUE(proxies.Add("10.1.0.0/16"));
  ASSERT_TRUE(proxies.Add("::1"));
  EXPECT_FALSE(proxies.Add("10.0.0.0/33"));
  EXPECT_FALSE(proxies.Add("not-an-address"));
  EXPECT_FALSE(proxies.Add("10.0.0.0/"));
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", "203.0.113.5"), "203.0.113.5");
  // The right-most address that is not a trusted proxy: the left-most ones are the client's say.
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", "1.2.3.4, 203.0.113.5, 10.1.2.3"), "203.0.113.5");
  EXPECT_EQ(proxies.ClientOf("::1", "2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(proxies.ClientOf("::ffff:127.0.0.1", "198.51.100.7"), "198.51.100.7");
  // An untrusted peer's header is ignored; garbage stops the walk.
  EXPECT_EQ(proxies.ClientOf("192.0.2.1", "203.0.113.5"), "192.0.2.1");
  EXPECT_EQ(proxies.ClientOf("127.0.0.1", "203.0.113.5, garbage"), "127.0.0.1");
}

TEST(RateLimiter, ABurstThenTheRateAndABoundedMemory) {
  RateLimiter limiter(60, 3, 100);  // one a second, three at once
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a"), 0);
  EXPECT_GE(limiter.Take("a"), 1);
  EXPECT_EQ(limiter.Take("b"), 0);  // another address has its own bucket
  for (int i = 0; i < 1000; ++i) limiter.Take("client-" + std::to_string(i));
  EXPECT_EQ(limiter.size(), 100u);
}

TEST(StaticFileNames, OneNamePerFile) {
  EXPECT_EQ(StaticFiles::Normalise("app.css"), "app.css");
  EXPECT_EQ(StaticFiles::Normalise("vendor/leaflet/leaflet.js"), "vendor/leaflet/leaflet.js");
  for (const char* bad : {"", "./app.css", "a//b.css", "../src/main.cpp", "vendor/../app.css",
                          ".hidden", "app.css/", "a\\b", "a b", "app.css\r\n"}) {
    EXPECT_FALSE(StaticFiles::Normalise(bad)) << bad;
  }
  EXPECT_FALSE(StaticFiles::Normalise(std::string("app.css\0x", 9)));
}

}  // namespace
}  // namespace sohosolo::http
