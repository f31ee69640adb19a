// The welcome committees' page and the forms of visits, notes and tasks (staff and committees),
// the staff's page of committees, and the invitation of a newcomer.
#include <fmt/format.h>

#include "http/status.hpp"
#include "http/views.hpp"
#include "journeys/pages_common.hpp"
#include "journeys/routes.hpp"

namespace sohosolo::journeys::pages {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kCommitteeView = "src/journeys/views/committee.html";
constexpr const char* kCommitteesView = "src/journeys/views/committees.html";

Response CommitteePage(Request& req, Context& ctx, Journeys& journeys) {
  ViewData files{ViewData::type::list};
  for (const auto& f : journeys.ForCommittee(ctx.programme.id, ctx.account->id)) {
    ViewData item;
    item.set("id", std::to_string(f.id));
    item.set("stage_label", http::T(ctx, "journey.stage." + f.stage));
    item.set("residents", std::to_string(f.adults + f.children_ages.size()));
    item.set("adults", std::to_string(f.adults));
    if (!f.children_ages.empty()) item.set("children_ages", Ages(f.children_ages));
    if (!f.broadband_needs.empty()) item.set("broadband_needs", f.broadband_needs);
    if (!f.office_needs.empty()) item.set("office_needs", f.office_needs);
    item.set("villages", Join(f.villages, ", "));
    ViewData villages{ViewData::type::list};
    for (const auto& v : f.villages) villages.push_back(ViewData(v));
    item.set("village_choices", villages);
    item.set("visits", VisitItems(f.visits, f.id));
    ViewData tasks{ViewData::type::list};
    for (const auto& t : f.tasks) {
      ViewData task;
      task.set("id", std::to_string(t.id));
      task.set("journey", std::to_string(f.id));
      task.set("title", t.title);
      task.set("due_day", t.due_day);
      task.set("done", t.done_at.has_value());
      tasks.push_back(task);
    }
    item.set("has_tasks", !tasks.is_empty_list());
    item.set("tasks", tasks);
    files.push_back(item);
  }
  ViewData data;
  data.set("has_files", !files.is_empty_list());
  data.set("files", files);
  if (req.Query("saved")) data.set("saved", http::T(ctx, "journey.saved"));
  return http::Page(ctx, kCommitteeView, std::move(data), "committee.title");
}

/// Where a visit or note form goes back to: the committee's page, or the file for staff.
std::string Back(const Context& ctx, long long id) {
  return ctx.IsStaff() ? "/journeys/" + std::to_string(id) + "?saved=1" : "/committee?saved=1";
}

/// "2026-12-24" and "14:30" in Paris, or nullopt.
std::optional<core::UnixSeconds> LocalInstant(const std::string& day, const std::string& time) {
  if (day.size() != 10 || time.size() != 5) return std::nullopt;
  const auto midnight = core::ParseRfc3339(day + "T00:00:00Z");
  const auto clock = core::ParseRfc3339("1970-01-01T" + time + ":00Z");
  if (!midnight || !clock) return std::nullopt;
  return core::FromLocal(midnight->utc / 86400, static_cast<int>(clock->utc / 60), "Europe/Paris");
}

Response FormError(Request& req, Context& ctx, const core::Error& error) {
  return http::ErrorResponse(req, ctx, error);
}

Response PlanVisitForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto at = LocalInstant(form->Get("day"), form->Get("time"));
  if (!at) return FormError(req, ctx, core::Invalid({{"planned_at", "error.journey.visit_at"}}));
  auto v = journeys.PlanVisit(ctx.programme.id, ActorOf(ctx), id, form->Get("village"), *at,
                              ctx.programme.public_url);
  if (!v) return FormError(req, ctx, v.error());
  return Response::Redirect(Back(ctx, id));
}

Response RecordVisitForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  const auto visit = http::ParseId(req.Param("visit"));
  if (!visit) return http::ErrorResponse(req, ctx, core::NotFound());
  auto v = journeys.RecordVisit(ctx.programme.id, ActorOf(ctx), id, *visit);
  if (!v) return FormError(req, ctx, v.error());
  return Response::Redirect(Back(ctx, id));
}

