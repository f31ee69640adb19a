#include "portal/routes.hpp"

#include "core/i18n.hpp"
#include "core/time.hpp"
#include "http/safe.hpp"
#include "http/views.hpp"
#include "outbox/service.hpp"

namespace sohosolo::portal {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

/// The newest messages of the queue as the staff's pages show them.
ViewData QueueView(db::Pool& pool, Context& ctx) {
  ViewData messages{ViewData::type::list};
  auto lease = pool.Acquire();
  for (const auto& m : outbox::Latest(lease, ctx.programme.id, 100)) {
    ViewData item;
    item.set("id", std::to_string(m.id));
    item.set("recipient", m.recipient);
    item.set("subject", m.subject);
    item.set("kind", m.kind);
    item.set("created_at", core::FormatLocal(m.created_at, ctx.lang));
    item.set("sent", m.sent);
    item.set("state", core::Catalogue::Get().Translate(ctx.lang, "outbox.state_" + m.state));
    item.set("failed", m.state == "failed");
    item.set("attempts", std::to_string(m.attempts));
    item.set("last_error", m.last_error);
    item.set("next_attempt",
             m.state == "retry" ? core::FormatLocal(m.next_attempt_at, ctx.lang) : std::string());
    messages.push_back(item);
  }
  ViewData data;
  data.set("messages", messages);
  data.set("has_messages", !messages.is_empty_list());
  return data;
}

}  // namespace

void AddRoutes(http::Router& router, db::Pool& pool, HomeBlocks home) {
  AddHomeRoute(router, std::move(home));
  router.Add("GET", "/readyz", Access::Public(), [&pool](Request&, Context&) {
    if (pool.Ping()) return Response::Text("ready\n", "text/plain; charset=utf-8");
    auto response = Response::Text("database unreachable\n", "text/plain; charset=utf-8", 503);
    response.SetHeader("Retry-After", "5");
    return response;
  });
  // A plain link switches the language of this browser (no JavaScript, no state change on the
  // server: the account's saved language is changed on the account page).
  router.Add("GET", "/lang/{code}", Access::Public(), [](Request& req, Context& ctx) {
    const auto& code = req.Param("code");
    if (core::SupportedLanguage(code) != code)
      return http::ErrorResponse(req, ctx, core::NotFound());
    auto response =
        Response::Redirect(http::LocalRedirectTarget(req.Query("next").value_or("/"), "/"));
    response.headers.emplace_back("Set-Cookie",
                                  http::SetCookieValue("lang", code, {.max_age = 31536000}));
    return response;
  });
  router.Add("GET", "/admin", Access::AdminOnly(), [&pool](Request&, Context& ctx) {
    ViewData data = QueueView(pool, ctx);
    return http::Page(ctx, "src/portal/views/admin.html", std::move(data), "admin.title");
  });
  // The mail queue, for the staff: who, what, how it went; never a body (invitations and resets
  // carry secret links meant for their recipient only).
  router.Add("GET", "/outbox", Access::Staff(), [&pool](Request& req, Context& ctx) {
    ViewData data = QueueView(pool, ctx);
    data.set("requeued", req.Query("requeued").has_value());
    return http::Page(ctx, "src/portal/views/outbox.html", std::move(data), "outbox.title");
  });
  router.Add("POST", "/outbox/{id}/retry", Access::Staff(), [&pool](Request& req, Context& ctx) {
    const auto id = http::ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto lease = pool.Acquire();
    if (auto done = outbox::Requeue(lease, ctx.programme.id, *id); !done)
      return http::ErrorResponse(req, ctx, done.error());
    return Response::Redirect("/outbox?requeued=" + std::to_string(*id));
  });
}

}  // namespace sohosolo::portal
