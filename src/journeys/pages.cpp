// The advisors' pages of newcomers' files: the board (files by stage, "my files", search), a new
// file, a file with its forms and history, and a file opened from a request in one click.
#include <fmt/format.h>

#include <algorithm>
#include <boost/url/url.hpp>

#include "core/time.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "journeys/pages_common.hpp"
#include "journeys/routes.hpp"

namespace sohosolo::journeys {

namespace {

using http::Access;
using http::Choices;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;
using pages::ActorOf;
using pages::Ages;
using pages::Day;
using pages::Join;
using pages::Minute;
using pages::VisitItems;

constexpr const char* kBoardView = "src/journeys/views/board.html";
constexpr const char* kFileView = "src/journeys/views/file.html";
constexpr const char* kNewView = "src/journeys/views/new.html";

ViewData Card(const Context& ctx, const Journey& j) {
  ViewData c;
  c.set("id", std::to_string(j.id));
  c.set("name", j.name);
  c.set("since", Day(j.stage_at));
  c.set("residents", std::to_string(j.Residents()));
  if (!j.advisor_name.empty()) c.set("advisor", j.advisor_name);
  if (!j.villages.empty()) c.set("villages", Join(j.villages, ", "));
  if (!j.settled_village.empty()) c.set("settled_village", j.settled_village);
  c.set("stage_label", http::T(ctx, "journey.stage." + j.stage));
  c.set("demo", j.demo);
  return c;
}

/// "Vic-Fezensac (32462) — ADSL2+ about 8 Mbit/s · Télécentre de Vic at 2 km".
ViewData AnswerItems(const Context& ctx, const std::vector<VillageAnswer>& answers) {
  ViewData list{ViewData::type::list};
  for (const auto& a : answers) {
    ViewData item;
    item.set("code", a.code);
    item.set("name", a.name);
    item.set("rate", a.adsl2plus_mbps
                         ? fmt::format(fmt::runtime(http::T(ctx, "journey.answer_rate")),
                                       fmt::arg("mbps", fmt::format("{:.0f}", *a.adsl2plus_mbps)))
                         : http::T(ctx, "journey.answer_rate_unknown"));
    if (a.workspace_km) {
      auto km =
          fmt::format(fmt::runtime(*a.workspace_km < 10 ? "{:.1f}" : "{:.0f}"), *a.workspace_km);
      if (ctx.lang == "fr") std::replace(km.begin(), km.end(), '.', ',');
      item.set("workspace", fmt::format(fmt::runtime(http::T(ctx, "journey.answer_workspace")),
                                        fmt::arg("name", a.workspace_name), fmt::arg("km", km)));
    }
    list.push_back(item);
  }
  return list;
}

Response Board(Request& req, Context& ctx, Journeys& journeys) {
  ListFilter f;
  f.name_like = req.Query("q").value_or("").substr(0, 100);
  f.village = req.Query("village").value_or("");
  f.limit = 200;
  const bool mine = req.Query("mine").value_or("") == "1";
  if (mine) f.advisor_id = ctx.account->id;
  ViewData data;
  data.set("q", f.name_like);
  data.set("village", f.village);
  data.set("mine", mine);
  auto found = journeys.List(ctx.programme.id, f);
  if (!found) {
    http::AddFieldErrors(data, ctx, found.error());
    return http::Page(ctx, kBoardView, std::move(data), "journey.board_title", 422);
  }
  ViewData columns{ViewData::type::list};
  for (const char* stage : kStages) {
    ViewData column;
    column.set("stage", std::string(stage));
    column.set("label", http::T(ctx, std::string("journey.stage.") + stage));
    ViewData cards{ViewData::type::list};
    int n = 0;
    for (const auto& j : *found)
      if (j.stage == stage) {
        cards.push_back(Card(ctx, j));
        ++n;
      }
    column.set("cards", cards);
    column.set("count", std::to_string(n));
    columns.push_back(column);
  }
  data.set("columns", columns);
  ViewData due{ViewData::type::list};
  for (const auto& t : journeys.DueTasks(ctx.programme.id, core::Now())) {
    ViewData item;
    item.set("journey", std::to_string(t.journey_id));
    item.set("file", t.journey_name);
    item.set("title", t.title);
    item.set("due_day", t.due_day);
    if (!t.assignee_name.empty()) item.set("assignee", t.assignee_name);
    due.push_back(item);
  }
  data.set("has_due", !due.is_empty_list());
  data.set("due", due);
  data.set("has_files", !found->empty());
  return http::Page(ctx, kBoardView, std::move(data), "journey.board_title");
}

ViewData FileData(const Context& ctx, Journeys& journeys, const Journey& j) {
  ViewData d = Card(ctx, j);
  d.set("email", j.email);
  d.set("phone", j.phone);
  d.set("adults", std::to_string(j.adults));
  d.set("children_ages", Ages(j.children_ages));
  d.set("statuses", Choices(ctx, kStatuses, j.status, "profile.status_"));
  d.set("salaried", j.status == "salaried");
  d.set("employer", j.employer);
  d.set("sector", j.sector);
  d.set("activity", j.activity);
  d.set("clients_where", j.clients_where);
  d.set("broadband_needs", j.broadband_needs);
  d.set("office_needs", j.office_needs);
  d.set("villages_input", Join(j.villages, " "));
  d.set("consent", j.consent_committees);
  if (j.consent_at) d.set("consent_at", Day(*j.consent_at));
  d.set("notes", j.notes);
  d.set("stage", j.stage);
  ViewData stages{ViewData::type::list};
  for (const char* s : kStages) {
    if (j.stage == s) continue;
    ViewData item;
    item.set("value", std::string(s));
    item.set("label", http::T(ctx, std::string("journey.stage.") + s));
    stages.push_back(item);
  }
  d.set("stages", stages);
  d.set("reasons", Choices(ctx, kAbandonReasons, j.abandon_reason, "journey.reason."));
  if (!j.abandon_reason.empty())
    d.set("abandon_reason", http::T(ctx, "journey.reason." + j.abandon_reason));
  ViewData history{ViewData::type::list};
  for (const auto& h : journeys.History(ctx.programme.id, j.id)) {
    ViewData item;
    item.set("at", core::FormatRfc3339Paris(h.at).substr(0, 16));
    item.set("by", h.by_name);
    if (h.kind == "stage") {
      item.set("what", http::T(ctx, "journey.stage." + h.from_stage) + " → " +
                           http::T(ctx, "journey.stage." + h.to_stage) +
                           (h.detail.empty() ? "" : " (" + h.detail + ")"));
    } else {
      item.set("what", http::T(ctx, "journey.history." + h.kind) +
                           (h.detail.empty() ? "" : " : " + h.detail));
    }
    history.push_back(item);
  }
  d.set("history", history);
  const auto visits = journeys.Visits(ctx.programme.id, j.id);
  d.set("visits", VisitItems(visits, j.id));
  d.set("has_visits", !visits.empty());
  ViewData notes{ViewData::type::list};
  for (const auto& n : journeys.Notes(ctx.programme.id, j.id)) {
    ViewData item;
    item.set("at", Minute(n.created_at));
    item.set("by", n.by_name);
    item.set("committee", n.by_committee);
    item.set("body", n.body);
    notes.push_back(item);
  }
  d.set("has_notes", !notes.is_empty_list());
  d.set("committee_notes", notes);
  ViewData tasks{ViewData::type::list};
  for (const auto& t : journeys.Tasks(ctx.programme.id, j.id)) {
    ViewData item;
    item.set("id", std::to_string(t.id));
    item.set("journey", std::to_string(j.id));
    item.set("title", t.title);
    item.set("due_day", t.due_day);
    if (!t.assignee_name.empty()) item.set("assignee", t.assignee_name);
    item.set("done", t.done_at.has_value());
    tasks.push_back(item);
  }
  d.set("tasks", tasks);
  d.set("has_tasks", !tasks.is_empty_list());
  // Oneself first, then the other advisors, then the committees.
  ViewData assignees{ViewData::type::list};
  const auto add = [&assignees](long long id, const std::string& name) {
    ViewData item;
    item.set("id", std::to_string(id));
    item.set("name", name);
    assignees.push_back(item);
  };
  add(ctx.account->id, ctx.account->display_name);
  for (const auto& m : journeys.Advisors(ctx.programme.id))
    if (m.account_id != ctx.account->id) add(m.account_id, m.name);
  for (const auto& m : journeys.Committees(ctx.programme.id)) {
    ViewData item;
    item.set("id", std::to_string(m.account_id));
    item.set("name", m.name + " (" + http::T(ctx, "role.committee") + ")");
    assignees.push_back(item);
  }
  d.set("assignees", assignees);
  ViewData considered{ViewData::type::list};
  for (const auto& v : j.villages) considered.push_back(ViewData(v));
  d.set("considered", considered);
  const auto answers = AnswerItems(ctx, journeys.VillageAnswers(ctx.programme.id, j));
  d.set("has_answers", !answers.is_empty_list());
  d.set("answers", answers);
  const bool invited = journeys.Invited(ctx.programme.id, j.id);
  d.set("can_invite", !j.email.empty() && !invited);
  d.set("invited", invited);
  return d;
}

Response File(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto j = journeys.Find(ctx.programme.id, id);
  if (!j) return http::ErrorResponse(req, ctx, j.error());
  auto data = FileData(ctx, journeys, *j);
  if (req.Query("saved")) data.set("saved", http::T(ctx, "journey.saved"));
  return http::Page(ctx, kFileView, std::move(data), "journey.file_title");
}

JourneyInput FormInput(const http::Form& form) {
  JourneyInput in;
  const auto text = [&form](const char* name, std::optional<std::string>& out) {
    if (form.Has(name)) out = form.Get(name);
  };
  text("name", in.name);
  text("email", in.email);
  text("phone", in.phone);
  text("children_ages", in.children_ages);
  text("status", in.status);
  text("employer", in.employer);
  text("sector", in.sector);
  text("activity", in.activity);
  text("clients_where", in.clients_where);
  text("broadband_needs", in.broadband_needs);
  text("office_needs", in.office_needs);
  text("villages", in.villages);
  text("notes", in.notes);
  if (form.Has("adults")) {
    const auto n = http::ParseId(form.Get("adults"));
    in.adults = n && *n <= kMaxAdults ? static_cast<int>(*n) : -1;
  }
  // The checkbox is absent when unticked: the form says it holds the field.
  if (form.Has("consent_shown")) in.consent_committees = form.Get("consent") == "1";
  return in;
}

Response Save(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  std::optional<StageMove> move;
  if (form->Has("stage"))
    move = StageMove{form->Get("stage"), form->Get("abandon_reason"), form->Get("settled_village")};
  const auto in = FormInput(*form);
  auto changed =
      journeys.Change(ctx.programme.id, ActorOf(ctx), id, in, move, ctx.programme.public_url);
  if (changed) return Response::Redirect("/journeys/" + std::to_string(id) + "?saved=1");
  auto j = journeys.Find(ctx.programme.id, id);
  if (!j || changed.error().code != core::ErrorCode::kInvalid)
    return http::ErrorResponse(req, ctx, changed.error());
  auto data = FileData(ctx, journeys, *j);
  http::AddFieldErrors(data, ctx, changed.error());
  return http::Page(ctx, kFileView, std::move(data), "journey.file_title", 422);
}

Response Create(Request& req, Context& ctx, Journeys& journeys) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  auto in = FormInput(*form);
  in.advisor_id = ctx.account->id;  // who opens a file follows it, until another is named
  auto created =
      journeys.Create(ctx.programme.id, ActorOf(ctx), in, false, ctx.programme.public_url);
  if (created) return Response::Redirect("/journeys/" + std::to_string(created->id));
  ViewData data;
  data.set("name", form->Get("name"));
  data.set("email", form->Get("email"));
  data.set("phone", form->Get("phone"));
  data.set("villages_input", form->Get("villages"));
  http::AddFieldErrors(data, ctx, created.error());
  return http::Page(ctx, kNewView, std::move(data), "journey.new_title",
                    http::HttpStatusFor(created.error().code));
}

}  // namespace

void AddJourneyPages(http::Router& router, Journeys& journeys) {
  router.Add("GET", "/journeys", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return Board(req, ctx, journeys); });
  router.Add("GET", "/journeys/new", Access::Staff(), [](Request&, Context& ctx) {
    return http::Page(ctx, kNewView, ViewData{}, "journey.new_title");
  });
  router.Add("POST", "/journeys/new", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return Create(req, ctx, journeys); });
  router.Add("GET", "/journeys/{id}", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return File(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return Save(req, ctx, journeys, id);
             }));
  // One click from the advisors' list of requests.
  router.Add("POST", "/demandes/{id}/dossier", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               auto created = journeys.CreateFromRequest(ctx.programme.id, ActorOf(ctx), id);
               if (!created) return http::ErrorResponse(req, ctx, created.error());
               return Response::Redirect("/journeys/" + std::to_string(created->id));
             }));
  pages::AddFormPages(router, journeys);
  pages::AddOwnPage(router, journeys);
  pages::AddReportPages(router, journeys);
}

}  // namespace sohosolo::journeys
