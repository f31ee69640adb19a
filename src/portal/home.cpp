#include "portal/home.hpp"

#include <chrono>
#include <string>
#include <utility>

#include "core/kept_values.hpp"

namespace sohosolo::portal {

namespace {

using http::Context;
using http::Request;
using http::ViewData;

/// Blocks kept per programme and language for a minute (nothing here invalidates them: what
/// they show changes a few times a week, and a minute late is fine on a home page).
class BlockCache {
 public:
  ViewData Get(const Context& ctx, const HomeBlock& block) {
    if (!block) return ViewData(false);
    const auto key = std::make_pair(ctx.programme.id.value, ctx.lang);
    if (auto kept = kept_.Find(key)) return *kept;
    const auto generation = kept_.Generation();
    auto data = block(ctx);
    kept_.Keep(key, data, generation);
    return data;
  }

 private:
  core::KeptValues<std::pair<long long, std::string>, ViewData> kept_{std::chrono::seconds(60),
                                                                      1000};
};

/// The page itself for visitors without an account, per programme and language, with the
/// blocks' version it was made from.
struct KeptPage {
  std::uint64_t version = 0;
  std::string html;
};

struct Home {
  HomeBlocks blocks;
  BlockCache places;
  BlockCache events;
  // Two seconds: a change made elsewhere (the programme's description, a figure computed by
  // another process) shows as soon as it would without this; the blocks' own caches are longer.
  core::KeptValues<std::pair<long long, std::string>, KeptPage> pages{std::chrono::seconds(2),
                                                                      1000};

  http::Response operator()(Request& req, Context& ctx) {
    // Only a GET of the bare address: any query (?deleted, or a million distinct ones) is made
    // each time, and so is a HEAD (whose target the context does not keep).
    if (ctx.account || req.method != "GET" || req.target != "/") return Make(req, ctx);
    const auto key = std::make_pair(ctx.programme.id.value, ctx.lang);
    const std::uint64_t version = blocks.version ? blocks.version() : 0;
    if (auto kept = pages.Find(key); kept && kept->version == version)
      return http::Response::Html(kept->html);
    const auto generation = pages.Generation();
    auto response = Make(req, ctx);
    if (response.status == 200) pages.Keep(key, {version, response.body}, generation);
    return response;
  }

  http::Response Make(Request& req, Context& ctx) {
    ViewData data;
    data.set("description", ctx.programme.description);
    data.set("deleted", req.Query("deleted").has_value());
    if (blocks.figures) data.set("figures", blocks.figures(ctx));
    data.set("places", places.Get(ctx, blocks.places));
    data.set("club", events.Get(ctx, blocks.events));
    return http::Page(ctx, "src/portal/views/home.html", std::move(data), "home.title");
  }
};

}  // namespace

void AddHomeRoute(http::Router& router, HomeBlocks blocks) {
  auto home = std::make_shared<Home>();
  home->blocks = std::move(blocks);
  router.Add("GET", "/", http::Access::Public(),
             [home](Request& req, Context& ctx) { return (*home)(req, ctx); });
}

}  // namespace sohosolo::portal
