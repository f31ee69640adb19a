#include "workspaces/routes.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include "core/time.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::Role;

std::optional<long long> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(text);
}

Response NotFound(const Context& ctx) { return http::Problem(ctx, core::Error::Of(core::ErrorCode::kNotFound, "error.not_found")); }

boost::json::object ResourceJson(const Resource& r) {
  return {{"id", r.id},
          {"site_id", r.site_id},
          {"kind", r.kind},
          {"name", r.name},
          {"capacity", r.capacity},
          {"equipment", r.equipment},
          {"bookable", r.bookable},
          {"rules",
           {{"min_minutes", r.rules.min_minutes},
            {"max_minutes", r.rules.max_minutes},
            {"step_minutes", r.rules.step_minutes},
            {"horizon_days", r.rules.horizon_days},
            {"notice_minutes", r.rules.notice_minutes}}}};
}

boost::json::object SiteJson(const SiteWithResources& s) {
  boost::json::array hours;
  for (const auto& h : s.site.hours) {
    hours.push_back({{"weekday", h.weekday},
                     {"opens", fmt::format("{:02}:{:02}", h.opens / 60, h.opens % 60)},
                     {"closes", fmt::format("{:02}:{:02}", h.closes / 60, h.closes % 60)}});
  }
  boost::json::array resources;
  for (const auto& r : s.resources) resources.push_back(ResourceJson(r));
  boost::json::object out{{"id", s.site.id},
                          {"name", s.site.name},
                          {"kind", s.site.kind},
                          {"commune_code", s.site.commune_code},
                          {"address", s.site.address},
                          {"description", s.site.description},
                          {"equipment", s.site.equipment},
                          {"contact", s.site.contact},
                          {"time_zone", s.site.time_zone},
                          {"demo_data", s.site.is_demo},
                          {"opening_hours", hours},
                          {"resources", resources}};
  out["latitude"] = s.site.latitude ? boost::json::value(*s.site.latitude) : nullptr;
  out["longitude"] = s.site.longitude ? boost::json::value(*s.site.longitude) : nullptr;
  return out;
}

boost::json::object PeriodJson(const Period& p) {
  return {{"start", core::FormatRfc3339Paris(p.start)}, {"end", core::FormatRfc3339Paris(p.end)}};
}

boost::json::object BookingJson(const Booking& b) {
  return {{"id", b.id},         {"resource_id", b.resource_id},
          {"start", core::FormatRfc3339Paris(b.period.start)},
          {"end", core::FormatRfc3339Paris(b.period.end)},
          {"note", b.note},     {"status", b.status},
          {"created_at", core::FormatRfc3339Utc(b.created_at)}};
}

Actor ActorOf(const Context& ctx) { return {ctx.account->id, ctx.HasAny({Role::kAdvisor, Role::kAdmin})}; }

}  // namespace

void AddRoutes(http::Router& router, Service& service) {
  // Visitors see sites and their equipment, never bookings.
  router.Add("GET", "/api/v1/sites", Access::Public(), [&service](Request&, Context& ctx) {
    boost::json::array items;
    for (const auto& s : service.Sites(ctx.programme.id)) items.push_back(SiteJson(s));
    return Response::Json(boost::json::object{{"items", items}});
  });
  router.Add("GET", "/api/v1/sites/{id}", Access::Public(), [&service](Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return NotFound(ctx);
    auto site = service.GetSite(ctx.programme.id, *id);
    if (!site) return http::Problem(ctx, site.error());
    return Response::Json(SiteJson(*site));
  });
  router.Add("GET", "/api/v1/resources/{id}/availability", Access::AnyAccount(), [&service](Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return NotFound(ctx);
    auto availability =
        service.GetAvailability(ctx.programme.id, *id, req.Query("from").value_or(""), req.Query("to").value_or(""));
    if (!availability) return http::Problem(ctx, availability.error());
    boost::json::array free, busy;
    for (const auto& p : availability->free) free.push_back(PeriodJson(p));
    for (const auto& p : availability->busy) busy.push_back(PeriodJson(p));
    return Response::Json(boost::json::object{{"resource_id", *id}, {"free", free}, {"busy", busy}});
  });
  router.Add("POST", "/api/v1/bookings", Access::AnyAccount(), [&service](Request& req, Context& ctx) {
    auto body = http::JsonObjectBody(req);
    if (!body) return http::Problem(ctx, body.error());
    std::vector<core::FieldError> errors;
    BookingRequest request;
    const auto* resource = body->if_contains("resource_id");
    if (!resource || !resource->is_int64()) errors.push_back({"resource_id", "error.field.integer"});
    else request.resource_id = resource->as_int64();
    request.start = http::StringField(*body, "start", errors).value_or("");
    request.end = http::StringField(*body, "end", errors).value_or("");
    request.note = http::StringField(*body, "note", errors).value_or("");
    if (!errors.empty()) return http::Problem(ctx, core::Error{core::ErrorCode::kInvalid, "error.invalid", errors, {}});
    std::optional<Conflict> conflict;
    auto booking = service.Book(ctx.programme.id, ActorOf(ctx), request, &conflict);
    if (!booking) {
      auto response = http::Problem(ctx, booking.error());
      if (conflict) {
        auto problem = boost::json::parse(response.body).as_object();
        problem["conflict"] = PeriodJson(conflict->period);
        response.body = boost::json::serialize(problem);
      }
      return response;
    }
    auto response = Response::Json(BookingJson(*booking), 201);
    response.SetHeader("Location", "/api/v1/bookings/" + std::to_string(booking->id));
    return response;
  });
  router.Add("GET", "/api/v1/bookings", Access::AnyAccount(), [&service](Request& req, Context& ctx) {
    boost::json::array items;
    for (const auto& b : service.BookingsOf(ctx.programme.id, ctx.account->id)) items.push_back(BookingJson(b));
    return Response::Json(boost::json::object{{"items", items}});
  });
  router.Add("DELETE", "/api/v1/bookings/{id}", Access::AnyAccount(), [&service](Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return NotFound(ctx);
    auto done = service.Cancel(ctx.programme.id, ActorOf(ctx), *id);
    if (!done) return http::Problem(ctx, done.error());
    return Response::NoContent();
  });
}

}  // namespace sohosolo::workspaces
