// The journeys' JSON API: the files for staff (members get 403), the figures for everyone.
#include <boost/json.hpp>

#include "http/json_body.hpp"
#include "http/views.hpp"
#include "journeys/routes.hpp"

namespace sohosolo::journeys {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::Role;

boost::json::value Instant(const std::optional<core::UnixSeconds>& t) {
  return t ? boost::json::value(core::FormatRfc3339Paris(*t)) : boost::json::value(nullptr);
}

boost::json::object JourneyJson(const Journey& j) {
  boost::json::array ages, villages;
  for (const int a : j.children_ages) ages.emplace_back(a);
  for (const auto& v : j.villages) villages.emplace_back(v);
  boost::json::value advisor = nullptr;
  if (j.advisor_id) advisor = boost::json::object{{"id", *j.advisor_id}, {"name", j.advisor_name}};
  return {{"id", j.id},
          {"stage", j.stage},
          {"stage_at", core::FormatRfc3339Paris(j.stage_at)},
          {"advisor", advisor},
          {"name", j.name},
          {"email", j.email},
          {"phone", j.phone},
          {"household", {{"adults", j.adults}, {"children_ages", ages}}},
          {"residents", j.Residents()},
          {"project",
           {{"status", j.status},
            {"employer", j.employer},
            {"sector", j.sector},
            {"activity", j.activity},
            {"clients_where", j.clients_where},
            {"broadband_needs", j.broadband_needs},
            {"office_needs", j.office_needs}}},
          {"villages", villages},
          {"consent_committees", j.consent_committees},
          {"consent_at", Instant(j.consent_at)},
          {"abandon_reason", j.abandon_reason},
          {"settled_village", j.settled_village},
          {"settled_at", Instant(j.settled_at)},
          {"notes", j.notes},
          {"request_id", j.request_id ? boost::json::value(*j.request_id) : nullptr},
          {"demo", j.demo},
          {"created_at", core::FormatRfc3339Paris(j.created_at)},
          {"updated_at", core::FormatRfc3339Paris(j.updated_at)}};
}

/// The fields of a JSON body (flat: "name", "adults", "children_ages" as [4, 9] or "4,9",
/// "villages" as ["32013"] or "32013 32147", "advisor_id" (0 or null: none)...).
JourneyInput InputOf(const boost::json::object& body, std::vector<core::FieldError>& errors) {
  JourneyInput in;
  const auto text = [&](const char* name, std::optional<std::string>& out) {
    if (body.contains(name)) out = http::StringField(body, name, errors).value_or("");
  };
  text("name", in.name);
  text("email", in.email);
  text("phone", in.phone);
  text("status", in.status);
  text("employer", in.employer);
  text("sector", in.sector);
  text("activity", in.activity);
  text("clients_where", in.clients_where);
  text("broadband_needs", in.broadband_needs);
  text("office_needs", in.office_needs);
  text("notes", in.notes);
  const auto list = [&](const char* name, std::optional<std::string>& out, const char* sep) {
    const auto* v = body.if_contains(name);
    if (!v) return;
    if (v->is_string()) {
      out = std::string(v->as_string());
    } else if (v->is_array()) {
      std::string joined;
      for (const auto& item : v->as_array()) {
        if (item.is_int64())
          joined += std::to_string(item.as_int64()) + sep;
        else if (item.is_string())
          joined += std::string(item.as_string()) + sep;
        else
          errors.push_back({name, std::string("error.journey.") + name});
      }
      out = joined;
    } else {
      errors.push_back({name, std::string("error.journey.") + name});
    }
  };
  list("children_ages", in.children_ages, ",");
  list("villages", in.villages, " ");
  if (const auto* v = body.if_contains("adults")) {
    if (v->is_int64() && v->as_int64() >= 0 && v->as_int64() <= kMaxAdults)
      in.adults = static_cast<int>(v->as_int64());
    else
      errors.push_back({"adults", "error.journey.adults"});
  }
  if (const auto* v = body.if_contains("advisor_id")) {
    if (v->is_null())
      in.advisor_id = 0;
    else if (v->is_int64() && v->as_int64() >= 0)
      in.advisor_id = v->as_int64();
    else
      errors.push_back({"advisor", "error.journey.advisor"});
  }
  if (const auto* v = body.if_contains("consent_committees")) {
    if (v->is_bool())
      in.consent_committees = v->as_bool();
    else
      errors.push_back({"consent_committees", "error.journey.consent"});
  }
  return in;
}

Actor ActorOf(const Context& ctx) {
  return {ctx.account->id, ctx.account->display_name, ctx.IsStaff()};
}

boost::json::object VisitJson(const Visit& v) {
  return {{"id", v.id},
          {"village", v.commune_code},
          {"planned_at", core::FormatRfc3339Paris(v.planned_at)},
          {"done_at", Instant(v.done_at)},
          {"by", v.by_name}};
}

boost::json::object CommitteeFileJson(const CommitteeFile& f) {
  boost::json::array ages, villages, visits;
  for (const int a : f.children_ages) ages.emplace_back(a);
  for (const auto& v : f.villages) villages.emplace_back(v);
  for (const auto& v : f.visits) visits.push_back(VisitJson(v));
  return {{"id", f.id},
          {"stage", f.stage},
          {"household", {{"adults", f.adults}, {"children_ages", ages}}},
          {"residents", f.adults + static_cast<long long>(f.children_ages.size())},
          {"broadband_needs", f.broadband_needs},
          {"office_needs", f.office_needs},
          {"villages", villages},
          {"visits", visits}};
}

boost::json::object TaskJson(const Task& t) {
  boost::json::value assignee = nullptr;
  if (t.assignee_id)
    assignee = boost::json::object{{"id", *t.assignee_id}, {"name", t.assignee_name}};
  return {{"id", t.id},
          {"journey_id", t.journey_id},
          {"journey_name", t.journey_name},
          {"title", t.title},
          {"due_day", t.due_day},
          {"assignee", assignee},
          {"done_at", Instant(t.done_at)}};
}

boost::json::array HistoryJson(const std::vector<HistoryEntry>& history) {
  boost::json::array items;
  for (const auto& h : history)
    items.push_back({{"at", core::FormatRfc3339Paris(h.at)},
                     {"by", h.by_name},
                     {"kind", h.kind},
                     {"from_stage", h.from_stage},
                     {"to_stage", h.to_stage},
                     {"detail", h.detail}});
  return items;
}

/// A file with its tasks, visits and committees' notes (and its history for an export).
boost::json::object FullJson(Journeys& journeys, const Context& ctx, const Journey& j,
                             bool with_history) {
  auto out = JourneyJson(j);
  boost::json::array tasks, visits, notes;
  for (const auto& t : journeys.Tasks(ctx.programme.id, j.id)) tasks.push_back(TaskJson(t));
  for (const auto& v : journeys.Visits(ctx.programme.id, j.id)) visits.push_back(VisitJson(v));
  for (const auto& n : journeys.Notes(ctx.programme.id, j.id))
    notes.push_back({{"by", n.by_name},
                     {"by_committee", n.by_committee},
                     {"body", n.body},
                     {"at", core::FormatRfc3339Paris(n.created_at)}});
  out["tasks"] = tasks;
  out["visits"] = visits;
  out["committee_notes"] = notes;
  if (with_history) out["history"] = HistoryJson(journeys.History(ctx.programme.id, j.id));
  return out;
}

/// RFC 3339 with an offset, or nullopt.
std::optional<core::UnixSeconds> InstantField(const boost::json::object& body, const char* name,
                                              std::vector<core::FieldError>& errors) {
  const auto text = http::StringField(body, name, errors);
  const auto parsed = text ? core::ParseRfc3339(*text) : std::nullopt;
  if (!parsed) {
    errors.push_back({name, "error.journey.visit_at"});
    return std::nullopt;
  }
  return parsed->utc;
}

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
  auto changed = journeys.Change(ctx.programme.id, ActorOf(ctx), id, in, move);
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
    auto created = journeys.Create(ctx.programme.id, ActorOf(ctx), in);
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
               auto response = Response::Json(FullJson(journeys, ctx, *j, true));
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
               auto v = journeys.PlanVisit(ctx.programme.id, ActorOf(ctx), id, village, *at);
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
}

}  // namespace sohosolo::journeys
