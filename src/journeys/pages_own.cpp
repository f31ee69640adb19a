// The newcomer's own page and the home page's figures.
#include <fmt/format.h>

#include "http/status.hpp"
#include "http/views.hpp"
#include "journeys/pages_common.hpp"
#include "journeys/routes.hpp"

namespace sohosolo::journeys {

namespace pages {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kOwnView = "src/journeys/views/own.html";

/// The newcomer's own page: where the file stands among the stages, who follows it, the visits
/// planned. Nothing of the advisors' notes, tasks or history.
Response OwnPage(Request& req, Context& ctx, Journeys& journeys) {
  auto j = journeys.OwnFile(ctx.programme.id, ctx.account->id);
  if (!j) return http::ErrorResponse(req, ctx, j.error());
  ViewData data;
  data.set("name", j->name);
  data.set("since", Day(j->stage_at));
  data.set("abandoned", j->stage == "abandoned");
  if (!j->advisor_name.empty()) data.set("advisor", j->advisor_name);
  const int here = StageIndex(j->stage);
  ViewData steps{ViewData::type::list};
  for (int i = 0; i < StageIndex("abandoned"); ++i) {
    ViewData step;
    step.set("label",
             http::T(ctx, std::string("journey.stage.") + kStages[static_cast<std::size_t>(i)]));
    step.set("done", j->stage != "abandoned" && i < here);
    step.set("current", i == here);
    steps.push_back(step);
  }
  data.set("steps", steps);
  ViewData visits{ViewData::type::list};
  for (const auto& v : journeys.Visits(ctx.programme.id, j->id)) {
    ViewData item;
    item.set("village", v.commune_code);
    item.set("planned", Minute(v.planned_at));
    item.set("done", v.done_at.has_value());
    visits.push_back(item);
  }
  data.set("has_visits", !visits.is_empty_list());
  data.set("visits", visits);
  return http::Page(ctx, kOwnView, std::move(data), "own.title");
}

}  // namespace

void AddOwnPage(http::Router& router, Journeys& journeys) {
  router.Add("GET", "/my-file", Access::Roles({http::Role::kNewcomer}),
             [&journeys](Request& req, Context& ctx) { return OwnPage(req, ctx, journeys); });
}

}  // namespace pages

http::ViewData FigureCards(const http::Context& ctx, const Indicators& f) {
  using http::ViewData;
  ViewData list{ViewData::type::list};
  const auto add = [&](long long value, const char* key) {
    ViewData item;
    item.set("value", std::to_string(value));
    item.set("label", http::T(ctx, std::string("indicator.") + key));
    item.set("definition", http::T(ctx, std::string("indicator.") + key + "_definition"));
    list.push_back(item);
  };
  add(f.settled_households, "settled_households");
  add(f.new_residents, "new_residents");
  add(f.digital_households, "digital_households");
  add(f.files_open, "files_open");
  ViewData out;
  out.set("items", list);
  const auto day = core::FormatRfc3339Paris(f.computed_at).substr(0, 10);
  auto note = http::T(ctx, f.demo ? "indicator.note_demo" : "indicator.note");
  note.replace(note.find("{at}"), 4, day);
  out.set("note", note);
  return out;
}

}  // namespace sohosolo::journeys
