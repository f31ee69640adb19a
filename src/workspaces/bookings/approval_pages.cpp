// The pages of bookings that wait: joining a waitlist from a site's page, and the approvals
// queue of the people who run sites (resources that require approval).
#include <fmt/format.h>

#include "core/time.hpp"
#include "http/bind.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "workspaces/bookings/routes.hpp"
#include "workspaces/sites/hosts.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::ParseId;
using http::Request;
using http::Response;
using http::ViewData;

class ApprovalPages {
 public:
  explicit ApprovalPages(Service& service) : service_(service) {}

  /// A local date and HH:MM in `zone` as RFC 3339 with that moment's offset (for the API forms).
  static std::string LocalRfc3339(const std::string& day_text, const std::string& hhmm,
                                  const std::string& zone) {
    const auto day = ParseDay(day_text);
    const auto t = core::ParseRfc3339(day_text + "T" + hhmm + ":00Z");
    if (!day || !t || hhmm.size() != 5) return "";
    const auto at = core::FromLocal(*day, static_cast<int>((t->local_as_utc % 86400) / 60), zone);
    const int offset = core::ToLocal(at, zone).offset_minutes;
    return fmt::format("{}T{}:00{}{:02}:{:02}", day_text, hhmm, offset < 0 ? '-' : '+',
                       std::abs(offset) / 60, std::abs(offset) % 60);
  }

  Response JoinWaitlist(Request& req, Context& ctx) {
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    auto site_id = ParseId(form->Get("site_id"));
    auto resource_id = ParseId(form->Get("resource_id"));
    if (!site_id || !resource_id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto site = service_.GetSite(ctx.programme.id, *site_id);
    if (!site) return http::ErrorResponse(req, ctx, site.error());
    BookingRequest request;
    request.resource_id = *resource_id;
    request.start = LocalRfc3339(form->Get("date"), form->Get("start"), site->site.time_zone);
    request.end = LocalRfc3339(form->Get("date"), form->Get("end"), site->site.time_zone);
    auto entry = service_.JoinWaitlist(ctx.programme.id, ActorFor(service_, ctx), request);
    if (!entry) return http::ErrorResponse(req, ctx, entry.error());
    return Response::Redirect("/bookings?waitlisted=" + std::to_string(entry->id));
  }

  Response PendingPage(Request&, Context& ctx) {
    ViewData items{ViewData::type::list};
    for (const auto& d : service_.Pending(ctx.programme.id, ActorFor(service_, ctx))) {
      ViewData item;
      item.set("id", std::to_string(d.booking.id));
      item.set("site", d.site.name);
      item.set("resource", d.resource.name);
      item.set("start", core::FormatLocal(d.booking.period.start, ctx.lang));
      item.set("end",
               core::FormatClock(core::ToLocal(d.booking.period.end, d.site.time_zone).minute));
      item.set("account", std::to_string(d.booking.account_id));
      item.set("note", d.booking.note);
      items.push_back(item);
    }
    ViewData data;
    data.set("has_items", !items.is_empty_list());
    data.set("items", items);
    return http::Page(ctx, "src/workspaces/bookings/views/pending.html", std::move(data),
                      "approvals.title");
  }

  Response Decide(Request& req, Context& ctx, bool approve) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    auto done = approve ? service_.Approve(ctx.programme.id, ActorFor(service_, ctx), *id)
                        : service_.Decline(ctx.programme.id, ActorFor(service_, ctx), *id,
                                           form->Get("reason"));
    if (!done) return http::ErrorResponse(req, ctx, done.error());
    return Response::Redirect("/bookings/pending");
  }
  Response ApproveForm(Request& req, Context& ctx) { return Decide(req, ctx, true); }
  Response DeclineForm(Request& req, Context& ctx) { return Decide(req, ctx, false); }

 private:
  Service& service_;
};

}  // namespace

void AddApprovalPages(http::Router& router, Service& service) {
  auto pages = std::make_shared<ApprovalPages>(service);
  const auto bind = http::MethodBinder(pages);
  router.Add("GET", "/bookings/pending", Access::RunsSites(), bind(&ApprovalPages::PendingPage));
  router.Add("POST", "/waitlist", Access::AnyAccount(), bind(&ApprovalPages::JoinWaitlist));
  router.Add("POST", "/bookings/{id}/approve", Access::RunsSites(),
             bind(&ApprovalPages::ApproveForm));
  router.Add("POST", "/bookings/{id}/decline", Access::RunsSites(),
             bind(&ApprovalPages::DeclineForm));
}

}  // namespace sohosolo::workspaces
