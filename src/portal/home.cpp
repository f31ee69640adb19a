#include "portal/home.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace sohosolo::portal {

namespace {

using http::Context;
using http::Request;
using http::ViewData;

/// Blocks kept per programme and language for a minute.
class BlockCache {
 public:
  static constexpr std::chrono::seconds kMaxAge{60};

  ViewData Get(const Context& ctx, const HomeBlock& block) {
    if (!block) return ViewData(false);
    const auto key = std::make_pair(ctx.programme.id.value, ctx.lang);
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex_);
      if (auto it = kept_.find(key); it != kept_.end() && now - it->second.first < kMaxAge)
        return it->second.second;
    }
    auto data = block(ctx);  // outside the lock: a slow block does not hold other pages
    std::lock_guard lock(mutex_);
    kept_[key] = {now, data};
    return data;
  }

 private:
  std::mutex mutex_;
  std::map<std::pair<long long, std::string>,
           std::pair<std::chrono::steady_clock::time_point, ViewData>>
      kept_;
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
