#include "workspaces/bookings/routes.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/ical.hpp"
#include "core/time.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"
#include "workspaces/bookings/json.hpp"
#include "workspaces/bookings/site_bookings.hpp"
#include "workspaces/calendar/feeds.hpp"
#include "workspaces/sites/hosts.hpp"
#include "workspaces/sites/json.hpp"
#include "workspaces/sites/routes.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::ParseId;
using http::Request;
using http::Response;

boost::json::value OptionalTime(std::optional<core::UnixSeconds> t) {
  return t ? boost::json::value(core::FormatRfc3339Utc(*t)) : nullptr;
}

/// A feed as iCalendar text: the member's events with names, or the resource's busy periods.
Response FeedResponse(const Context& ctx, const Service::Feed& feed) {
  std::vector<CalendarEvent> events;
  for (const auto& e : feed.entries) {
    events.push_back(feed.kind == FeedKind::kMember
                         ? MemberEvent(e.booking, e.resource, e.site, ctx.programme.slug)
                         : BusyEvent(e.booking, e.resource, e.site, ctx.programme.slug,
                                     http::T(ctx, "calendar.busy")));
  }
  const auto name = feed.kind == FeedKind::kMember
                        ? http::T(ctx, "bookings.title") + " — " + ctx.programme.name
                        : feed.owner_name;
  auto response =
      Response::Text(ToICalendar(events, core::Now(), {name, 60}), "text/calendar; charset=utf-8");
  response.SetHeader("Content-Disposition", "inline; filename=\"calendar.ics\"");
  // Shared caches must not keep a private calendar; the client itself may for a few minutes.
  response.SetHeader("Cache-Control", "private, max-age=300");
  return response;
}

/// Feed tokens (made by their owners) and the feeds themselves (public: calendar applications
/// send no cookies, the secret token in the address is the only credential).
void AddFeedRoutes(http::Router& router, Service& service) {
  auto regenerate = [&service](Request& req, Context& ctx, FeedKind kind, long long owner) {
    auto token = service.RegenerateFeed(ctx.programme.id, ActorFor(service, ctx), kind, owner);
    if (!token) return http::Problem(ctx, token.error());
    return Response::Json(boost::json::object{{"calendar_feed_url", FeedUrl(ctx, kind, *token)},
                                              {"created_at", core::FormatRfc3339Utc(core::Now())}},
                          201);
  };
  router.Add("POST", "/api/v1/me/calendar-feed", Access::AnyAccount(),
             [regenerate](Request& req, Context& ctx) {
               return regenerate(req, ctx, FeedKind::kMember, ctx.account->id);
             });
  router.Add("POST", "/api/v1/resources/{id}/calendar-feed", Access::RunsSites(),
             [regenerate](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               return regenerate(req, ctx, FeedKind::kResource, *id);
             });
  for (const auto kind : {FeedKind::kMember, FeedKind::kResource}) {
    const std::string prefix =
        kind == FeedKind::kMember ? "/calendar/member/" : "/calendar/resource/";
    router.Add(
        "GET", prefix + "{token}", Access::Public(), [&service, kind](Request& req, Context& ctx) {
          auto feed = service.GetFeed(ctx.programme.id, kind, FeedTokenOf(req.Param("token")));
          if (!feed) return http::ErrorResponse(req, ctx, feed.error());
          return FeedResponse(ctx, *feed);
        });
  }
}

}  // namespace

boost::json::object BookingJson(const Booking& b, bool staff) {
  boost::json::object out{{"id", b.id},
                          {"resource_id", b.resource_id},
                          {"start", core::FormatRfc3339Paris(b.period.start)},
                          {"end", core::FormatRfc3339Paris(b.period.end)},
                          {"note", b.note},
                          {"status", StatusName(b.status)},
                          {"created_at", core::FormatRfc3339Utc(b.created_at)}};
  out["checked_in_at"] =
      b.checked_in_at ? boost::json::value(core::FormatRfc3339Utc(*b.checked_in_at)) : nullptr;
  out["series_id"] = b.series_id ? boost::json::value(*b.series_id) : nullptr;
  if (b.blocked_end > b.period.end) out["blocked_until"] = core::FormatRfc3339Paris(b.blocked_end);
  if (!b.status_reason.empty()) out["reason"] = b.status_reason;
  if (staff) {
    out["account_id"] = b.account_id;
    out["booked_by"] = b.booked_by ? boost::json::value(*b.booked_by) : nullptr;
    out["quota_override"] =
        b.quota_override_by
            ? boost::json::value(boost::json::object{{"by", *b.quota_override_by},
                                                     {"reason", b.quota_override_reason}})
            : nullptr;
  }
  return out;
}

Response BookingProblem(const Context& ctx, const core::Error& error,
                        const std::optional<Conflict>& detail) {
  auto response = http::Problem(ctx, error);
  if (!detail) return response;
  auto problem = boost::json::parse(response.body).as_object();
  if (detail->period) problem["conflict"] = PeriodJson(*detail->period);
  if (!detail->date.empty()) problem["date"] = detail->date;
  if (!detail->holiday_key.empty()) problem["holiday"] = http::T(ctx, detail->holiday_key);
  if (!detail->closure_reason.empty()) problem["closure_reason"] = detail->closure_reason;
  response.body = boost::json::serialize(problem);
  return response;
}

