// The village API: parse the request, call the village, exchange or request service, answer JSON.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "http/json_body.hpp"
#include "http/views.hpp"
#include "territory/geo/json.hpp"
#include "territory/villages/json.hpp"
#include "territory/villages/routes.hpp"

namespace sohosolo::territory {

namespace {

namespace json = boost::json;
using core::Error;
using core::ErrorCode;
using core::FieldError;
using http::Access;
using http::Context;
using http::Request;
using http::Response;

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;

Access Staff() { return Access::Staff(); }

Response Json(const json::value& v, int status = 200) {
  auto response = Response::Text(ToJsonText(v), "application/json");
  response.status = status;
  return response;
}

/// A JSON object's scalar members as text; objects and arrays are a field error.
core::Result<EditInput> InputFrom(const Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body) return body.error();
  EditInput input;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : *body) {
    const std::string name(key);
    if (value.is_string())
      input[name] = std::string(value.get_string());
    else if (value.is_int64())
      input[name] = std::to_string(value.get_int64());
    else if (value.is_uint64())
      input[name] = std::to_string(value.get_uint64());
    else if (value.is_double())
      input[name] = fmt::format("{}", value.get_double());
    else if (value.is_bool())
      input[name] = value.get_bool() ? "true" : "false";
    else if (value.is_null())
      input[name] = "";
    else
      errors.push_back({name, "error.village.not_scalar"});
  }
  if (!errors.empty()) return core::Invalid(std::move(errors));
  return input;
}

struct PartRoute {
  const char* segment;
  VillagePart part;
};
constexpr PartRoute kParts[] = {{"committee", VillagePart::kCommittee},
                                {"services", VillagePart::kServices},
                                {"listings", VillagePart::kListings}};

/// The item `id` of `part` in a village's view, as JSON.
json::value ItemJson(const VillageView& view, VillagePart part, long long id) {
  const auto find = [id](const auto& items, auto to_json) -> json::value {
    for (const auto& x : items)
      if (x.id == id) return to_json(x);
    return nullptr;
  };
  switch (part) {
    case VillagePart::kCommittee:
      return find(view.detail.committee, MemberJson);
    case VillagePart::kServices:
      return find(view.detail.services, ServiceJson);
    case VillagePart::kListings:
      return find(view.detail.listings, ListingJson);
  }
  return nullptr;
}

Response Item(VillageService& service, Context& ctx, const std::string& code, VillagePart part,
              long long id, int status) {
  auto view = service.View(ctx.programme.id, code);
  if (!view) return http::Problem(ctx, view.error());
  return Json(ItemJson(*view, part, id), status);
}

void AddPartRoutes(http::Router& router, VillageService& service, const PartRoute& r) {
  const std::string base = std::string("/api/v1/villages/{code}/") + r.segment;
  const VillagePart part = r.part;
  router.Add("POST", base, Staff(), [&service, part](Request& req, Context& ctx) {
    auto input = InputFrom(req);
    if (!input) return http::Problem(ctx, input.error());
    const auto& code = req.Param("code");
    auto id = service.AddItem(ctx.programme.id, code, part, *input);
    if (!id) return http::Problem(ctx, id.error());
    return Item(service, ctx, code, part, *id, 201);
  });
  router.Add("PATCH", base + "/{id}", Staff(), [&service, part](Request& req, Context& ctx) {
    const auto id = http::ParseId(req.Param("id"));
    if (!id) return http::Problem(ctx, core::NotFound());
    auto input = InputFrom(req);
    if (!input) return http::Problem(ctx, input.error());
    const auto& code = req.Param("code");
    auto done = service.UpdateItem(ctx.programme.id, code, part, *id, *input);
    if (!done) return http::Problem(ctx, done.error());
    return Item(service, ctx, code, part, *id, 200);
  });
  router.Add("DELETE", base + "/{id}", Staff(), [&service, part](Request& req, Context& ctx) {
    const auto id = http::ParseId(req.Param("id"));
    if (!id) return http::Problem(ctx, core::NotFound());
    auto done = service.DeleteItem(ctx.programme.id, req.Param("code"), part, *id);
    if (!done) return http::Problem(ctx, done.error());
    return Response::NoContent();
  });
}

json::object ExchangeJson(const ExchangeRecord& e) {
  return {{"code", e.exchange.code},
          {"name", e.exchange.name},
          {"lon", e.exchange.lon},
          {"lat", e.exchange.lat},
          {"in_territory", e.exchange.in_territory},
          {"lines", OrNull(e.lines)}};
}

/// The exchange code of the path: {code}, or {kind}/{id} for a code with a slash.
std::string ExchangeCode(const Request& req) {
  if (req.path_params.contains("kind")) return req.Param("kind") + "/" + req.Param("id");
  return req.Param("code");
}

