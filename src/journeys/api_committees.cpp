// The journeys' API for welcome committees (their files, visits, notes), tasks, and the
// newcomer's own file.

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
using http::Role;

using json::ActorOf;
using json::CommitteeFileJson;
using json::InstantField;
using json::TaskJson;
using json::VisitJson;

}  // namespace

void AddCommitteeApi(http::Router& router, Journeys& journeys) {
  // Welcome committees: what they see, the visits they plan and record, the notes they leave.
  const auto kCommitteeOrStaff = Access::Roles({Role::kAdvisor, Role::kAdmin, Role::kCommittee});
  router.Add("GET", "/api/v1/committee/journeys", Access::Roles({Role::kCommittee}),
             [&journeys](Request&, Context& ctx) {
               boost::json::array items;
               for (const auto& f : journeys.ForCommittee(ctx.programme.id, ctx.account->id))
                 items.push_back(CommitteeFileJson(f));
               return Response::Json(boost::json::object{{"items", items}});
             });
  router.Add("POST", "/api/v1/journeys/{id}/visits", kCommitteeOrStaff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               const auto village = http::StringField(*body, "village", errors).value_or("");
               const auto at = InstantField(*body, "planned_at", errors);
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto v = journeys.PlanVisit(ctx.programme.id, ActorOf(ctx), id, village, *at,
                                           ctx.programme.public_url);
               if (!v) return http::Problem(ctx, v.error());
               return Response::Json(VisitJson(*v), 201);
             }));
  router.Add("POST", "/api/v1/journeys/{id}/visits/{visit}/done", kCommitteeOrStaff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               const auto visit = http::ParseId(req.Param("visit"));
               if (!visit) return http::Problem(ctx, core::NotFound());
               auto v = journeys.RecordVisit(ctx.programme.id, ActorOf(ctx), id, *visit);
               if (!v) return http::Problem(ctx, v.error());
               return Response::Json(VisitJson(*v));
             }));
  router.Add("POST", "/api/v1/journeys/{id}/notes", kCommitteeOrStaff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               const auto text = http::StringField(*body, "body", errors).value_or("");
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto done = journeys.AddNote(ctx.programme.id, ActorOf(ctx), id, text);
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             }));
  router.Add("POST", "/api/v1/journeys/{id}/tasks", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               const auto title = http::StringField(*body, "title", errors).value_or("");
               const auto day = http::StringField(*body, "due_day", errors).value_or("");
               long long assignee = 0;
               if (const auto* a = body->if_contains("assignee_id"); a && !a->is_null()) {
                 if (a->is_int64() && a->as_int64() > 0)
                   assignee = a->as_int64();
                 else
                   errors.push_back({"assignee", "error.journey.task_assignee"});
               }
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto task =
                   journeys.AddTask(ctx.programme.id, ActorOf(ctx), id, title, day, assignee);
               if (!task) return http::Problem(ctx, task.error());
               return Response::Json(TaskJson(*task), 201);
             }));
  router.Add("PATCH", "/api/v1/journeys/{id}/tasks/{task}", kCommitteeOrStaff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               const auto task_id = http::ParseId(req.Param("task"));
               if (!task_id) return http::Problem(ctx, core::NotFound());
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               const auto* done = body->if_contains("done");
               if (!done || !done->is_bool())
                 return http::Problem(ctx, core::Invalid({{"done", "error.journey.task_done"}}));
               auto task = journeys.SetTaskDone(ctx.programme.id, ActorOf(ctx), id, *task_id,
                                                done->as_bool());
               if (!task) return http::Problem(ctx, task.error());
               return Response::Json(TaskJson(*task));
             }));
  router.Add("GET", "/api/v1/tasks/due", Access::Staff(), [&journeys](Request&, Context& ctx) {
    boost::json::array items;
    for (const auto& t : journeys.DueTasks(ctx.programme.id, core::Now()))
      items.push_back(TaskJson(t));
    return Response::Json(boost::json::object{{"items", items}});
  });
  router.Add("GET", "/api/v1/committees", Access::Staff(), [&journeys](Request&, Context& ctx) {
    boost::json::array items;
    for (const auto& m : journeys.Committees(ctx.programme.id)) {
      boost::json::array villages;
      for (const auto& v : m.villages) villages.emplace_back(v);
      items.push_back({{"account_id", m.account_id},
                       {"name", m.name},
                       {"email", m.email},
                       {"villages", villages}});
    }
    return Response::Json(boost::json::object{{"items", items}});
  });
  router.Add("PUT", "/api/v1/committees/{id}/villages", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               std::optional<std::string> villages;
               if (const auto* v = body->if_contains("villages"); v && v->is_array()) {
                 villages = "";
                 for (const auto& code : v->as_array()) {
                   if (!code.is_string())
                     errors.push_back({"villages", "error.journey.villages"});
                   else
                     *villages += std::string(code.as_string()) + " ";
                 }
               } else {
                 errors.push_back({"villages", "error.journey.villages"});
               }
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto set = journeys.SetCommitteeVillages(ctx.programme.id, id, *villages);
               if (!set) return http::Problem(ctx, set.error());
               boost::json::array out;
               for (const auto& v : *set) out.emplace_back(v);
               return Response::Json(boost::json::object{{"account_id", id}, {"villages", out}});
             }));
  // The newcomer's own file: where it stands, who follows it, the visits; nothing else.
  router.Add("GET", "/api/v1/me/journey", Access::Roles({Role::kNewcomer}),
             [&journeys](Request&, Context& ctx) {
               auto j = journeys.OwnFile(ctx.programme.id, ctx.account->id);
               if (!j) return http::Problem(ctx, j.error());
               boost::json::array visits;
               for (const auto& v : journeys.Visits(ctx.programme.id, j->id))
                 visits.push_back(VisitJson(v));
               return Response::Json(
                   boost::json::object{{"id", j->id},
                                       {"stage", j->stage},
                                       {"stage_at", core::FormatRfc3339Paris(j->stage_at)},
                                       {"advisor", j->advisor_name},
                                       {"visits", visits}});
             });
  router.Add("POST", "/api/v1/journeys/{id}/invite", Access::Staff(),
             http::WithId([&journeys](Request&, Context& ctx, long long id) {
               auto invited = journeys.InviteNewcomer(ctx.programme.id, ActorOf(ctx), id,
                                                      ctx.programme.public_url);
               if (!invited) return http::Problem(ctx, invited.error());
               return Response::NoContent();
             }));
}

}  // namespace sohosolo::journeys