void ReadSlot(const boost::json::object& body, BookingRequest& request,
              std::vector<core::FieldError>& errors) {
  const auto* resource = body.if_contains("resource_id");
  if (!resource || !resource->is_int64())
    errors.push_back({"resource_id", "error.field.integer"});
  else
    request.resource_id = resource->as_int64();
  request.start = http::StringField(body, "start", errors).value_or("");
  request.end = http::StringField(body, "end", errors).value_or("");
  request.note = http::StringField(body, "note", errors).value_or("");
}

namespace {

/// The optional parts of a booking request: on behalf of, quota override, recurrence.
void ReadOptions(const boost::json::object& body, BookingRequest& request,
                 std::vector<core::FieldError>& errors) {
  if (const auto* v = body.if_contains("for_account_id"); v && !v->is_null()) {
    if (!v->is_int64())
      errors.push_back({"for_account_id", "error.field.integer"});
    else
      request.for_account_id = v->as_int64();
  }
  if (const auto* v = body.if_contains("override_quota"); v && !v->is_null()) {
    if (!v->is_bool())
      errors.push_back({"override_quota", "error.field.boolean"});
    else
      request.override_quota = v->as_bool();
  }
  request.override_reason = http::StringField(body, "override_reason", errors).value_or("");
  const auto on_conflict = http::StringField(body, "on_conflict", errors).value_or("stop");
  if (on_conflict != "stop" && on_conflict != "skip")
    errors.push_back({"on_conflict", "error.booking.on_conflict"});
  request.on_conflict = on_conflict == "skip" ? OnConflict::kSkip : OnConflict::kStop;
  const auto* rec = body.if_contains("recurrence");
  if (!rec || rec->is_null()) return;
  if (!rec->is_object()) {
    errors.push_back({"recurrence", "error.booking.recurrence_end"});
    return;
  }
  const auto& r = rec->as_object();
  RecurrenceRequest out;
  if (http::StringField(r, "frequency", errors).value_or("") != "weekly") {
    errors.push_back({"recurrence.frequency", "error.booking.recurrence_frequency"});
  }
  if (const auto* v = r.if_contains("interval"); v && !v->is_null()) {
    if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 52)
      errors.push_back({"recurrence.interval", "error.booking.recurrence_interval"});
    else
      out.interval = static_cast<int>(v->as_int64());
  }
  out.until = http::StringField(r, "until", errors).value_or("");
  if (const auto* v = r.if_contains("count"); v && !v->is_null()) {
    if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 1000)
      errors.push_back({"recurrence.count", "error.booking.recurrence_count"});
    else
      out.count = static_cast<int>(v->as_int64());
  }
  if (out.until.empty() == !out.count.has_value())
    errors.push_back({"recurrence", "error.booking.recurrence_end"});
  request.recurrence = out;
}

boost::json::object OutcomeJson(const Context& ctx, const BookingOutcome& outcome, bool staff) {
  boost::json::array created, skipped;
  for (const auto& b : outcome.created) created.push_back(BookingJson(b, staff));
  for (const auto& s : outcome.skipped) {
    boost::json::object item{{"date", s.date},
                             {"code", s.error.message_key},
                             {"detail", http::T(ctx, s.error.message_key)}};
    if (s.detail.period) item["conflict"] = PeriodJson(*s.detail.period);
    if (!s.detail.holiday_key.empty()) item["holiday"] = http::T(ctx, s.detail.holiday_key);
    if (!s.detail.closure_reason.empty()) item["closure_reason"] = s.detail.closure_reason;
    skipped.push_back(std::move(item));
  }
  return {{"series_id", outcome.series_id ? boost::json::value(*outcome.series_id) : nullptr},
          {"items", created},
          {"skipped", skipped}};
}

}  // namespace

/// A feed address as the page shows it, with its webcal:// twin for one-click subscription.
void SetFeedUrl(http::ViewData& data, const std::string& url) {
  data.set("feed_url", url);
  if (auto webcal = http::WebcalAddress(url); !webcal.empty()) data.set("feed_webcal", webcal);
}

std::string FeedUrl(const http::Context& ctx, FeedKind kind, const std::string& token) {
  return ctx.programme.public_url + FeedPath(kind, token);
}

std::function<void(const http::Request&, const http::Context&, boost::json::object&)> MeFields(
    Service& service) {
  return [&service](const http::Request& req, const http::Context& ctx, boost::json::object& me) {
    // Tokens are derived from the server secret, so the current address is shown every time:
    // made on first asking, replaced by POST /api/v1/me/calendar-feed. Null only for an address
    // made before tokens were derived (regenerating shows a new one).
    const auto feed = service.MemberFeed(ctx.programme.id, ctx.account->id);
    me["calendar_feed_url"] =
        feed && feed->token ? boost::json::value(FeedUrl(ctx, FeedKind::kMember, *feed->token))
                            : nullptr;
    me["calendar_feed_created_at"] =
        OptionalTime(feed ? std::optional(feed->created_at) : std::nullopt);
    me["calendar_feed_regenerate"] = "/api/v1/me/calendar-feed";
  };
}