void AddExchangeRoutes(http::Router& router, ExchangeEditor& editor) {
  router.Add("GET", "/api/v1/exchanges", Access::Public(), [&editor](Request&, Context& ctx) {
    json::array items;
    for (const auto& e : editor.List(ctx.programme.id)) items.push_back(ExchangeJson(e));
    return Json(json::object{{"items", std::move(items)}});
  });
  router.Add("POST", "/api/v1/exchanges", Staff(), [&editor](Request& req, Context& ctx) {
    auto input = InputFrom(req);
    if (!input) return http::Problem(ctx, input.error());
    auto added = editor.Add(ctx.programme.id, *input);
    if (!added) return http::Problem(ctx, added.error());
    return Json(ExchangeJson(*added), 201);
  });
  // Imported OpenStreetMap codes hold one slash ("way/95861807"); the router splits the decoded
  // path on it, so those codes arrive as two segments.
  for (const char* pattern : {"/api/v1/exchanges/{code}", "/api/v1/exchanges/{kind}/{id}"}) {
    router.Add("PATCH", pattern, Staff(), [&editor](Request& req, Context& ctx) {
      auto input = InputFrom(req);
      if (!input) return http::Problem(ctx, input.error());
      auto moved = editor.Move(ctx.programme.id, ExchangeCode(req), *input);
      if (!moved) return http::Problem(ctx, moved.error());
      return Json(ExchangeJson(*moved));
    });
    router.Add("DELETE", pattern, Staff(), [&editor](Request& req, Context& ctx) {
      auto done = editor.Delete(ctx.programme.id, ExchangeCode(req));
      if (!done) return http::Problem(ctx, done.error());
      return Response::NoContent();
    });
  }
}

Response ListRequests(AccompanyService& service, Request& req, Context& ctx) {
  int limit = kDefaultPageSize;
  long long before = std::numeric_limits<long long>::max();
  if (const auto text = req.Query("limit")) {
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc() || ptr != text->data() + text->size() || limit < 1 ||
        limit > kMaxPageSize)
      return http::Problem(
          ctx,
          Error{
              ErrorCode::kInvalid, "error.invalid", {{"limit", "error.territory.bad_limit"}}, {}});
  }
  if (const auto text = req.Query("cursor")) {
    const auto id = http::ParseId(*text);
    if (!id)
      return http::Problem(ctx, Error{ErrorCode::kInvalid,
                                      "error.invalid",
                                      {{"cursor", "error.accompany.bad_cursor"}},
                                      {}});
    before = *id;
  }
  const auto status = req.Query("status").value_or("");
  if (!status.empty() && status != "new" && status != "handled")
    return http::Problem(
        ctx,
        Error{
            ErrorCode::kInvalid, "error.invalid", {{"status", "error.accompany.bad_status"}}, {}});
  // One more than asked tells whether a next page exists.
  auto items = service.List(ctx.programme.id, limit + 1, before, status);
  json::value next = nullptr;
  if (static_cast<int>(items.size()) > limit) {
    items.resize(limit);
    next = std::to_string(items.back().id);
  }
  json::array out;
  for (const auto& r : items) out.push_back(RequestJson(r));
  return Json(json::object{{"items", std::move(out)}, {"next_cursor", next}});
}

void AddRequestRoutes(http::Router& router, AccompanyService& service) {
  router.Add("GET", "/api/v1/accompaniment-requests", Staff(),
             [&service](Request& req, Context& ctx) { return ListRequests(service, req, ctx); });
  router.Add("POST", "/api/v1/accompaniment-requests/{id}/handled", Staff(),
             [&service](Request& req, Context& ctx) {
               const auto id = http::ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto done = service.MarkHandled(ctx.programme.id, *id, ctx.account->id,
                                               ctx.account->display_name);
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             });
}

}  // namespace

void AddVillageApi(http::Router& router, const VillageModules& m) {
  VillageService& villages = m.villages;
  router.Add("GET", "/api/v1/villages/{code}", Access::Public(),
             [&villages](Request& req, Context& ctx) {
               auto view = villages.View(ctx.programme.id, req.Param("code"));
               if (!view) return http::Problem(ctx, view.error());
               return Json(VillageViewJson(*view));
             });
  router.Add("PUT", "/api/v1/villages/{code}", Staff(), [&villages](Request& req, Context& ctx) {
    auto input = InputFrom(req);
    if (!input) return http::Problem(ctx, input.error());
    auto done = villages.Update(ctx.programme.id, req.Param("code"), *input);
    if (!done) return http::Problem(ctx, done.error());
    auto view = villages.View(ctx.programme.id, req.Param("code"));
    if (!view) return http::Problem(ctx, view.error());
    return Json(VillageViewJson(*view));
  });
  for (const auto& part : kParts) AddPartRoutes(router, villages, part);
  AddExchangeRoutes(router, m.exchanges);
  AddRequestRoutes(router, m.requests);
}

}  // namespace sohosolo::territory
