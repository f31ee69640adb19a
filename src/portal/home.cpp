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

struct Home {
  HomeBlocks blocks;
  BlockCache places;
  BlockCache events;

  http::Response operator()(Request& req, Context& ctx) {
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
