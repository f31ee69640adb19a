// The club's JSON API. The list and an event are public and name nobody; the host's list of
// registrations, with names and attendance, is for staff.
#include <boost/json.hpp>

#include "community/events/routes.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::WithId;

long long AccountOf(const Context& ctx) { return ctx.account ? ctx.account->id : 0; }

boost::json::object EventJson(const ClubEvent& e, const Context& ctx) {
  boost::json::object out{{"id", e.id},
                          {"title", e.title},
                          {"theme", e.theme},
                          {"place", e.place},
                          {"start", core::FormatRfc3339Paris(e.start)},
                          {"end", core::FormatRfc3339Paris(e.end)},
                          {"capacity", e.capacity},
                          {"registered", e.registered},
                          {"waitlisted", e.waitlisted},
                          {"cancelled", e.cancelled},
                          {"demo", e.demo}};
  out["site_id"] = e.site_id ? boost::json::value(e.site_id) : boost::json::value(nullptr);
  out["series"] = e.series.empty() ? boost::json::value(nullptr) : boost::json::value(e.series);
  if (ctx.account) out["my_status"] = e.mine == Seat::kNone ? "" : StateName(e.mine);
  return out;
}

/// An RFC 3339 member read into `*out`; a field error when absent or not an instant.
void InstantField(const boost::json::object& body, const char* name, core::UnixSeconds* out,
                  std::vector<core::FieldError>& errors) {
  const auto text = http::StringField(body, name, errors);
  const auto parsed = text ? core::ParseRfc3339(*text) : std::nullopt;
  if (!parsed) {
    errors.push_back({name, std::string("error.event.") + name});
    return;
  }
  *out = parsed->utc;
}

/// An integer member; `fallback` when absent, a field error when of another type.
long long IntField(const boost::json::object& body, const char* name, long long fallback,
                   std::vector<core::FieldError>& errors) {
  const auto* v = body.if_contains(name);
  if (!v) return fallback;
  if (!v->is_int64()) {
    errors.push_back({name, std::string("error.event.") + name});
    return fallback;
  }
  return v->as_int64();
}

EventInput InputOf(const boost::json::object& body, std::vector<core::FieldError>& errors) {
  EventInput in;
  in.title = http::StringField(body, "title", errors).value_or("");
  in.theme = http::StringField(body, "theme", errors).value_or("");
  in.place = http::StringField(body, "place", errors).value_or("");
  in.site_id = IntField(body, "site_id", 0, errors);
  InstantField(body, "start", &in.start, errors);
  InstantField(body, "end", &in.end, errors);
  in.capacity = IntField(body, "capacity", 0, errors);
  in.occurrences = IntField(body, "occurrences", 1, errors);
  return in;
}

Response List(Request& req, Context& ctx, Club& club) {
  const bool past = req.Query("when").value_or("") == "past";
  // ?mine=1: only the events where the asker holds a seat or waits in line.
  const bool mine = req.Query("mine").value_or("") == "1";
  if (mine && !ctx.account)
    return http::Problem(ctx,
                         core::Error::Of(core::ErrorCode::kUnauthorized, "error.unauthorized"));
  const auto events =
      past ? club.Past(ctx.programme.id, AccountOf(ctx))
           : club.Upcoming(ctx.programme.id, AccountOf(ctx), ctx.IsStaff(), mine ? 500 : 100);
  boost::json::array items;
  for (const auto& e : events)
    if (!mine || e.mine == Seat::kRegistered || e.mine == Seat::kWaitlisted)
      items.push_back(EventJson(e, ctx));
  return Response::Json(boost::json::object{{"items", items}});
}

Response CreateEvents(Request& req, Context& ctx, Club& club) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<core::FieldError> errors;
  const auto input = InputOf(*body, errors);
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  auto created = club.Create(ctx.programme.id, ctx.account->id, input);
  if (!created) return http::Problem(ctx, created.error());
  boost::json::array items;
  for (const auto& e : *created) items.push_back(EventJson(e, ctx));
  return Response::Json(boost::json::object{{"items", items}}, 201);
}

