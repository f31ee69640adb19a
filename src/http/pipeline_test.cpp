// The pipeline on its own: a router with a few routes and hooks that stand in for auth (a
// header names the caller), so that each check (access, CSRF, JSON content type, heavy work,
// /metrics, headers) is tested where it is made, without a database or a socket.
#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <condition_variable>
#include <future>

#include "core/crypto.hpp"

namespace sohosolo::http {
namespace {

constexpr const char* kCsrf = "csrf-token-of-the-session";

/// The test's stand-in for auth: "X-Test-As: member|staff|bearer" makes the caller.
void FakeAuthenticate(const Request& req, Context& ctx) {
  const auto as = req.Header("X-Test-As").value_or("");
  if (as.empty()) return;
  ctx.account = Account{as == "staff" ? 2 : 1, as + "@example.org", as, "fr"};
  ctx.auth = as == "bearer" ? AuthMethod::kBearer : AuthMethod::kSession;
  ctx.csrf_token = ctx.auth == AuthMethod::kSession ? kCsrf : "";
  ctx.roles = {Role::kMember};
  if (as == "staff") ctx.roles.insert(Role::kAdvisor);
}

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() {
    core::InitCrypto();
    router_.Add("GET", "/api/v1/open", Access::Public(), [](Request&, Context&) {
      return Response::Json(boost::json::object{{"ok", 1}});
    });
    router_.Add("POST", "/api/v1/things", Access::AnyAccount(), [](Request&, Context&) {
      return Response::Json(boost::json::object{{"made", 1}}, 201);
    });
    router_.Add("POST", "/things", Access::AnyAccount(),
                [](Request&, Context&) { return Response::Redirect("/things"); });
    router_.Add("GET", "/api/v1/staff-only", Access::Staff(),
                [](Request&, Context&) { return Response::Json(boost::json::object{}); });
    router_.Add("GET", "/private", Access::AnyAccount(),
                [](Request&, Context&) { return Response::Text("mine", "text/plain"); });
    router_.Add("GET", "/api/v1/heavy", Access::Public(), [this](Request&, Context&) {
      std::unique_lock lock(mutex_);
      ++heavy_started_;
      started_.notify_all();
      released_.wait(lock, [this] { return release_; });
      return Response::Json(boost::json::object{{"heavy", true}});
    });
    router_.Heavy("GET", "/api/v1/heavy");
    hooks_.resolve_programme = [this](const Request&) { return programme_; };
    hooks_.authenticate = FakeAuthenticate;
    hooks_.metrics_token = "metrics-secret";
    programme_.id = core::ProgrammeId{1};
    programme_.slug = "gers";
    programme_.public_url = "http://127.0.0.1:8080";
  }

  static Request Make(std::string method, std::string target, std::string as = "") {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.client_address = "127.0.0.1";
    if (!as.empty()) req.headers["X-Test-As"] = as;
    return req;
  }

  Response Handle(Request req) {
    Pipeline pipeline(router_, nullptr, hooks_);
    return pipeline.Handle(req);
  }

  static std::string Header(const Response& r, const std::string& name) {
    const auto* found = r.FindHeader(name);
    return found ? *found : "";
  }

  static std::string Code(const Response& r) {
    return std::string(boost::json::parse(r.body).as_object().at("code").as_string());
  }

  Router router_;
  PipelineHooks hooks_;
  Programme programme_;
  std::mutex mutex_;
  std::condition_variable started_, released_;
  int heavy_started_ = 0;
  bool release_ = false;
};

TEST_F(PipelineTest, UnsafeRequestWithoutTheSessionsCsrfTokenIsRefused) {
  auto req = Make("POST", "/api/v1/things", "member");
  req.headers["Content-Type"] = "application/json";
  req.body = "{}";
  const auto refused = Handle(req);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Code(refused), "error.csrf");

  req.headers["X-CSRF-Token"] = "another-token";
  EXPECT_EQ(Handle(req).status, 403);

  req.headers["X-CSRF-Token"] = kCsrf;
  EXPECT_EQ(Handle(req).status, 201);
}

TEST_F(PipelineTest, FormPostCarriesItsCsrfTokenInTheBody) {
  auto req = Make("POST", "/things", "member");
  req.headers["Content-Type"] = "application/x-www-form-urlencoded";
  req.body = "name=x&_csrf=wrong";
  EXPECT_EQ(Handle(req).status, 403);
  req.body = std::string("name=x&_csrf=") + kCsrf;
  EXPECT_EQ(Handle(req).status, 303);
  // A form that cannot be read is the client's error, not a CSRF failure.
  req.body = "name=%zz";
  EXPECT_EQ(Handle(req).status, 400);
}

TEST_F(PipelineTest, BearerTokensNeedNoCsrfToken) {
  auto req = Make("POST", "/api/v1/things", "bearer");
  req.headers["Content-Type"] = "application/json";
  req.body = "{}";
  EXPECT_EQ(Handle(req).status, 201);
}

TEST_F(PipelineTest, ApiCallWithASessionCookieMustSayItIsJson) {
  // A cross-site form can send text/plain with the victim's cookie; it cannot send JSON.
  auto req = Make("POST", "/api/v1/things", "member");
  req.headers["X-CSRF-Token"] = kCsrf;
  req.headers["Content-Type"] = "text/plain";
  req.body = "{}";
  const auto refused = Handle(req);
  EXPECT_EQ(refused.status, 415);
  EXPECT_EQ(Code(refused), "error.json_content_type");
}

