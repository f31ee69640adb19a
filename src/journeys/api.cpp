// The journeys' JSON API: the files for staff (members get 403), the figures for everyone.
#include <boost/json.hpp>

#include "http/json_body.hpp"
#include "http/views.hpp"
#include "journeys/json.hpp"
#include "journeys/routes.hpp"

namespace sohosolo::journeys {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;

using json::ActorOf;
using json::FullJson;
using json::HistoryJson;
using json::InputOf;
using json::JourneyJson;

Response List(Request& req, Context& ctx, Journeys& journeys) {
  ListFilter f;
  f.stage = req.Query("stage").value_or("");
  f.village = req.Query("village").value_or("");
  f.name_like = req.Query("q").value_or("").substr(0, 100);
  if (const auto advisor = req.Query("advisor")) {
    if (*advisor == "me")
      f.advisor_id = ctx.account->id;
    else if (const auto id = http::ParseId(*advisor))
      f.advisor_id = *id;
    else
      return http::Problem(ctx, core::Invalid({{"advisor", "error.journey.advisor"}}));
  }
  if (const auto cursor = req.Query("cursor")) {
    const auto id = http::ParseId(*cursor);
    if (!id) return http::Problem(ctx, core::Invalid({{"cursor", "error.directory.cursor"}}));
    f.before_id = *id;
  }
  if (const auto limit = req.Query("limit")) {
    const auto n = http::ParseId(*limit);
    f.limit = n && *n <= 1000 ? static_cast<int>(*n) : 0;
  }
  auto found = journeys.List(ctx.programme.id, f);
  if (!found) return http::Problem(ctx, found.error());
  boost::json::array items;
  for (const auto& j : *found) items.push_back(JourneyJson(j));
  boost::json::object out{{"items", items}};
  out["next_cursor"] = static_cast<int>(found->size()) == f.limit && !found->empty()
                           ? boost::json::value(std::to_string(found->back().id))
                           : boost::json::value(nullptr);
  return Response::Json(out);
}

Response Patch(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<core::FieldError> errors;
  const auto in = InputOf(*body, errors);
  std::optional<StageMove> move;
  if (body->contains("stage")) {
    move = StageMove{http::StringField(*body, "stage", errors).value_or(""),
                     body->contains("abandon_reason")
                         ? http::StringField(*body, "abandon_reason", errors).value_or("")
                         : "",
                     body->contains("settled_village")
                         ? http::StringField(*body, "settled_village", errors).value_or("")
                         : ""};
  }
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  auto changed =
      journeys.Change(ctx.programme.id, ActorOf(ctx), id, in, move, ctx.programme.public_url);
  if (!changed) return http::Problem(ctx, changed.error());
  return Response::Json(JourneyJson(*changed));
}

boost::json::object Figure(long long value, const char* definition, const Indicators& f) {
  return {{"value", value},
          {"definition", definition},
          {"computed_at", core::FormatRfc3339Paris(f.computed_at)}};
}

}  // namespace

void AddJourneyApi(http::Router& router, Journeys& journeys) {
  router.Add("GET", "/api/v1/journeys", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return List(req, ctx, journeys); });
  router.Add("POST", "/api/v1/journeys", Access::Staff(), [&journeys](Request& req, Context& ctx) {
    auto body = http::JsonObjectBody(req);
    if (!body) return http::Problem(ctx, body.error());
    std::vector<core::FieldError> errors;
    const auto in = InputOf(*body, errors);
    if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
    auto created =
        journeys.Create(ctx.programme.id, ActorOf(ctx), in, false, ctx.programme.public_url);
    if (!created) return http::Problem(ctx, created.error());
    return Response::Json(JourneyJson(*created), 201);
  });
  router.Add("GET", "/api/v1/journeys/{id}", Access::Staff(),
             http::WithId([&journeys](Request&, Context& ctx, long long id) {
               auto j = journeys.Find(ctx.programme.id, id);
               if (!j) return http::Problem(ctx, j.error());
               return Response::Json(FullJson(journeys, ctx, *j, false));
             }));
  // Everything the programme keeps about a newcomer, for them (at their request, by staff).
  router.Add("GET", "/api/v1/journeys/{id}/export", Access::Staff(),
             http::WithId([&journeys](Request&, Context& ctx, long long id) {
               auto j = journeys.Find(ctx.programme.id, id);
               if (!j) return http::Problem(ctx, j.error());
               auto out = FullJson(journeys, ctx, *j, true);
               journeys.AddExportParts(ctx.programme.id, id, out);
               auto response = Response::Json(std::move(out));
               response.SetHeader("Content-Disposition", "attachment; filename=\"journey-" +
                                                             std::to_string(id) + ".json\"");
               return response;
             }));
  router.Add("DELETE", "/api/v1/journeys/{id}", Access::Staff(),
             http::WithId([&journeys](Request&, Context& ctx, long long id) {
               auto done = journeys.Delete(ctx.programme.id, id);
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             }));
  router.Add("PATCH", "/api/v1/journeys/{id}", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return Patch(req, ctx, journeys, id);
             }));
  router.Add("GET", "/api/v1/journeys/{id}/history", Access::Staff(),
             http::WithId([&journeys](Request&, Context& ctx, long long id) {
               if (!journeys.Find(ctx.programme.id, id))
                 return http::Problem(ctx, core::NotFound());
               return Response::Json(boost::json::object{
                   {"items", HistoryJson(journeys.History(ctx.programme.id, id))}});
             }));
  router.Add("POST", "/api/v1/accompaniment-requests/{id}/journey", Access::Staff(),
             http::WithId([&journeys](Request&, Context& ctx, long long id) {
               auto created = journeys.CreateFromRequest(ctx.programme.id, ActorOf(ctx), id);
               if (!created) return http::Problem(ctx, created.error());
               return Response::Json(JourneyJson(*created), 201);
             }));
  // Public: the programme's figures, each with its definition and when it was computed.
  router.Add("GET", "/api/v1/indicators", Access::Public(), [&journeys](Request&, Context& ctx) {
    const auto f = journeys.Figures(ctx.programme.id);
    return Response::Json(boost::json::object{
        {"settled_households",
         Figure(f.settled_households,
                "Households whose file is at the stage settled or followed (6, 12, 24 months).",
                f)},
        {"new_residents",
         Figure(f.new_residents, "Adults and children of the settled households.", f)},
        {"digital_households",
         Figure(f.digital_households,
                "Settled households whose activity is in NAF section J (information and "
                "communication).",
                f)},
        {"files_open",
         Figure(f.files_open, "Files being accompanied: neither settled nor abandoned.", f)},
        {"includes_demo", f.demo},
        {"period", "since the programme's first file"}});
  });
  AddCommitteeApi(router, journeys);
}

}  // namespace sohosolo::journeys
