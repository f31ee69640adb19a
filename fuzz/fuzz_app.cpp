// The whole program behind its HTTP pipeline, on a real SQLite file: JSON bodies of bookings,
// sites, resources, closures, the waitlist, rentals, the finder, village and exchange edits, WiFi
// plans, and raw requests (method, target, headers, cookies, body) of the fuzzer's choosing, sent
// as an admin with a bearer token (so that bodies reach the code that reads them). A request the
// program cannot handle (500) is a finding: the fuzzer stops on it.
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "app/application.hpp"
#include "auth/service.hpp"
#include "core/crypto.hpp"
#include "db/migrations.hpp"
#include "http/pipeline.hpp"
#include "portal/service.hpp"

using namespace sohosolo;

namespace {

struct World {
  std::unique_ptr<db::Pool> pool;
  std::unique_ptr<portal::Programmes> programmes;
  std::unique_ptr<app::Application> application;
  std::unique_ptr<http::Pipeline> pipeline;
  std::string token;
};

World* world = nullptr;

http::Response Send(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& content_type = "application/json") {
  http::Request req;
  req.method = method;
  req.target = target;
  req.headers["Host"] = "gers.localhost";
  req.headers["Authorization"] = "Bearer " + world->token;
  req.headers["Content-Type"] = content_type;
  req.body = body;
  req.client_address = "127.0.0.1";
  return world->pipeline->Handle(req);
}

/// "METHOD TARGET\nName: value\n...\n\nbody" as a request, with the fuzzer's own headers.
http::Response SendRaw(std::string_view input) {
  http::Request req;
  req.client_address = "127.0.0.1";
  const auto line_end = input.find('\n');
  const auto line = input.substr(0, line_end);
  const auto space = line.find(' ');
  req.method = std::string(line.substr(0, space));
  req.target = space == std::string_view::npos ? "/" : std::string(line.substr(space + 1));
  std::size_t pos = line_end == std::string_view::npos ? input.size() : line_end + 1;
  while (pos < input.size()) {
    const auto end = input.find('\n', pos);
    const auto header =
        input.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? input.size() : end + 1;
    if (header.empty()) break;
    const auto colon = header.find(':');
    if (colon == std::string_view::npos) continue;
    req.headers[std::string(header.substr(0, colon))] = std::string(header.substr(colon + 1));
  }
  req.body = std::string(input.substr(pos));
  return world->pipeline->Handle(req);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  core::InitCrypto();
  world = new World;
  char dir[] = "/tmp/sohosolo-fuzz-XXXXXX";
  if (!mkdtemp(dir)) abort();
  world->pool =
      std::make_unique<db::Pool>(db::Url::Parse(std::string("sqlite:") + dir + "/fuzz.db"), 2);
  db::Migrate(*world->pool);
  world->programmes = std::make_unique<portal::Programmes>(*world->pool);
  if (!world->programmes->Create("gers", "Soho Solo Gers", "", {"gers.localhost"},
                                 "http://gers.localhost"))
    abort();
  if (!world->programmes->Load("gers")) abort();
  world->programmes->SetFallbackUrl("http://127.0.0.1:8080");
  app::Config config;
  world->application = std::make_unique<app::Application>(*world->pool, config);
  world->pipeline =
      std::make_unique<http::Pipeline>(world->application->router(), nullptr,
                                       world->application->Hooks(*world->programmes, *world->pool));
  auth::Service accounts(*world->pool, config.auth);
  const auto admin = accounts.CreateAccount(world->programmes->Default().id, "admin@fuzz.example",
                                            "Admin", "admin", "a long fuzzing password", "fr");
  if (!admin) abort();
  world->token = accounts.CreateToken(world->programmes->Default().id, *admin, "fuzz")->token;
  // A site open every day and one of its offices, for bodies that refer to them.
  std::string hours = "[";
  for (int d = 1; d <= 7; ++d)
    hours += std::string(d > 1 ? "," : "") + R"({"weekday":)" + std::to_string(d) +
             R"(,"opens":"00:00","closes":"24:00"})";
  hours += "]";
  if (Send("POST", "/api/v1/sites",
           R"({"name":"Télécentre","kind":"coworking","opening_hours":)" + hours + "}")
          .status != 201)
    abort();
  if (Send("POST", "/api/v1/sites/1/resources", R"({"kind":"desk","name":"Poste 1"})").status !=
      201)
    abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const std::pair<const char*, const char*> kRoutes[] = {
      {"POST", "/api/v1/bookings"},          {"POST", "/api/v1/sites"},
      {"POST", "/api/v1/sites/1/resources"}, {"PUT", "/api/v1/sites/1"},
      {"POST", "/api/v1/village-finder"},    {"PUT", "/api/v1/villages/32001"},
      {"POST", "/api/v1/sites/1/closures"},  {"POST", "/api/v1/waitlist"},
      {"POST", "/api/v1/rentals"},           {"POST", "/api/v1/wifi-plans"},
      {"POST", "/api/v1/exchanges"},         {"PUT", "/api/v1/sites/1/hosts"},
  };
  constexpr std::size_t kCount = sizeof(kRoutes) / sizeof(kRoutes[0]);
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto choice = data[0] % (kCount + 2);
  http::Response response;
  if (choice < kCount) {
    response = Send(kRoutes[choice].first, kRoutes[choice].second, std::string(rest));
  } else if (choice == kCount) {
    response = Send("GET", "/api/v1/resources/1/availability?" + std::string(rest), "");
  } else {
    response = SendRaw(rest);
  }
  if (response.status >= 500) {
    fprintf(stderr, "status %d for route choice %u: %s\n", response.status,
            static_cast<unsigned>(choice), response.body.c_str());
    abort();
  }
  return 0;
}
