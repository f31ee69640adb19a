#include <date/date.h>
#include <fmt/format.h>

#include "core/time.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "workspaces/checkin.hpp"
#include "workspaces/feeds.hpp"
#include "workspaces/ical.hpp"
#include "workspaces/site_hosts.hpp"
#include "workspaces/routes.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ParseId;
using http::Role;
using http::ViewData;

std::string Clock(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

std::string LocalDay(core::UnixSeconds t, const std::string& zone) {
  const auto local = core::ToLocal(t, zone);
  return date::format("%F", date::sys_days{date::days{local.days}});
}

/// The people who run sites: they see and regenerate resource feeds.
bool RunsSites(const Context& ctx) { return ctx.account && ctx.HasAny({Role::kSiteHost, Role::kAdvisor, Role::kAdmin}); }

/// A feed address as the page shows it, with its webcal:// twin for one-click subscription.
void SetFeedUrl(ViewData& data, const std::string& url) {
  data.set("feed_url", url);
  const auto scheme = url.find("://");
  if (scheme != std::string::npos) data.set("feed_webcal", "webcal" + url.substr(scheme));
}

ViewData HoursData(const Context& ctx, const Site& site) {
  ViewData hours{ViewData::type::list};
  for (int day = 1; day <= 7; ++day) {
    std::string text;
    for (const auto& h : site.hours) {
      if (h.weekday == day) text += (text.empty() ? "" : ", ") + Clock(h.opens) + "–" + Clock(h.closes);
    }
    ViewData item;
    item.set("day", http::T(ctx, "day." + std::to_string(day)));
    item.set("hours", text.empty() ? http::T(ctx, "sites.closed") : text);
    hours.push_back(item);
  }
  return hours;
}

ViewData SiteSummary(const Context& ctx, const SiteWithResources& s) {
  ViewData item;
  item.set("id", std::to_string(s.site.id));
  item.set("name", s.site.name);
  item.set("kind", http::T(ctx, "sites.kind_" + s.site.kind));
  item.set("equipment", s.site.equipment);
  item.set("description", s.site.description);
  item.set("demo", s.site.is_demo);
  item.set("resource_count", std::to_string(s.resources.size()));
  return item;
}

class Pages {
 public:
  Pages(Service& service, std::string public_url) : service_(service), public_url_(std::move(public_url)) {}

  Response SitesPage(Request&, Context& ctx) {
    ViewData telecentres{ViewData::type::list}, coworking{ViewData::type::list};
    for (const auto& s : service_.Sites(ctx.programme.id)) {
      (s.site.kind == "coworking" ? coworking : telecentres).push_back(SiteSummary(ctx, s));
    }
    ViewData data;
    data.set("telecentres", telecentres);
    data.set("coworking", coworking);
    return http::Page(ctx, "src/workspaces/views/sites.html", std::move(data), "sites.title");
  }

  Response SitePage(Request& req, Context& ctx) { return RenderSite(req, ctx, {}, 200); }

  Response RenderSite(Request& req, Context& ctx, ViewData data, int status) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
    auto site = service_.GetSite(ctx.programme.id, *id);
    if (!site) return http::ErrorResponse(req, ctx, site.error());
    const auto& zone = site->site.time_zone;
    // The day shown: ?date=, else the form's date, else tomorrow.
    std::string day = req.Query("date").value_or("");
    if (day.empty() && data.get("sent_date")) day = data.get("sent_date")->string_value();
    if (day.empty()) day = LocalDay(core::Now() + 86400, zone);
    ViewData resources{ViewData::type::list};
    for (const auto& r : site->resources) {
      ViewData item;
      item.set("id", std::to_string(r.id));
      item.set("name", r.name);
      item.set("kind", http::T(ctx, "sites.resource_" + r.kind));
      item.set("capacity", std::to_string(r.capacity));
      // kainjow treats an empty string as true in {{#...}}: set optional texts only when present.
      if (!r.equipment.empty()) item.set("equipment", r.equipment);
      item.set("step", std::to_string(r.rules.step_minutes * 60));
      // After a refused booking, the form that was sent comes back filled in, with its error.
      const auto* sent = data.get("sent_resource");
      if (sent && sent->string_value() == std::to_string(r.id)) {
        for (const char* field : {"start", "end", "note"}) {
          if (const auto* value = data.get(std::string("sent_") + field)) item.set(std::string("form_") + field, *value);
        }
        std::string error;
        for (const char* key : {"error_summary", "err_date", "err_start", "err_end", "err_note", "err_resource_id"}) {
          if (const auto* text = data.get(key)) error += (error.empty() ? "" : " ") + text->string_value();
        }
        if (!error.empty()) item.set("form_error", error);
      }
      if (RunsSites(ctx)) {
        ViewData feed;
        if (auto created = service_.FeedCreatedAt(ctx.programme.id, FeedKind::kResource, r.id)) {
          feed.set("created_at", core::FormatLocal(*created, ctx.lang));
        }
        const auto* fresh = data.get("feed_resource");
        if (fresh && fresh->string_value() == std::to_string(r.id)) SetFeedUrl(feed, data.get("feed_url")->string_value());
        item.set("feed", feed);
      }
      if (ctx.account) {
        ViewData free{ViewData::type::list};
        if (auto a = service_.GetAvailability(ctx.programme.id, r.id, day, day)) {
          for (const auto& p : a->free) {
            ViewData slot;
            slot.set("from", Clock(core::ToLocal(p.start, zone).minute));
            slot.set("to", Clock(core::ToLocal(p.end, zone).minute));
            free.push_back(slot);
          }
        }
        item.set("free", free);
        item.set("has_free", !free.is_empty_list());
      }
      resources.push_back(item);
    }
    data.set("site", SiteSummary(ctx, *site));
    if (ctx.account && ManagesSite(ActorFor(service_, ctx), *id)) data.set("can_manage", true);
    if (!site->site.address.empty()) data.set("address", site->site.address);
    if (!site->site.contact.empty()) data.set("contact", site->site.contact);
    data.set("hours", HoursData(ctx, site->site));
    data.set("resources", resources);
    data.set("date", day);
    return http::Page(ctx, "src/workspaces/views/site.html", std::move(data), "sites.site_title", status);
  }

  Response Book(Request& req, Context& ctx) {
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    auto resource_id = ParseId(form->Get("resource_id"));
    req.path_params["id"] = form->Get("site_id");
    if (!resource_id) return http::ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
    std::optional<Conflict> conflict;
    auto booking = service_.BookLocal(ctx.programme.id, ActorFor(service_, ctx), *resource_id, form->Get("date"),
                                      form->Get("start"), form->Get("end"), form->Get("note"), &conflict);
    if (booking) return Response::Redirect("/bookings?created=" + std::to_string(booking->id));
    ViewData data;
    http::AddFieldErrors(data, ctx, booking.error());
    data.set("sent_date", form->Get("date"));
    data.set("sent_start", form->Get("start"));
    data.set("sent_end", form->Get("end"));
    data.set("sent_note", form->Get("note"));
    data.set("sent_resource", form->Get("resource_id"));
    return RenderSite(req, ctx, std::move(data), http::HttpStatusFor(booking.error().code));
  }

  Response MyBookingsPage(Request& req, Context& ctx) { return MyBookings(req, ctx, {}, 200); }

  Response MyBookings(Request& req, Context& ctx, ViewData data, int status) {
    ViewData items{ViewData::type::list};
    const auto now = core::Now();
    const auto& policy = service_.check_in_policy();
    const auto actor = ActorFor(service_, ctx);
    for (const auto& b : service_.BookingsOf(ctx.programme.id, ctx.account->id)) {
      auto details = service_.GetBooking(ctx.programme.id, actor, b.id);
      if (!details) continue;
      ViewData item;
      item.set("id", std::to_string(b.id));
      item.set("site", details->site.name);
      item.set("resource", details->resource.name);
      item.set("start", core::FormatLocal(b.period.start, ctx.lang));
      item.set("end", Clock(core::ToLocal(b.period.end, details->site.time_zone).minute));
      item.set("note", b.note);
      item.set("cancellable", b.period.start > now);
      item.set("created", req.Query("created") == std::to_string(b.id));
      item.set("checked_in_now", req.Query("checked_in") == std::to_string(b.id));
      // The button shows only while the member may use it (CheckInAllowed is the rule itself).
      item.set("can_check_in", CheckInAllowed(b, CheckInBy::kMember, now, policy).ok());
      if (b.checked_in_at) item.set("checked_in_at", Clock(core::ToLocal(*b.checked_in_at, details->site.time_zone).minute));
      items.push_back(item);
    }
    data.set("bookings", items);
    data.set("has_bookings", !items.is_empty_list());
    ViewData feed;
    if (auto created = service_.FeedCreatedAt(ctx.programme.id, FeedKind::kMember, ctx.account->id)) {
      feed.set("created_at", core::FormatLocal(*created, ctx.lang));
    }
    if (const auto* url = data.get("new_feed_url")) SetFeedUrl(feed, url->string_value());
    data.set("feed", feed);
    return http::Page(ctx, "src/workspaces/views/bookings.html", std::move(data), "bookings.title", status);
  }

  Response RegenerateMemberFeed(Request& req, Context& ctx) {
    auto token = service_.RegenerateFeed(ctx.programme.id, ActorFor(service_, ctx), FeedKind::kMember, ctx.account->id);
    if (!token) return http::ErrorResponse(req, ctx, token.error());
    // Shown now or never: only the token's hash is stored.
    ViewData data;
    data.set("new_feed_url", FeedUrl(public_url_, req, FeedKind::kMember, *token));
    return MyBookings(req, ctx, std::move(data), 201);
  }

  Response RegenerateResourceFeed(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("resource"));
    if (!id) return http::ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
    auto token = service_.RegenerateFeed(ctx.programme.id, ActorFor(service_, ctx), FeedKind::kResource, *id);
    if (!token) return http::ErrorResponse(req, ctx, token.error());
    ViewData data;
    data.set("feed_resource", std::to_string(*id));
    data.set("feed_url", FeedUrl(public_url_, req, FeedKind::kResource, *token));
    return RenderSite(req, ctx, std::move(data), 201);
  }

  Response CheckInForm(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
    auto booking = service_.CheckIn(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!booking) return http::ErrorResponse(req, ctx, booking.error());
    return Response::Redirect("/bookings?checked_in=" + std::to_string(*id));
  }

  Response CancelForm(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
    auto done = service_.Cancel(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!done) return http::ErrorResponse(req, ctx, done.error());
    return Response::Redirect("/bookings");
  }

  Response Ics(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::ErrorCode::kNotFound, "error.not_found");
    auto details = service_.GetBooking(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!details) return http::ErrorResponse(req, ctx, details.error());
    const auto& b = details->booking;
    // The same event as in the member's feed (UID, SEQUENCE), so calendars holding both agree.
    const auto event = MemberEvent(b, details->resource, details->site, ctx.programme.slug);
    auto response = Response::Text(ToICalendar({event}, core::Now()), "text/calendar; charset=utf-8");
    response.SetHeader("Content-Disposition", "attachment; filename=\"reservation-" + std::to_string(b.id) + ".ics\"");
    return response;
  }

 private:
  Service& service_;
  std::string public_url_;
};

}  // namespace