namespace {

/// Sites and what is free: visitors see sites and their equipment, never bookings.
void AddSiteRoutes(http::Router& router, Service& service) {
  router.Add("GET", "/api/v1/sites", Access::Public(), [&service](Request&, Context& ctx) {
    boost::json::array items;
    for (const auto& s : service.Sites(ctx.programme.id))
      items.push_back(SiteJson(s, service.PhotoUpdatedAt(ctx.programme.id, s.site.id)));
    return Response::Json(boost::json::object{{"items", items}});
  });
  router.Add("GET", "/api/v1/sites/{id}", Access::Public(), [&service](Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::Problem(ctx, core::NotFound());
    auto site = service.GetSite(ctx.programme.id, *id);
    if (!site) return http::Problem(ctx, site.error());
    return Response::Json(SiteJson(*site, service.PhotoUpdatedAt(ctx.programme.id, *id)));
  });
  router.Add("GET", "/api/v1/resources/{id}/availability", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto kept = service.GetKeptAvailability(
                   ctx.programme.id, *id, req.Query("from").value_or(""),
                   req.Query("to").value_or(""), ctx.account->id);
               if (!kept) return http::Problem(ctx, kept.error());
               return Response::Text((*kept)->body(), "application/json");
             });
}

/// Booking, listing one's bookings and reading one.
void AddBookingRoutes(http::Router& router, Service& service) {
  router.Add("POST", "/api/v1/bookings", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               BookingRequest request;
               ReadSlot(*body, request, errors);
               ReadOptions(*body, request, errors);
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(errors));
               std::optional<Conflict> conflict;
               const auto actor = ActorFor(service, ctx);
               auto outcome = service.BookMany(ctx.programme.id, actor, request, &conflict);
               if (!outcome) return BookingProblem(ctx, outcome.error(), conflict);
               const auto& first = outcome->created.front();
               auto response = request.recurrence
                                   ? Response::Json(OutcomeJson(ctx, *outcome, actor.staff), 201)
                                   : Response::Json(BookingJson(first, actor.staff), 201);
               response.SetHeader("Location", "/api/v1/bookings/" + std::to_string(first.id));
               return response;
             });
  router.Add("GET", "/api/v1/bookings", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               // ?site_id=: a site's bookings, for the people who run it.
               if (auto site = SiteBookingsApi(service, req, ctx)) return std::move(*site);
               boost::json::array items;
               for (const auto& b : service.BookingsOf(ctx.programme.id, ctx.account->id))
                 items.push_back(BookingJson(b));
               return Response::Json(boost::json::object{{"items", items}});
             });
  router.Add("GET", "/api/v1/bookings/{id}", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               const auto actor = ActorFor(service, ctx);
               auto details = service.GetBooking(ctx.programme.id, actor, *id);
               if (!details) return http::Problem(ctx, details.error());
               return Response::Json(BookingJson(details->booking, actor.staff || actor.site_host));
             });
}

/// What happens to a booking afterwards: cancelling it, checking in.
void AddBookingActionRoutes(http::Router& router, Service& service) {
  router.Add("DELETE", "/api/v1/bookings/{id}", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               const auto scope = req.Query("scope").value_or("one");
               if (scope != "one" && scope != "following") {
                 return http::Problem(ctx, core::Invalid({{"scope", "error.booking.scope"}}));
               }
               // The reason comes as ?reason= or in a JSON body {"reason": ...}.
               std::string reason = req.Query("reason").value_or("");
               if (reason.empty() && !req.body.empty()) {
                 auto body = http::JsonObjectBody(req);
                 if (!body) return http::Problem(ctx, body.error());
                 std::vector<core::FieldError> errors;
                 reason = http::StringField(*body, "reason", errors).value_or("");
                 if (!errors.empty()) return http::Problem(ctx, core::Invalid(errors));
               }
               auto done = service.Cancel(
                   ctx.programme.id, ActorFor(service, ctx), *id,
                   scope == "following" ? CancelScope::kFollowing : CancelScope::kOne, reason);
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             });
  router.Add("POST", "/api/v1/bookings/{id}/check-in", Access::AnyAccount(),
             [&service](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto booking = service.CheckIn(ctx.programme.id, ActorFor(service, ctx), *id);
               if (!booking) return http::Problem(ctx, booking.error());
               return Response::Json(BookingJson(*booking));
             });
}

}  // namespace

void AddRoutes(http::Router& router, Service& service) {
  // First: the router takes the first match, and /api/v1/bookings/pending must win over {id}.
  AddRuleRoutes(router, service);
  AddSiteRoutes(router, service);
  AddBookingRoutes(router, service);
  AddBookingActionRoutes(router, service);
  AddFeedRoutes(router, service);
}

}  // namespace sohosolo::workspaces
