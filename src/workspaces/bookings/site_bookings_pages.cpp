// The page where the people who run a site see its bookings, day by day and resource by
// resource, and act on them: check in, cancel with a reason, approve or decline.
#include <fmt/format.h>

#include <map>

#include "core/time.hpp"
#include "http/bind.hpp"
#include "http/request.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "workspaces/bookings/site_bookings.hpp"
#include "workspaces/sites/hosts.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::ParseId;
using http::Request;
using http::Response;
using http::ViewData;

std::string Clock(core::UnixSeconds t, const std::string& zone) {
  return core::FormatClock(core::ToLocal(t, zone).minute);
}

/// A refused action, shown next to the booking it was about.
struct Refusal {
  long long booking_id = 0;
  std::string action;
  std::string message;
  std::string reason;  ///< What was typed, given back.
};

/// The words of an error: its field messages, else its summary.
std::string Words(const Context& ctx, const core::Error& error) {
  std::string out;
  for (const auto& f : error.fields) out += (out.empty() ? "" : " ") + http::T(ctx, f.message_key);
  return out.empty() ? http::T(ctx, error.message_key) : out;
}

class SiteBookingPages {
 public:
  explicit SiteBookingPages(Service& service) : service_(service) {}

  Response Show(Request& req, Context& ctx) {
    return Render(req, ctx, req.Query("from").value_or(""), req.Query("to").value_or(""), {}, 200);
  }

  Response CheckIn(Request& req, Context& ctx) {
    return Act(req, ctx, "check_in", [&](long long id, const http::Form&) -> core::Status {
      auto done = service_.CheckIn(ctx.programme.id, ActorFor(service_, ctx), id);
      if (!done) return done.error();
      return core::Ok();
    });
  }
  Response Cancel(Request& req, Context& ctx) {
    return Act(req, ctx, "cancel", [&](long long id, const http::Form& form) {
      return service_.Cancel(ctx.programme.id, ActorFor(service_, ctx), id, CancelScope::kOne,
                             form.Get("reason"));
    });
  }
  Response Approve(Request& req, Context& ctx) {
    return Act(req, ctx, "approve", [&](long long id, const http::Form&) -> core::Status {
      auto done = service_.Approve(ctx.programme.id, ActorFor(service_, ctx), id);
      if (!done) return done.error();
      return core::Ok();
    });
  }
  Response Decline(Request& req, Context& ctx) {
    return Act(req, ctx, "decline", [&](long long id, const http::Form& form) -> core::Status {
      auto done =
          service_.Decline(ctx.programme.id, ActorFor(service_, ctx), id, form.Get("reason"));
      if (!done) return done.error();
      return core::Ok();
    });
  }

 private:
  /// Runs an action on a booking of the page, then comes back to the same days. A refusal the
  /// person can fix or must see (a missing reason, a booking already cancelled) re-shows the page
  /// with the message next to the booking; anything else is an error page.
  template <typename F>
  Response Act(Request& req, Context& ctx, const std::string& action, F run) {
    const auto site = ParseId(req.Param("id"));
    const auto booking = ParseId(req.Param("booking"));
    if (!site || !booking) return http::ErrorResponse(req, ctx, core::NotFound());
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    const auto from = form->Get("from");
    const auto to = form->Get("to");
    auto done = run(*booking, *form);
    if (!done) {
      const auto code = done.error().code;
      if (code != core::ErrorCode::kInvalid && code != core::ErrorCode::kConflict) {
        return http::ErrorResponse(req, ctx, done.error());
      }
      Refusal refusal{*booking, action, Words(ctx, done.error()), form->Get("reason")};
      return Render(req, ctx, from, to, refusal, http::HttpStatusFor(code));
    }
    // Back to the same days; only dates that read as dates go into the address.
    std::string range;
    if (const auto f = ParseDay(from)) range += "from=" + DayText(*f) + "&";
    if (const auto t = ParseDay(to)) range += "to=" + DayText(*t) + "&";
    return Response::Redirect(
        fmt::format("/sites/{}/bookings?{}done={}#booking-{}", *site, range, action, *booking));
  }

  /// Bookings of one site grouped by local day, then by resource.
  using ByDay = std::map<long long, std::map<long long, std::vector<ViewData>>>;