void AddPages(http::Router& router, Service& service, std::string public_url) {
  auto pages = std::make_shared<Pages>(service, std::move(public_url));
  auto bind = [pages](Response (Pages::*method)(Request&, Context&)) {
    return [pages, method](Request& req, Context& ctx) { return ((*pages).*method)(req, ctx); };
  };
  router.Add("GET", "/sites", Access::Public(), bind(&Pages::SitesPage));
  router.Add("GET", "/sites/{id}", Access::Public(), bind(&Pages::SitePage));
  router.Add("POST", "/bookings", Access::AnyAccount(), bind(&Pages::Book));
  router.Add("GET", "/bookings", Access::AnyAccount(), bind(&Pages::MyBookingsPage));
  router.Add("POST", "/bookings/calendar-feed", Access::AnyAccount(), bind(&Pages::RegenerateMemberFeed));
  router.Add("POST", "/bookings/{id}/cancel", Access::AnyAccount(), bind(&Pages::CancelForm));
  router.Add("POST", "/bookings/{id}/check-in", Access::AnyAccount(), bind(&Pages::CheckInForm));
  router.Add("POST", "/sites/{id}/resources/{resource}/calendar-feed",
             Access::Roles({Role::kSiteHost, Role::kAdvisor, Role::kAdmin}), bind(&Pages::RegenerateResourceFeed));
  router.Add("GET", "/bookings/{id}/calendar.ics", Access::AnyAccount(), bind(&Pages::Ics));
}

}  // namespace sohosolo::workspaces
