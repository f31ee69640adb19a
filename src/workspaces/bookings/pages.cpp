#include <date/date.h>
#include <fmt/format.h>

#include "core/ical.hpp"
#include "core/time.hpp"
#include "http/bind.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "workspaces/bookings/checkin.hpp"
#include "workspaces/bookings/json.hpp"
#include "workspaces/bookings/routes.hpp"
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
using http::ViewData;

std::string LocalDay(core::UnixSeconds t, const std::string& zone) {
  const auto local = core::ToLocal(t, zone);
  return date::format("%F", date::sys_days{date::days{local.days}});
}

/// The people who run sites: they see and regenerate resource feeds.
bool RunsSites(const Context& ctx) { return ctx.account && ctx.RunsSites(); }

ViewData HoursData(const Context& ctx, const Site& site) {
  ViewData hours{ViewData::type::list};
  for (int day = 1; day <= 7; ++day) {
    std::string text;
    for (const auto& h : site.hours) {
      if (h.weekday == day)
        text += (text.empty() ? "" : ", ") + core::FormatClock(h.opens) + "–" +
                core::FormatClock(h.closes);
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
  explicit Pages(Service& service) : service_(service) {}

  Response SitesPage(Request&, Context& ctx) {
    ViewData telecentres{ViewData::type::list}, coworking{ViewData::type::list};
    for (const auto& s : service_.Sites(ctx.programme.id)) {
      (s.site.kind == "coworking" ? coworking : telecentres).push_back(SiteSummary(ctx, s));
    }
    ViewData data;
    data.set("telecentres", telecentres);
    data.set("coworking", coworking);
    return http::Page(ctx, "src/workspaces/bookings/views/sites.html", std::move(data),
                      "sites.title");
  }

  Response SitePage(Request& req, Context& ctx) { return RenderSite(req, ctx, {}, 200); }

  /// After a refused booking, the form that was sent comes back filled in, with its error.
  static void RefillForm(ViewData& item, const ViewData& data, const Resource& r) {
    const auto* sent = data.get("sent_resource");
    if (!sent || sent->string_value() != std::to_string(r.id)) return;
    for (const char* field : {"start", "end", "note", "repeat"}) {
      if (const auto* value = data.get(std::string("sent_") + field))
        item.set(std::string("form_") + field, *value);
    }
    std::string error;
    for (const char* key : {"error_summary", "err_date", "err_start", "err_end", "err_note",
                            "err_resource_id", "err_repeat", "refusal"}) {
      if (const auto* text = data.get(key))
        error += (error.empty() ? "" : " ") + text->string_value();
    }
    if (!error.empty()) item.set("form_error", error);
    // A taken slot: the member may queue for it instead.
    if (data.get("offer_waitlist")) item.set("offer_waitlist", true);
  }

  /// The resource's calendar feed, for the people who run sites: a fresh address just made, else
  /// the current one.
  ViewData FeedView(Context& ctx, const ViewData& data, const Resource& r) {
    ViewData feed;
    const auto current = service_.CurrentFeed(ctx.programme.id, FeedKind::kResource, r.id);
    if (current) feed.set("created_at", core::FormatLocal(current->created_at, ctx.lang));
    const auto* fresh = data.get("feed_resource");
    if (fresh && fresh->string_value() == std::to_string(r.id)) {
      SetFeedUrl(feed, data.get("feed_url")->string_value());
    } else if (current && current->token) {
      SetFeedUrl(feed, FeedUrl(ctx, FeedKind::kResource, *current->token));
    }
    return feed;
  }

  /// The free slots of the resource on `day`, in the site's zone.
  ViewData FreeSlots(Context& ctx, const Resource& r, const std::string& day,
                     const std::string& zone) {
    ViewData free{ViewData::type::list};
    if (auto a = service_.GetAvailability(ctx.programme.id, r.id, day, day, ctx.account->id)) {
      for (const auto& p : a->free) {
        ViewData slot;
        slot.set("from", core::FormatClock(core::ToLocal(p.start, zone).minute));
        slot.set("to", core::FormatClock(core::ToLocal(p.end, zone).minute));
        free.push_back(slot);
      }
    }
    return free;
  }

  ViewData ResourceView(Context& ctx, const ViewData& data, const Resource& r,
                        const std::string& day, const std::string& zone) {
    ViewData item;
    item.set("id", std::to_string(r.id));
    item.set("name", r.name);
    item.set("kind", http::T(ctx, "sites.resource_" + r.kind));
    item.set("capacity", std::to_string(r.capacity));
    // kainjow treats an empty string as true in {{#...}}: set optional texts only when present.
    if (!r.equipment.empty()) item.set("equipment", r.equipment);
    item.set("step", std::to_string(r.rules.step_minutes * 60));
    RefillForm(item, data, r);
    if (RunsSites(ctx)) item.set("feed", FeedView(ctx, data, r));
    if (ctx.account) {
      const auto free = FreeSlots(ctx, r, day, zone);
      item.set("free", free);
      item.set("has_free", !free.is_empty_list());
    }
    return item;
  }

  Response RenderSite(Request& req, Context& ctx, ViewData data, int status) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto site = service_.GetSite(ctx.programme.id, *id);
    if (!site) return http::ErrorResponse(req, ctx, site.error());
    const auto& zone = site->site.time_zone;
    // The day shown: ?date=, else the form's date, else tomorrow.
    std::string day = req.Query("date").value_or("");
    if (day.empty() && data.get("sent_date")) day = data.get("sent_date")->string_value();
    if (day.empty()) day = LocalDay(core::Now() + 86400, zone);
    // A free slot of the calendar opens this page with its booking form filled in.
    if (!data.get("sent_resource")) {
      if (auto resource = req.Query("resource")) {
        data.set("sent_resource", *resource);
        data.set("sent_start", req.Query("start").value_or(""));
        data.set("sent_end", req.Query("end").value_or(""));
      }
    }
    ViewData resources{ViewData::type::list};
    for (const auto& r : site->resources)
      resources.push_back(ResourceView(ctx, data, r, day, zone));
    if (RunsSites(ctx)) data.set("closures", ClosuresData(ctx, *id));
    data.set("site", SiteSummary(ctx, *site));
    if (auto photo = service_.PhotoUpdatedAt(ctx.programme.id, *id))
      data.set("photo_src", PhotoPath(*id, *photo));
    if (ctx.account && ManagesSite(ActorFor(service_, ctx), *id)) data.set("can_manage", true);
    if (!site->site.address.empty()) data.set("address", site->site.address);
    if (!site->site.contact.empty()) data.set("contact", site->site.contact);
    data.set("hours", HoursData(ctx, site->site));
    data.set("resources", resources);
    data.set("date", day);
    return http::Page(ctx, "src/workspaces/bookings/views/site.html", std::move(data),
                      "sites.site_title", status);
  }

  ViewData ClosuresData(Context& ctx, long long site_id) {
    ViewData list{ViewData::type::list};
    if (auto closures = service_.Closures(ctx.programme.id, site_id)) {
      for (const auto& c : *closures) {
        ViewData item;
        item.set("id", std::to_string(c.id));
        item.set("first_day", c.first_day);
        item.set("last_day", c.last_day);
        item.set("reason", c.reason);
        list.push_back(item);
      }
    }
    ViewData out;
    out.set("has_items", !list.is_empty_list());
    out.set("items", list);
    return out;
  }

  Response AddClosure(Request& req, Context& ctx) {
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    const auto last =
        form->Get("last_day").empty() ? form->Get("first_day") : form->Get("last_day");
    auto made =
        service_.AddClosure(ctx.programme.id, ActorFor(service_, ctx),
                            Closure{0, *id, form->Get("first_day"), last, form->Get("reason")});
    if (made) return Response::Redirect("/sites/" + std::to_string(*id) + "#closures");
    if (made.error().code != core::ErrorCode::kInvalid)
      return http::ErrorResponse(req, ctx, made.error());
    ViewData data;
    http::AddFieldErrors(data, ctx, made.error());
    data.set("closure_first_day", form->Get("first_day"));
    data.set("closure_last_day", form->Get("last_day"));
    data.set("closure_reason", form->Get("reason"));
    return RenderSite(req, ctx, std::move(data), 422);
  }

  Response DeleteClosure(Request& req, Context& ctx) {
    auto site = ParseId(req.Param("id"));
    auto id = ParseId(req.Param("closure"));
    if (!site || !id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto done = service_.DeleteClosure(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!done) return http::ErrorResponse(req, ctx, done.error());
    return Response::Redirect("/sites/" + std::to_string(*site) + "#closures");
  }

  Response Book(Request& req, Context& ctx) {
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    auto resource_id = ParseId(form->Get("resource_id"));
    req.path_params["id"] = form->Get("site_id");
    if (!resource_id) return http::ErrorResponse(req, ctx, core::NotFound());
    std::optional<Conflict> conflict;
    int repeat = 0;
    const auto repeat_text = form->Get("repeat");
    if (!repeat_text.empty()) {
      const auto parsed = ParseId(repeat_text);
      repeat = repeat_text == "0" ? 0
               : parsed           ? static_cast<int>(std::min<long long>(*parsed, 1000))
                                  : -1;
    }
    const LocalBookingForm sent{*resource_id,     form->Get("date"), form->Get("start"),
                                form->Get("end"), form->Get("note"), repeat};
    auto booking = service_.BookLocal(ctx.programme.id, ActorFor(service_, ctx), sent, &conflict);
    if (booking) return Response::Redirect("/bookings?created=" + std::to_string(booking->id));
    ViewData data;
    http::AddFieldErrors(data, ctx, booking.error());
    if (conflict) {
      // Say which occurrence, and which holiday or closure, refused the booking.
      std::string refusal = conflict->date;
      if (!conflict->holiday_key.empty()) refusal += " : " + http::T(ctx, conflict->holiday_key);
      if (!conflict->closure_reason.empty()) refusal += " : " + conflict->closure_reason;
      if (!refusal.empty()) data.set("refusal", "(" + refusal + ")");
      if (booking.error().code == core::ErrorCode::kConflict && repeat == 0)
        data.set("offer_waitlist", true);
    }
    data.set("sent_repeat", repeat_text);
    data.set("sent_date", form->Get("date"));
    data.set("sent_start", form->Get("start"));
    data.set("sent_end", form->Get("end"));
    data.set("sent_note", form->Get("note"));
    data.set("sent_resource", form->Get("resource_id"));
    return RenderSite(req, ctx, std::move(data), http::HttpStatusFor(booking.error().code));
  }

  Response RegenerateResourceFeed(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("resource"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto token = service_.RegenerateFeed(ctx.programme.id, ActorFor(service_, ctx),
                                         FeedKind::kResource, *id);
    if (!token) return http::ErrorResponse(req, ctx, token.error());
    ViewData data;
    data.set("feed_resource", std::to_string(*id));
    data.set("feed_url", FeedUrl(ctx, FeedKind::kResource, *token));
    return RenderSite(req, ctx, std::move(data), 201);
  }

 private:
  Service& service_;
};

}  // namespace

void AddPages(http::Router& router, Service& service) {
  auto pages = std::make_shared<Pages>(service);
  const auto bind = http::MethodBinder(pages);
  router.Add("GET", "/sites", Access::Public(), bind(&Pages::SitesPage));
  AddCalendarPages(router, service);
  router.Add("GET", "/sites/{id}", Access::Public(), bind(&Pages::SitePage));
  router.Add("POST", "/bookings", Access::AnyAccount(), bind(&Pages::Book));
  router.Add("POST", "/sites/{id}/resources/{resource}/calendar-feed", Access::RunsSites(),
             bind(&Pages::RegenerateResourceFeed));
  const auto site_staff = Access::RunsSites();
  router.Add("POST", "/sites/{id}/closures", site_staff, bind(&Pages::AddClosure));
  router.Add("POST", "/sites/{id}/closures/{closure}/delete", site_staff,
             bind(&Pages::DeleteClosure));
  AddMemberPages(router, service);
  AddApprovalPages(router, service);
  AddSiteBookingPages(router, service);
}

}  // namespace sohosolo::workspaces