  /// One booking as the site's staff see it, with the buttons the service would accept.
  static ViewData ItemView(const Context& ctx, const Booking& b, const std::string& member,
                           const std::string& zone, const Refusal& refusal) {
    ViewData item;
    const auto state = SiteBookingState(b);
    item.set("id", std::to_string(b.id));
    item.set("member", member.empty() ? "#" + std::to_string(b.account_id) : member);
    item.set("time", Clock(b.period.start, zone) + "–" + Clock(b.period.end, zone));
    item.set("state", state);
    item.set("state_label", http::T(ctx, "sitebookings.state_" + state));
    if (!b.note.empty()) item.set("note", b.note);
    if (!b.status_reason.empty()) item.set("reason", b.status_reason);
    item.set("can_check_in",
             (b.status == BookingStatus::kConfirmed || b.status == BookingStatus::kNoShow) &&
                 !b.checked_in_at);
    item.set("can_cancel", b.Holds());
    item.set("pending", b.status == BookingStatus::kPending);
    if (refusal.booking_id == b.id) {
      item.set("error", refusal.message);
      item.set("error_" + refusal.action, true);
      item.set("sent_reason", refusal.reason);
    }
    return item;
  }

  /// The days of the listing, each with its resources in the site's order.
  static ViewData DaysView(const Context& ctx, const ByDay& by_day,
                           const std::vector<Resource>& site_resources, const std::string& zone) {
    ViewData days{ViewData::type::list};
    for (const auto& [day, groups] : by_day) {
      ViewData resources{ViewData::type::list};
      for (const auto& r : site_resources) {
        const auto g = groups.find(r.id);
        if (g == groups.end()) continue;
        ViewData items{ViewData::type::list};
        for (const auto& item : g->second) items.push_back(item);
        ViewData group;
        group.set("resource", r.name);
        group.set("items", items);
        resources.push_back(group);
      }
      const auto weekday = core::ToLocal(core::FromLocal(day, 12 * 60, zone), zone).weekday;
      ViewData d;
      d.set("day", DayText(day));
      d.set("label", http::T(ctx, "day." + std::to_string(weekday)) + " " + DayText(day));
      d.set("resources", resources);
      days.push_back(d);
    }
    return days;
  }

  Response Render(Request& req, Context& ctx, const std::string& from, const std::string& to,
                  const Refusal& refusal, int status) {
    const auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    const auto actor = ActorFor(service_, ctx);
    auto listing = service_.BookingsOfSite(ctx.programme.id, actor, *id, from, to);
    ViewData data;
    if (!listing && listing.error().code == core::ErrorCode::kInvalid) {
      // Dates that cannot be read: the default days, with the message by the date fields.
      http::AddFieldErrors(data, ctx, listing.error());
      data.set("sent_from", from);
      data.set("sent_to", to);
      status = 422;
      listing = service_.BookingsOfSite(ctx.programme.id, actor, *id, "", "");
    }
    if (!listing) return http::ErrorResponse(req, ctx, listing.error());
    const auto& site = listing->site;
    const auto& zone = site.time_zone;
    // Day, then resource (in the site's order), then time.
    ByDay by_day;
    for (const auto& [b, member] : listing->items) {
      by_day[core::ToLocal(b.period.start, zone).days][b.resource_id].push_back(
          ItemView(ctx, b, member, zone, refusal));
    }
    const auto days = DaysView(ctx, by_day, listing->resources, zone);
    const auto today = core::ToLocal(core::Now(), zone).days;
    ViewData site_data;
    site_data.set("id", std::to_string(site.id));
    site_data.set("name", site.name);
    data.set("site", site_data);
    data.set("from", DayText(listing->from_day));
    data.set("to", DayText(listing->to_day));
    data.set("past_from", DayText(today - 7));
    data.set("past_to", DayText(today - 1));
    data.set("days", days);
    data.set("has_days", !days.is_empty_list());
    const auto done = req.Query("done").value_or("");
    if (done == "check_in" || done == "cancel" || done == "approve" || done == "decline") {
      data.set("notice", http::T(ctx, "sitebookings.done_" + done));
    }
    return http::Page(ctx, "src/workspaces/bookings/views/site_bookings.html", std::move(data),
                      "sitebookings.title", status);
  }

  Service& service_;
};

}  // namespace

void AddSiteBookingPages(http::Router& router, Service& service) {
  auto pages = std::make_shared<SiteBookingPages>(service);
  const auto bind = http::MethodBinder(pages);
  // Members reach the page and get 403 from the service, like a host of another site.
  router.Add("GET", "/sites/{id}/bookings", Access::AnyAccount(), bind(&SiteBookingPages::Show));
  const auto site_staff = Access::RunsSites();
  router.Add("POST", "/sites/{id}/bookings/{booking}/check-in", site_staff,
             bind(&SiteBookingPages::CheckIn));
  router.Add("POST", "/sites/{id}/bookings/{booking}/cancel", site_staff,
             bind(&SiteBookingPages::Cancel));
  router.Add("POST", "/sites/{id}/bookings/{booking}/approve", site_staff,
             bind(&SiteBookingPages::Approve));
  router.Add("POST", "/sites/{id}/bookings/{booking}/decline", site_staff,
             bind(&SiteBookingPages::Decline));
}

}  // namespace sohosolo::workspaces
