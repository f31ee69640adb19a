#include "http/openapi.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "app/api_docs.hpp"

namespace sohosolo::http {

namespace {

Response Empty(Request&, Context&) { return Response::Text("", "text/plain"); }

Router Routes() {
  Router router;
  router.Add("GET", "/api/v1/sites/{id}", Access::Public(), Empty);
  router.Add("POST", "/api/v1/sites", Access::Staff(), Empty);
  router.Add("GET", "/api/v1/me", Access::OwnAccount(), Empty);
  router.Add("GET", "/sites", Access::Public(), Empty);
  return router;
}

const ApiShape kShapes[] = {
    {"GET", "/api/v1/sites/{id}", "Read a site", nullptr, 200, R"({"type": "object"})"},
    {"POST", "/api/v1/sites", "Create a site", R"({"type": "object"})", 201,
     R"({"$ref": "#/components/schemas/Site"})"},
};

}  // namespace

TEST(OpenApi, ListsEveryApiRouteWithItsAccessAndParameters) {
  const auto router = Routes();
  ApiShapes shapes;
  shapes.Add(kShapes);
  shapes.Component("Site", R"({"type": "object"})");
  const auto doc = OpenApiDocument(router, shapes);
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  const auto& paths = doc.at("paths").as_object();
  EXPECT_EQ(paths.size(), 3u) << "the HTML page /sites is not part of the API";
  const auto& read = paths.at("/api/v1/sites/{id}").at("get").as_object();
  EXPECT_TRUE(read.at("security").as_array().empty());
  EXPECT_EQ(read.at("parameters").at(0).at("name").as_string(), "id");
  EXPECT_EQ(read.at("parameters").at(0).at("schema").at("type").as_string(), "integer");
  EXPECT_FALSE(read.at("responses").as_object().contains("401"));
  const auto& create = paths.at("/api/v1/sites").at("post").as_object();
  EXPECT_EQ(create.at("x-access").as_string(), "roles");
  EXPECT_EQ(boost::json::serialize(create.at("security")),
            R"([{"bearer":["advisor","admin"]},{"session":["advisor","admin"]}])");
  EXPECT_EQ(create.at("responses").at("422").at("$ref").as_string(),
            "#/components/responses/Problem");
  EXPECT_TRUE(create.at("responses").as_object().contains("201"));
  EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains("Site"));
  // A route without a shape is listed all the same, marked, and named by Undocumented.
  const auto& me = paths.at("/api/v1/me").at("get").as_object();
  EXPECT_TRUE(me.at("x-undocumented").as_bool());
  EXPECT_EQ(me.at("x-access").as_string(), "own-account");
  EXPECT_EQ(Undocumented(router, shapes), std::vector<std::string>{"GET /api/v1/me"});
  EXPECT_TRUE(Unrouted(router, shapes).empty());
  const ApiShape stale[] = {{"GET", "/api/v1/gone", "Gone", nullptr, 200, R"({"type": "object"})"}};
  shapes.Add(stale);
  EXPECT_EQ(Unrouted(router, shapes), std::vector<std::string>{"GET /api/v1/gone"});
}

TEST(OpenApi, RefusesASchemaThatIsNotJsonOrAShapeOrComponentGivenTwice) {
  ApiShapes shapes;
  const ApiShape bad[] = {{"GET", "/api/v1/x", "x", nullptr, 200, R"({"type": )"}};
  EXPECT_THROW(shapes.Add(bad), std::logic_error);
  shapes.Add(kShapes);
  EXPECT_THROW(shapes.Add(kShapes), std::logic_error);
  shapes.Component("Site", R"({"type": "object"})");
  EXPECT_THROW(shapes.Component("Site", R"({"type": "object"})"), std::logic_error);
}

TEST(OpenApi, EveryModuleDeclaresItsShapesAsJson) {
  // Each registry file is parsed here: a typo in a schema fails this test, not a client.
  const auto shapes = app::AllApiShapes();
  EXPECT_NE(shapes.Find("GET", "/api/v1/sites"), nullptr);
  EXPECT_NE(shapes.Find("GET", "/api/v1/openapi.json"), nullptr);
}

}  // namespace sohosolo::http
