// A member's own bookings: the "my bookings" page with check-in and cancel buttons, the .ics of
// one booking, and the member's calendar feed address.
#include "core/ical.hpp"
#include "core/time.hpp"
#include "http/bind.hpp"
#include "http/views.hpp"
#include "workspaces/bookings/checkin.hpp"
#include "workspaces/bookings/routes.hpp"
#include "workspaces/calendar/feeds.hpp"
#include "workspaces/sites/hosts.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::ParseId;
using http::Request;
using http::Response;
using http::ViewData;

class MemberPages {
 public:
  explicit MemberPages(Service& service) : service_(service) {}

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
      item.set("end",
               core::FormatClock(core::ToLocal(b.period.end, details->site.time_zone).minute));
      item.set("note", b.note);
      item.set("pending", b.status == BookingStatus::kPending);
      item.set("cancellable", b.period.start > now);
      item.set("created", req.Query("created") == std::to_string(b.id));
      item.set("checked_in_now", req.Query("checked_in") == std::to_string(b.id));
      // The button shows only while the member may use it (CheckInAllowed is the rule itself).
      item.set("can_check_in", CheckInAllowed(b, CheckInBy::kMember, now, policy).ok());
      if (b.checked_in_at)
        item.set(
            "checked_in_at",
            core::FormatClock(core::ToLocal(*b.checked_in_at, details->site.time_zone).minute));
      items.push_back(item);
    }
    data.set("bookings", items);
    data.set("has_bookings", !items.is_empty_list());
    ViewData feed;
    // A member always has an address (made on first visit); derived, it can be shown again.
    const auto current = service_.MemberFeed(ctx.programme.id, ctx.account->id);
    if (current) feed.set("created_at", core::FormatLocal(current->created_at, ctx.lang));
    if (const auto* url = data.get("new_feed_url")) {
      SetFeedUrl(feed, url->string_value());
    } else if (current && current->token) {
      SetFeedUrl(feed, FeedUrl(ctx, FeedKind::kMember, *current->token));
    }
    data.set("feed", feed);
    if (req.Query("waitlisted")) data.set("waitlisted", true);
    return http::Page(ctx, "src/workspaces/bookings/views/bookings.html", std::move(data),
                      "bookings.title", status);
  }

  Response RegenerateMemberFeed(Request& req, Context& ctx) {
    auto token = service_.RegenerateFeed(ctx.programme.id, ActorFor(service_, ctx),
                                         FeedKind::kMember, ctx.account->id);
    if (!token) return http::ErrorResponse(req, ctx, token.error());
    // Shown now or never: only the token's hash is stored.
    ViewData data;
    data.set("new_feed_url", FeedUrl(ctx, FeedKind::kMember, *token));
    return MyBookings(req, ctx, std::move(data), 201);
  }

  Response CheckInForm(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto booking = service_.CheckIn(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!booking) return http::ErrorResponse(req, ctx, booking.error());
    return Response::Redirect("/bookings?checked_in=" + std::to_string(*id));
  }

  Response CancelForm(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    auto done = service_.Cancel(ctx.programme.id, ActorFor(service_, ctx), *id, CancelScope::kOne,
                                form->Get("reason"));
    if (!done) return http::ErrorResponse(req, ctx, done.error());
    return Response::Redirect("/bookings");
  }

  Response Ics(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto details = service_.GetBooking(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!details) return http::ErrorResponse(req, ctx, details.error());
    const auto& b = details->booking;
    // The same event as in the member's feed (UID, SEQUENCE), so calendars holding both agree.
    const auto event = MemberEvent(b, details->resource, details->site, ctx.programme.slug);
    auto response =
        Response::Text(ToICalendar({event}, core::Now()), "text/calendar; charset=utf-8");
    response.SetHeader("Content-Disposition",
                       "attachment; filename=\"reservation-" + std::to_string(b.id) + ".ics\"");
    return response;
  }

 private:
  Service& service_;
};

}  // namespace

void AddMemberPages(http::Router& router, Service& service) {
  auto pages = std::make_shared<MemberPages>(service);
  const auto bind = http::MethodBinder(pages);
  router.Add("GET", "/bookings", Access::AnyAccount(), bind(&MemberPages::MyBookingsPage));
  router.Add("POST", "/bookings/calendar-feed", Access::AnyAccount(),
             bind(&MemberPages::RegenerateMemberFeed));
  router.Add("POST", "/bookings/{id}/cancel", Access::AnyAccount(), bind(&MemberPages::CancelForm));
  router.Add("POST", "/bookings/{id}/check-in", Access::AnyAccount(),
             bind(&MemberPages::CheckInForm));
  router.Add("GET", "/bookings/{id}/calendar.ics", Access::AnyAccount(), bind(&MemberPages::Ics));
}

}  // namespace sohosolo::workspaces
