// The newsletters' JSON API. The archive is public (public issues) or for members (every sent
// issue); drafts, segments, sending and progress are for staff.
#include <boost/json.hpp>

#include "community/newsletters/markdown.hpp"
#include "community/newsletters/routes.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::WithId;

boost::json::value Instant(core::UnixSeconds t) {
  return t ? boost::json::value(core::FormatRfc3339Paris(t)) : boost::json::value(nullptr);
}

boost::json::object Summary(const Newsletter& n, const Context& ctx) {
  boost::json::object out{{"id", n.id},
                          {"subject", n.subject},
                          {"sent_at", Instant(n.sent_at)},
                          {"public", n.is_public},
                          {"demo", n.demo}};
  if (ctx.IsStaff()) {
    out["state"] = n.state;
    out["scheduled_at"] = Instant(n.scheduled_at);
    out["segment_kind"] = n.segment_kind;
    out["segment_value"] = n.segment_value;
    out["recipients"] = n.recipients;
  }
  return out;
}

boost::json::object Full(const Newsletter& n, const Context& ctx, Letters& letters) {
  auto out = Summary(n, ctx);
  out["markdown"] = n.markdown;
  out["html"] = MarkdownToHtml(n.markdown);
  if (ctx.IsStaff()) {
    if (auto p = letters.ProgressOf(ctx.programme.id, n.id))
      out["progress"] = {{"recipients", p->recipients},
                         {"sent", p->sent},
                         {"failed", p->failed},
                         {"left", p->left}};
  }
  return out;
}

NewsletterInput InputOf(const boost::json::object& body, std::vector<core::FieldError>& errors) {
  NewsletterInput in;
  in.subject = http::StringField(body, "subject", errors).value_or("");
  in.markdown = http::StringField(body, "markdown", errors).value_or("");
  in.segment_kind = http::StringField(body, "segment_kind", errors).value_or("members");
  in.segment_value = http::StringField(body, "segment_value", errors).value_or("");
  if (const auto* pub = body.if_contains("public")) {
    if (pub->is_bool())
      in.is_public = pub->as_bool();
    else
      errors.push_back({"public", "error.newsletter.public"});
  }
  return in;
}

Response Save(Request& req, Context& ctx, Letters& letters, std::optional<long long> id) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<core::FieldError> errors;
  const auto input = InputOf(*body, errors);
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  auto saved = id ? letters.Update(ctx.programme.id, *id, input)
                  : letters.Create(ctx.programme.id, ctx.account->id, input);
  if (!saved) return http::Problem(ctx, saved.error());
  return Response::Json(Full(*saved, ctx, letters), id ? 200 : 201);
}

/// POST .../send: now, or {"at": RFC 3339} to schedule it.
Response SendRoute(Request& req, Context& ctx, Letters& letters, long long id) {
  auto body = req.body.empty() ? core::Result<boost::json::object>(boost::json::object{})
                               : http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<core::FieldError> errors;
  const auto at = http::StringField(*body, "at", errors);
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  core::Result<Newsletter> done = core::NotFound();
  if (at) {
    const auto parsed = core::ParseRfc3339(*at);
    if (!parsed) return http::Problem(ctx, core::Invalid({{"at", "error.newsletter.at"}}));
    done = letters.Schedule(ctx.programme.id, id, parsed->utc);
  } else {
    done = letters.Send(ctx.programme.id, id, ctx.programme.public_url);
  }
  if (!done) return http::Problem(ctx, done.error());
  return Response::Json(Full(*done, ctx, letters));
}

void AddStaffApi(http::Router& router, Letters& letters) {
  router.Add(
      "POST", "/api/v1/newsletters", Access::Staff(),
      [&letters](Request& req, Context& ctx) { return Save(req, ctx, letters, std::nullopt); });
  router.Add("PATCH", "/api/v1/newsletters/{id}", Access::Staff(),
             WithId([&letters](Request& req, Context& ctx, long long id) {
               return Save(req, ctx, letters, id);
             }));
  router.Add("POST", "/api/v1/newsletters/{id}/send", Access::Staff(),
             WithId([&letters](Request& req, Context& ctx, long long id) {
               return SendRoute(req, ctx, letters, id);
             }));
  router.Add("POST", "/api/v1/newsletters/{id}/test", Access::Staff(),
             WithId([&letters](Request&, Context& ctx, long long id) {
               auto done = letters.TestSend(ctx.programme.id, id, ctx.account->email, ctx.lang,
                                            ctx.programme.public_url);
               if (!done) return http::Problem(ctx, done.error());
               return Response::Json(boost::json::object{{"sent_to", ctx.account->email}}, 202);
             }));
  router.Add("POST", "/api/v1/newsletters/{id}/retry", Access::Staff(),
             WithId([&letters](Request&, Context& ctx, long long id) {
               auto count = letters.RetryFailed(ctx.programme.id, id);
               if (!count) return http::Problem(ctx, count.error());
               return Response::Json(boost::json::object{{"requeued", *count}});
             }));
}

}  // namespace

bool MayRead(const http::Context& ctx, const Newsletter& n) {
  if (ctx.IsStaff()) return true;
  return n.state == "sent" && (n.is_public || ctx.account);
}

void AddNewsletterApi(http::Router& router, Letters& letters) {
  router.Add("GET", "/api/v1/newsletters", Access::Public(), [&letters](Request&, Context& ctx) {
    boost::json::array items;
    for (const auto& n : letters.Archive(ctx.programme.id, ctx.account.has_value(), ctx.IsStaff()))
      items.push_back(Summary(n, ctx));
    return Response::Json(boost::json::object{{"items", items}});
  });
  router.Add("GET", "/api/v1/newsletters/{id}", Access::Public(),
             WithId([&letters](Request&, Context& ctx, long long id) {
               auto n = letters.Find(ctx.programme.id, id);
               if (!n || !MayRead(ctx, *n)) return http::Problem(ctx, core::NotFound());
               return Response::Json(Full(*n, ctx, letters));
             }));
  router.Add(
      "POST", "/api/v1/newsletter-subscriptions", Access::Public(),
      [&letters](Request& req, Context& ctx) {
        auto body = http::JsonObjectBody(req);
        if (!body) return http::Problem(ctx, body.error());
        std::vector<core::FieldError> errors;
        const auto email = http::StringField(*body, "email", errors).value_or("");
        if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
        auto done = letters.Subscribe(ctx.programme.id, email, ctx.lang, ctx.programme.public_url);
        if (!done) return http::Problem(ctx, done.error());
        return Response::Json(boost::json::object{{"status", "confirmation_sent"}}, 202);
      },
      // Anyone may ask for a confirmation link, from any site (a widget on a village's
      // site): the link confirms, and the route is rate-limited per address.
      http::Csrf::kExempt);
  AddStaffApi(router, letters);
}

}  // namespace sohosolo::community
