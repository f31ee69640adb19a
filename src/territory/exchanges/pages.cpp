// The advisors' page of telephone exchanges: list, add, move, delete; a refused form is shown
// again with its messages.
#include <fmt/format.h>

#include "http/views.hpp"
#include "territory/villages/pages_common.hpp"

namespace sohosolo::territory {

namespace {

using core::ErrorCode;
using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kExchangesView = "src/territory/exchanges/views/exchanges.html";

ViewData ExchangeRow(const Context& ctx, const ExchangeRecord& e) {
  ViewData row;
  row.set("code", e.exchange.code);
  row.set("name", e.exchange.name);
  row.set("lon", fmt::format("{:.5f}", e.exchange.lon));
  row.set("lat", fmt::format("{:.5f}", e.exchange.lat));
  row.set("where", http::T(ctx, e.exchange.in_territory ? "commune.exchange_inside"
                                                        : "commune.exchange_outside"));
  return row;
}

Response ExchangesPage(ExchangeEditor& editor, Context& ctx, const core::Error* error = nullptr,
                       const std::string& failed_form = "", const EditInput& typed = {}) {
  ViewData data;
  ViewData rows{ViewData::type::list};
  for (const auto& e : editor.List(ctx.programme.id)) rows.push_back(ExchangeRow(ctx, e));
  data.set("count", std::to_string(rows.list_value().size()));
  data.set("has_exchanges", !rows.is_empty_list());
  data.set("exchanges", rows);
  if (error) AddRefusedForm(data, ctx, *error, failed_form, typed, "typed");
  return http::Page(ctx, kExchangesView, std::move(data), "exchanges.title", error ? 422 : 200);
}

template <typename Change>
Response ExchangeEdit(ExchangeEditor& editor, Request& req, Context& ctx, const std::string& form,
                      Change change) {
  auto input = FormInput(req);
  if (!input) return http::ErrorResponse(req, ctx, ErrorCode::kMalformed, "error.bad_form");
  const core::Status done = change(*input);
  if (done) return Response::Redirect("/centraux#" + form);
  if (done.error().code == ErrorCode::kNotFound) return http::ErrorResponse(req, ctx, done.error());
  return ExchangesPage(editor, ctx, &done.error(), form, *input);
}

}  // namespace

void AddExchangePages(http::Router& router, ExchangeEditor& editor) {
  router.Add("GET", "/centraux", Access::Staff(),
             [&editor](Request&, Context& ctx) { return ExchangesPage(editor, ctx); });
  router.Add("POST", "/centraux", Access::Staff(), [&editor](Request& req, Context& ctx) {
    return ExchangeEdit(editor, req, ctx, "exchange-new",
                        [&](const EditInput& input) -> core::Status {
                          auto added = editor.Add(ctx.programme.id, input);
                          if (!added) return added.error();
                          return core::Ok();
                        });
  });
  // The code travels in the form, not the path: imported codes may hold a slash.
  router.Add("POST", "/centraux/deplacer", Access::Staff(), [&editor](Request& req, Context& ctx) {
    return ExchangeEdit(editor, req, ctx, "exchanges", [&](const EditInput& input) -> core::Status {
      const auto code = input.find("code");
      auto moved = editor.Move(ctx.programme.id, code == input.end() ? "" : code->second, input);
      if (!moved) return moved.error();
      return core::Ok();
    });
  });
  router.Add("POST", "/centraux/supprimer", Access::Staff(), [&editor](Request& req, Context& ctx) {
    return ExchangeEdit(editor, req, ctx, "exchanges", [&](const EditInput& input) {
      const auto code = input.find("code");
      return editor.Delete(ctx.programme.id, code == input.end() ? "" : code->second);
    });
  });
}

}  // namespace sohosolo::territory