TEST_F(PipelineTest, AnonymousCallersAreAskedToLogInTheWayTheyCanRead) {
  auto api = Make("POST", "/api/v1/things");
  api.headers["Content-Type"] = "application/json";
  const auto problem = Handle(api);
  EXPECT_EQ(problem.status, 401);
  EXPECT_EQ(Header(problem, "WWW-Authenticate"), "Bearer");
  EXPECT_EQ(Header(problem, "Content-Type"), "application/problem+json");

  const auto page = Handle(Make("GET", "/private?x=1&y=%C3%A9"));
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(Header(page, "Location"), "/login?next=%2Fprivate%3Fx%3D1%26y%3D%25C3%25A9");
}

TEST_F(PipelineTest, RolesAreCheckedBeforeTheHandler) {
  EXPECT_EQ(Handle(Make("GET", "/api/v1/staff-only", "member")).status, 403);
  EXPECT_EQ(Handle(Make("GET", "/api/v1/staff-only", "staff")).status, 200);
}

TEST_F(PipelineTest, WrongMethodNamesTheAllowedOnes) {
  const auto r = Handle(Make("DELETE", "/api/v1/open"));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(Header(r, "Allow"), "GET, HEAD");  // a GET route answers HEAD too
  EXPECT_EQ(Handle(Make("GET", "/api/v1/nothing-here")).status, 404);
}

TEST_F(PipelineTest, BadTargetsAndBodiesAreTheClientsError) {
  EXPECT_EQ(Handle(Make("GET", "/api/v1/open%")).status, 400);
  auto req = Make("POST", "/api/v1/things", "bearer");
  req.headers["Content-Type"] = "application/json";
  req.body = "{\"a\":\"\xff\"}";
  const auto r = Handle(req);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Code(r), "error.bad_utf8");
}

TEST_F(PipelineTest, EveryAnswerCarriesTheSecurityHeaders) {
  const auto r = Handle(Make("GET", "/api/v1/open"));
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(Header(r, "X-Request-Id").empty());
  EXPECT_NE(Header(r, "Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
  EXPECT_EQ(Header(r, "Strict-Transport-Security"), "");
}

TEST_F(PipelineTest, HttpsProgrammesGetSecureCookiesAndHsts) {
  programme_.public_url = "https://soho-solo.example.org";
  router_.Add("GET", "/api/v1/cookie", Access::Public(), [](Request&, Context&) {
    auto r = Response::Json(boost::json::object{});
    r.headers.emplace_back("Set-Cookie", "a=b; Path=/; HttpOnly");
    return r;
  });
  const auto r = Handle(Make("GET", "/api/v1/cookie"));
  EXPECT_EQ(Header(r, "Set-Cookie"), "a=b; Path=/; HttpOnly; Secure");
  EXPECT_EQ(Header(r, "Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(PipelineTest, MetricsAskForTheirTokenAndAreAbsentWithoutOne) {
  auto req = Make("GET", "/metrics");
  EXPECT_EQ(Handle(req).status, 401);
  req.headers["Authorization"] = "Bearer metrics-secret";
  const auto ok = Handle(req);
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("sohosolo_http_requests_total"), std::string::npos);
  hooks_.metrics_token.clear();
  EXPECT_EQ(Handle(req).status, 404);
}

TEST_F(PipelineTest, HeavyWorkIsRefusedWhenThePoolIsFullAndRateLimitedForAnonymousCallers) {
  auto pool = std::make_unique<core::WorkerPool>(1, 1);
  RateLimiter limit(60, 3);
  Pipeline pipeline(router_, nullptr, hooks_, {pool.get(), &limit});
  std::vector<std::future<Response>> answers;
  auto send = [&](const std::string& address) {
    auto req = std::make_shared<Request>(Make("GET", "/api/v1/heavy"));
    req->client_address = address;
    auto promise = std::make_shared<std::promise<Response>>();
    answers.push_back(promise->get_future());
    pipeline.HandleAsync(req, [promise](Response r) { promise->set_value(std::move(r)); });
  };
  send("10.0.0.1");  // runs, and holds the only worker
  {
    std::unique_lock lock(mutex_);
    started_.wait(lock, [this] { return heavy_started_ == 1; });
  }
  send("10.0.0.2");  // waits in the queue (one place)
  send("10.0.0.3");  // no place left: 503 at once
  EXPECT_EQ(answers[2].get().status, 503);
  // The same address past its burst is told to wait, without reaching the pool.
  send("10.0.0.4");
  send("10.0.0.4");
  send("10.0.0.4");
  send("10.0.0.4");
  const auto limited = answers[6].get();
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(Header(limited, "Retry-After").empty());
  {
    std::lock_guard lock(mutex_);
    release_ = true;
  }
  released_.notify_all();
  EXPECT_EQ(answers[0].get().status, 200);
  EXPECT_EQ(answers[1].get().status, 200);
  for (int i = 3; i < 6; ++i) EXPECT_NE(answers[i].get().status, 429) << i;
  pool.reset();  // joins the worker while the pipeline its jobs point to is still alive
}

TEST(RateLimiter, RefillsAtItsRateAndForgetsTheOldestAddressesFirst) {
  RateLimiter limit(60, 2, 3);
  EXPECT_EQ(limit.Take("a"), 0);
  EXPECT_EQ(limit.Take("a"), 0);
  EXPECT_GT(limit.Take("a"), 0);  // burst of two, then about a second to wait
  for (const char* other : {"b", "c", "d", "e"}) EXPECT_EQ(limit.Take(other), 0);
  EXPECT_EQ(limit.size(), 3u);
  EXPECT_EQ(limit.Take("a"), 0);  // forgotten: a fresh bucket
}

}  // namespace
}  // namespace sohosolo::http
