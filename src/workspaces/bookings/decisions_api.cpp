// API of site closures, host approval of bookings and the waitlist.
#include <boost/json.hpp>

#include "http/json_body.hpp"
#include "http/router.hpp"
#include "http/views.hpp"
#include "workspaces/bookings/json.hpp"
#include "workspaces/sites/hosts.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::ParseId;
using http::Request;
using http::Response;

boost::json::object ClosureJson(const Closure& c) {
  return {{"id", c.id},
          {"site_id", c.site_id},
          {"first_day", c.first_day},
          {"last_day", c.last_day},
          {"reason", c.reason}};
}

boost::json::object WaitlistJson(const WaitlistEntry& e) {
  boost::json::object out{{"id", e.id},
                          {"resource_id", e.resource_id},
                          {"start", core::FormatRfc3339Paris(e.period.start)},
                          {"end", core::FormatRfc3339Paris(e.period.end)},
                          {"status", e.status}};
  out["booking_id"] = e.booking_id ? boost::json::value(*e.booking_id) : nullptr;
  return out;
}

void AddClosureRoutes(http::Router& router, Service& service) {
  router.Add("GET", "/api/v1/sites/{id}/closures", Access::Public(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto closures = service.Closures(ctx.programme.id, *id);
               if (!closures) return http::Problem(ctx, closures.error());
               boost::json::array items;
               for (const auto& c : *closures) items.push_back(ClosureJson(c));
               return Response::Json(boost::json::object{{"items", items}});
             });
  // Every day the site is closed, public holidays included, so that a client (or a test) picks
  // days with the product's own calendar.
  router.Add(
      "GET", "/api/v1/sites/{id}/closed-days", Access::Public(),
      [&service](Request& req, Context& ctx) {
        auto id = ParseId(req.Param("id"));
        if (!id) return http::Problem(ctx, core::NotFound());
        auto closed = service.ClosedDays(ctx.programme.id, *id, req.Query("from").value_or(""),
                                         req.Query("to").value_or(""));
        if (!closed) return http::Problem(ctx, closed.error());
        boost::json::array items;
        for (const auto& hit : closed->days) {
          const bool holiday = !hit.holiday_key.empty();
          items.push_back({{"day", hit.date},
                           {"kind", holiday ? "public_holiday" : "closure"},
                           {"reason", holiday ? http::T(ctx, hit.holiday_key) : hit.reason}});
        }
        return Response::Json(boost::json::object{{"site_id", *id},
                                                  {"from", DayText(closed->from_day)},
                                                  {"to", DayText(closed->to_day)},
                                                  {"items", items}});
      });
  router.Add("POST", "/api/v1/sites/{id}/closures", Access::RunsSites(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               Closure closure{0, *id};
               closure.first_day = http::StringField(*body, "first_day", errors).value_or("");
               closure.last_day =
                   http::StringField(*body, "last_day", errors).value_or(closure.first_day);
               closure.reason = http::StringField(*body, "reason", errors).value_or("");
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto made = service.AddClosure(ctx.programme.id, ActorFor(service, ctx), closure);
               if (!made) return http::Problem(ctx, made.error());
               return Response::Json(ClosureJson(*made), 201);
             });
  router.Add("DELETE", "/api/v1/closures/{id}", Access::RunsSites(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto done = service.DeleteClosure(ctx.programme.id, ActorFor(service, ctx), *id);
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             });
}

void AddApprovalRoutes(http::Router& router, Service& service) {
  router.Add("GET", "/api/v1/bookings/pending", Access::RunsSites(),
             [&service](Request&, Context& ctx) {
               boost::json::array items;
               for (const auto& d : service.Pending(ctx.programme.id, ActorFor(service, ctx))) {
                 auto item = BookingJson(d.booking, true);
                 item["resource_name"] = d.resource.name;
                 item["site_name"] = d.site.name;
                 items.push_back(std::move(item));
               }
               return Response::Json(boost::json::object{{"items", items}});
             });
  router.Add("POST", "/api/v1/bookings/{id}/approve", Access::RunsSites(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto booking = service.Approve(ctx.programme.id, ActorFor(service, ctx), *id);
               if (!booking) return http::Problem(ctx, booking.error());
               return Response::Json(BookingJson(*booking, true));
             });
  router.Add("POST", "/api/v1/bookings/{id}/decline", Access::RunsSites(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               const auto reason = http::StringField(*body, "reason", errors).value_or("");
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto booking =
                   service.Decline(ctx.programme.id, ActorFor(service, ctx), *id, reason);
               if (!booking) return http::Problem(ctx, booking.error());
               return Response::Json(BookingJson(*booking, true));
             });
}

void AddWaitlistRoutes(http::Router& router, Service& service) {
  router.Add("POST", "/api/v1/waitlist", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               BookingRequest request;
               ReadSlot(*body, request, errors);
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto entry = service.JoinWaitlist(ctx.programme.id, ActorFor(service, ctx), request);
               if (!entry) return http::Problem(ctx, entry.error());
               auto response = Response::Json(WaitlistJson(*entry), 201);
               response.SetHeader("Location", "/api/v1/waitlist/" + std::to_string(entry->id));
               return response;
             });
  router.Add("GET", "/api/v1/waitlist", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               const auto mine = req.Query("mine").value_or("true");
               if (mine != "true" && mine != "false")
                 return http::Problem(ctx, core::Invalid({{"mine", "error.field.boolean"}}));
               boost::json::array items;
               for (const auto& e :
                    service.Waitlist(ctx.programme.id, ActorFor(service, ctx), mine == "true")) {
                 auto item = WaitlistJson(e);
                 item["account_id"] = e.account_id;
                 items.push_back(std::move(item));
               }
               return Response::Json(boost::json::object{{"items", items}});
             });
  router.Add("DELETE", "/api/v1/waitlist/{id}", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto done = service.LeaveWaitlist(ctx.programme.id, ActorFor(service, ctx), *id);
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             });
}

}  // namespace

void AddRuleRoutes(http::Router& router, Service& service) {
  AddClosureRoutes(router, service);
  AddApprovalRoutes(router, service);
  AddWaitlistRoutes(router, service);
}

}  // namespace sohosolo::workspaces