Response NoteForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  auto done = journeys.AddNote(ctx.programme.id, ActorOf(ctx), id, form->Get("body"));
  if (!done) return FormError(req, ctx, done.error());
  return Response::Redirect(Back(ctx, id));
}

Response TaskForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto assignee = http::ParseId(form->Get("assignee")).value_or(0);
  auto task = journeys.AddTask(ctx.programme.id, ActorOf(ctx), id, form->Get("title"),
                               form->Get("due_day"), assignee);
  if (!task) return FormError(req, ctx, task.error());
  return Response::Redirect(Back(ctx, id));
}

Response TaskDoneForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  const auto task = http::ParseId(req.Param("task"));
  auto form = http::Form::Parse(req.body);
  if (!task || !form) return http::ErrorResponse(req, ctx, core::NotFound());
  auto done =
      journeys.SetTaskDone(ctx.programme.id, ActorOf(ctx), id, *task, form->Get("done") != "0");
  if (!done) return FormError(req, ctx, done.error());
  return Response::Redirect(Back(ctx, id));
}

Response CommitteesPage(Request& req, Context& ctx, Journeys& journeys,
                        const core::Error* error = nullptr) {
  ViewData members{ViewData::type::list};
  for (const auto& m : journeys.Committees(ctx.programme.id)) {
    ViewData item;
    item.set("id", std::to_string(m.account_id));
    item.set("name", m.name);
    item.set("email", m.email);
    item.set("villages", Join(m.villages, " "));
    members.push_back(item);
  }
  ViewData data;
  data.set("has_members", !members.is_empty_list());
  data.set("members", members);
  if (req.Query("saved")) data.set("saved", http::T(ctx, "journey.saved"));
  if (error) http::AddFieldErrors(data, ctx, *error);
  return http::Page(ctx, kCommitteesView, std::move(data), "committees.title",
                    error ? http::HttpStatusFor(error->code) : 200);
}

}  // namespace

void AddFormPages(http::Router& router, Journeys& journeys) {
  const auto committee_or_staff =
      Access::Roles({http::Role::kAdvisor, http::Role::kAdmin, http::Role::kCommittee});
  router.Add("GET", "/committee", Access::Roles({http::Role::kCommittee}),
             [&journeys](Request& req, Context& ctx) { return CommitteePage(req, ctx, journeys); });
  router.Add("POST", "/journeys/{id}/visits", committee_or_staff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return PlanVisitForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/visits/{visit}/done", committee_or_staff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return RecordVisitForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/notes", committee_or_staff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return NoteForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/tasks", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return TaskForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/tasks/{task}/done", committee_or_staff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return TaskDoneForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/invite", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               auto invited = journeys.InviteNewcomer(ctx.programme.id, ActorOf(ctx), id,
                                                      ctx.programme.public_url);
               if (!invited) return http::ErrorResponse(req, ctx, invited.error());
               return Response::Redirect("/journeys/" + std::to_string(id) + "?saved=1");
             }));
  router.Add("GET", "/manage/committees", Access::Staff(), [&journeys](Request& req, Context& ctx) {
    return CommitteesPage(req, ctx, journeys);
  });
  router.Add(
      "POST", "/manage/committees/{id}", Access::Staff(),
      http::WithId([&journeys](Request& req, Context& ctx, long long id) {
        auto form = http::Form::Parse(req.body);
        if (!form)
          return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
        auto set = journeys.SetCommitteeVillages(ctx.programme.id, id, form->Get("villages"));
        if (!set && set.error().code == core::ErrorCode::kInvalid)
          return CommitteesPage(req, ctx, journeys, &set.error());
        if (!set) return http::ErrorResponse(req, ctx, set.error());
        return Response::Redirect("/manage/committees?saved=1");
      }));
}

}  // namespace sohosolo::journeys::pages
