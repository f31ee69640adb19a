#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/status.hpp"

namespace sohosolo::http {

namespace {

Response Named(const char* name) { return Response::Text(name, "text/plain"); }

Request Make(const char* method, const char* target) {
  Request req;
  req.method = method;
  req.target = target;
  EXPECT_TRUE(req.ParseTarget());
  return req;
}

}  // namespace

TEST(Router, MatchesPathParametersAndMethods) {
  Router router;
  router.Add("GET", "/api/v1/tokens", Access::AnyAccount(),
             [](Request&, Context&) { return Named("list"); });
  router.Add("DELETE", "/api/v1/tokens/{id}", Access::AnyAccount(),
             [](Request&, Context&) { return Named("del"); });
  auto req = Make("DELETE", "/api/v1/tokens/42");
  auto match = router.Match(req);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(req.Param("id"), "42");

  auto wrong = Make("POST", "/api/v1/tokens/42");
  auto none = router.Match(wrong);
  EXPECT_EQ(none.route, nullptr);
  EXPECT_EQ(none.allowed_methods, std::vector<std::string>{"DELETE"});

  auto missing = Make("GET", "/nowhere");
  EXPECT_EQ(router.Match(missing).route, nullptr);
  EXPECT_TRUE(router.Match(missing).allowed_methods.empty());
}

TEST(Router, HeadFollowsGet) {
  Router router;
  router.Add("GET", "/", Access::Public(), [](Request&, Context&) { return Named("home"); });
  auto req = Make("HEAD", "/");
  EXPECT_NE(router.Match(req).route, nullptr);
}

TEST(Access, DeniesByRole) {
  const auto staff = Access::Staff();
  Context anonymous;
  Context member;
  member.account = Account{1, "m@example.org", "M", "fr"};
  member.roles = {Role::kMember};
  Context admin = member;
  admin.roles = {Role::kAdmin};
  EXPECT_EQ(staff.Check(anonymous), Access::Verdict::kNeedsLogin);
  EXPECT_EQ(staff.Check(member), Access::Verdict::kForbidden);
  EXPECT_EQ(staff.Check(admin), Access::Verdict::kOk);
  EXPECT_EQ(Access::Public().Check(anonymous), Access::Verdict::kOk);
  EXPECT_EQ(Access::AnyAccount().Check(member), Access::Verdict::kOk);
}

TEST(Status, OneMappingForEveryCode) {
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kMalformed), 400);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kInvalid), 422);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kRateLimited), 429);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kUnavailable), 503);
}

TEST(Request, ParsesCookiesQueryAndForms) {
  auto req = Make("GET", "/search?q=Lect%C3%B4ure&page=2");
  EXPECT_EQ(req.Query("q"), "Lectôure");
  req.headers["cookie"] = "a=1; sid=xyz; lang=en";
  EXPECT_EQ(req.Cookie("sid"), "xyz");
  EXPECT_EQ(req.Cookie("none"), std::nullopt);
  auto form = Form::Parse("email=a%40b.fr&name=%C3%89lodie+M");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->Get("email"), "a@b.fr");
  EXPECT_EQ(form->Get("name"), "Élodie M");
  EXPECT_FALSE(Form::Parse("name=%FF%FE"));
}

}  // namespace sohosolo::http

namespace sohosolo::http {

TEST(Request, ParsesIdsStrictly) {
  EXPECT_EQ(ParseId("42"), 42);
  EXPECT_EQ(ParseId("000123"), 123);
  EXPECT_EQ(ParseId(""), std::nullopt);
  EXPECT_EQ(ParseId("-1"), std::nullopt);
  EXPECT_EQ(ParseId("12abc"), std::nullopt);
  EXPECT_EQ(ParseId("9999999999999999999"), std::nullopt);
}

}  // namespace sohosolo::http