/// PATCH: {"capacity": n} and/or {"cancelled": true} (an event is not un-cancelled).
Response ChangeEvent(Request& req, Context& ctx, Club& club, long long id) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<core::FieldError> errors;
  const auto capacity = IntField(*body, "capacity", 0, errors);
  const auto* cancelled = body->if_contains("cancelled");
  if (cancelled && !(cancelled->is_bool() && cancelled->as_bool()))
    errors.push_back({"cancelled", "error.event.cancelled_field"});
  if (!body->contains("capacity") && !cancelled)
    errors.push_back({"capacity", "error.event.capacity"});
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  core::Result<ClubEvent> after = club.Find(ctx.programme.id, id, 0);
  if (body->contains("capacity")) after = club.SetCapacity(ctx.programme.id, id, capacity);
  if (after && cancelled) after = club.Cancel(ctx.programme.id, id);
  if (!after) return http::Problem(ctx, after.error());
  return Response::Json(EventJson(*after, ctx));
}

Response RegistrationsJson(Context& ctx, Club& club, long long id) {
  auto list = club.Registrations(ctx.programme.id, id);
  if (!list) return http::Problem(ctx, list.error());
  boost::json::array items;
  for (const auto& r : *list) {
    boost::json::object item{{"account_id", r.account_id},
                             {"name", r.name},
                             {"status", StateName(r.seat)},
                             {"since", core::FormatRfc3339Paris(r.queued_at)}};
    item["attended"] = r.attended ? boost::json::value(*r.attended) : boost::json::value(nullptr);
    items.push_back(item);
  }
  return Response::Json(boost::json::object{{"items", items}});
}

Response Attendance(Request& req, Context& ctx, Club& club, long long id) {
  const auto account = http::ParseId(req.Param("account"));
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  const auto* attended = body->if_contains("attended");
  if (!attended || !attended->is_bool())
    return http::Problem(ctx, core::Invalid({{"attended", "error.event.attended"}}));
  if (!account) return http::Problem(ctx, core::NotFound("error.event.not_registered"));
  auto done = club.RecordAttendance(ctx.programme.id, id, *account, attended->as_bool());
  if (!done) return http::Problem(ctx, done.error());
  return Response::NoContent();
}

void AddRegistrationApi(http::Router& router, Club& club) {
  router.Add("POST", "/api/v1/events/{id}/registrations", Access::AnyAccount(),
             WithId([&club](Request&, Context& ctx, long long id) {
               auto joined = club.Register(ctx.programme.id, id, ctx.account->id);
               if (!joined) return http::Problem(ctx, joined.error());
               auto event = club.Find(ctx.programme.id, id, ctx.account->id);
               boost::json::object out{{"status", StateName(joined->seat)},
                                       {"event", EventJson(*event, ctx)}};
               return Response::Json(out, joined->created ? 201 : 200);
             }));
  router.Add("DELETE", "/api/v1/events/{id}/registrations/me", Access::AnyAccount(),
             WithId([&club](Request&, Context& ctx, long long id) {
               auto after = club.Unregister(ctx.programme.id, id, ctx.account->id);
               if (!after) return http::Problem(ctx, after.error());
               return Response::Json(
                   boost::json::object{{"status", "cancelled"}, {"event", EventJson(*after, ctx)}});
             }));
  router.Add("GET", "/api/v1/events/{id}/registrations", Access::Staff(),
             WithId([&club](Request&, Context& ctx, long long id) {
               return RegistrationsJson(ctx, club, id);
             }));
  router.Add("PUT", "/api/v1/events/{id}/attendance/{account}", Access::Staff(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               return Attendance(req, ctx, club, id);
             }));
}

}  // namespace

void AddClubApi(http::Router& router, Club& club) {
  router.Add("GET", "/api/v1/events", Access::Public(),
             [&club](Request& req, Context& ctx) { return List(req, ctx, club); });
  router.Add("POST", "/api/v1/events", Access::Staff(),
             [&club](Request& req, Context& ctx) { return CreateEvents(req, ctx, club); });
  router.Add("GET", "/api/v1/events/{id}", Access::Public(),
             WithId([&club](Request&, Context& ctx, long long id) {
               auto event = club.Find(ctx.programme.id, id, AccountOf(ctx));
               if (!event) return http::Problem(ctx, event.error());
               return Response::Json(EventJson(*event, ctx));
             }));
  router.Add("PATCH", "/api/v1/events/{id}", Access::Staff(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               return ChangeEvent(req, ctx, club, id);
             }));
  AddRegistrationApi(router, club);
}

}  // namespace sohosolo::community
