// Newsletter pages, which work without JavaScript: the archive, an issue, the staff's editor
// (preview, test, send or schedule, progress, retry), the public's sign-up with its
// confirmation, and the unsubscribe page that mail clients may also POST to in one click.
#include "community/newsletters/markdown.hpp"
#include "community/newsletters/routes.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;
using http::WithId;

constexpr const char* kArchiveView = "src/community/newsletters/views/newsletters.html";
constexpr const char* kIssueView = "src/community/newsletters/views/newsletter.html";
constexpr const char* kEditorView = "src/community/newsletters/views/editor.html";
constexpr const char* kNoticeView = "src/community/newsletters/views/notice.html";

std::string When(const Context& ctx, core::UnixSeconds t) {
  return t ? core::FormatLocal(t, ctx.lang) : "";
}

Response ArchivePage(Request& req, Context& ctx, Letters& letters) {
  ViewData items{ViewData::type::list};
  for (const auto& n : letters.Archive(ctx.programme.id, ctx.account.has_value(), ctx.IsStaff())) {
    ViewData item;
    item.set("id", std::to_string(n.id));
    item.set("subject", n.subject);
    // Mustache shows a section for any string, even an empty one: only what is there is set.
    if (n.state == "sent")
      item.set("when", When(ctx, n.sent_at));
    else
      item.set("state", http::T(ctx, "newsletter.state_" + n.state));
    items.push_back(item);
  }
  ViewData data;
  data.set("has_items", !items.is_empty_list());
  data.set("items", items);
  data.set("staff", ctx.IsStaff());
  if (ctx.account) {
    const bool receives = letters.Receives(ctx.programme.id, ctx.account->email);
    data.set("member", true);
    data.set("receives", receives);
  }
  if (req.Query("saved")) data.set("notice", http::T(ctx, "newsletter.preferences_saved"));
  return http::Page(ctx, kArchiveView, std::move(data), "newsletter.archive_title");
}

NewsletterInput InputOf(const http::Form& form) {
  NewsletterInput in;
  in.subject = form.Get("subject");
  in.markdown = form.Get("markdown");
  in.segment_kind = form.Get("segment_kind");
  in.segment_value = form.Get("segment_value");
  in.is_public = form.Get("public") == "1";
  return in;
}

ViewData EditorData(const Context& ctx, const NewsletterInput& in) {
  ViewData data;
  data.set("subject", in.subject);
  data.set("markdown", in.markdown);
  data.set("segment_value", in.segment_value);
  data.set("public", in.is_public);
  ViewData kinds{ViewData::type::list};
  for (const char* kind : kSegments) {
    ViewData item;
    item.set("value", kind);
    item.set("label", http::T(ctx, std::string("newsletter.segment_") + kind));
    item.set("selected", in.segment_kind == kind);
    kinds.push_back(item);
  }
  data.set("kinds", kinds);
  return data;
}

Response EditorPage(Request& req, Context& ctx, Letters& letters, const Newsletter& n) {
  NewsletterInput in{n.subject, n.markdown, n.segment_kind, n.segment_value, n.is_public};
  ViewData data = EditorData(ctx, in);
  data.set("id", std::to_string(n.id));
  data.set("editable", n.state != "sent");
  data.set("sent", n.state == "sent");
  data.set("state", http::T(ctx, "newsletter.state_" + n.state));
  if (n.state == "scheduled") data.set("scheduled", When(ctx, n.scheduled_at));
  const auto preview = letters.Compose(n, ctx.lang, "#", ctx.programme.public_url);
  data.set("preview_html", MarkdownToHtml(n.markdown));
  data.set("preview_text", preview.text);
  if (auto p = letters.ProgressOf(ctx.programme.id, n.id); p && n.state == "sent") {
    data.set("recipients", std::to_string(p->recipients));
    data.set("progress_sent", std::to_string(p->sent));
    data.set("progress_failed", std::to_string(p->failed));
    data.set("progress_left", std::to_string(p->left));
    data.set("has_failed", p->failed > 0);
  }
  for (const char* flag : {"saved", "tested", "queued", "retried"})
    if (req.Query(flag)) data.set("notice", http::T(ctx, std::string("newsletter.done_") + flag));
  return http::Page(ctx, kEditorView, std::move(data), "newsletter.editor_title");
}

Response IssuePage(Request& req, Context& ctx, Letters& letters, long long id) {
  auto n = letters.Find(ctx.programme.id, id);
  if (!n || !MayRead(ctx, *n)) return http::ErrorResponse(req, ctx, core::NotFound());
  if (ctx.IsStaff()) return EditorPage(req, ctx, letters, *n);
  ViewData data;
  data.set("subject", n->subject);
  data.set("when", When(ctx, n->sent_at));
  data.set("content", MarkdownToHtml(n->markdown));
  return http::Page(ctx, kIssueView, std::move(data), "newsletter.issue_title");
}

Response Notice(const Context& ctx, const std::string& key, ViewData data = {}, int status = 200) {
  data.set("message", http::T(ctx, key));
  return http::Page(ctx, kNoticeView, std::move(data), "newsletter.notice_title", status);
}

Response SaveEditor(Request& req, Context& ctx, Letters& letters, std::optional<long long> id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto input = InputOf(*form);
  auto saved = id ? letters.Update(ctx.programme.id, *id, input)
                  : letters.Create(ctx.programme.id, ctx.account->id, input);
  if (saved) return Response::Redirect("/newsletters/" + std::to_string(saved->id) + "?saved=1");
  if (saved.error().code != core::ErrorCode::kInvalid)
    return http::ErrorResponse(req, ctx, saved.error());
  ViewData data = EditorData(ctx, input);
  data.set("editable", true);
  if (id) data.set("id", std::to_string(*id));
  http::AddFieldErrors(data, ctx, saved.error());
  return http::Page(ctx, kEditorView, std::move(data), "newsletter.editor_title", 422);
}

/// Send now, or at the local date and time of the form's "at" (a datetime-local field).
Response SendForm(Request& req, Context& ctx, Letters& letters, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto at = form->Get("at");
  core::Result<Newsletter> done = core::NotFound();
  if (at.empty()) {
    done = letters.Send(ctx.programme.id, id, ctx.programme.public_url);
  } else {
    const auto parsed = at.size() == 16 ? core::ParseRfc3339(at + ":00Z") : std::nullopt;
    if (!parsed)
      return http::ErrorResponse(req, ctx, core::Invalid({{"at", "error.newsletter.at"}}));
    const auto local = parsed->utc;
    done = letters.Schedule(
        ctx.programme.id, id,
        core::FromLocal(local / 86400, static_cast<int>(local % 86400 / 60), kClubZone));
  }
  if (!done) return http::ErrorResponse(req, ctx, done.error());
  return Response::Redirect("/newsletters/" + std::to_string(id) + "?queued=1");
}

void AddStaffPages(http::Router& router, Letters& letters) {
  router.Add("GET", "/newsletters/new", Access::Staff(), [](Request&, Context& ctx) {
    ViewData data = EditorData(ctx, NewsletterInput{});
    data.set("editable", true);
    return http::Page(ctx, kEditorView, std::move(data), "newsletter.editor_title");
  });
  router.Add("POST", "/newsletters/new", Access::Staff(), [&letters](Request& req, Context& ctx) {
    return SaveEditor(req, ctx, letters, std::nullopt);
  });
  router.Add("POST", "/newsletters/{id}", Access::Staff(),
             WithId([&letters](Request& req, Context& ctx, long long id) {
               return SaveEditor(req, ctx, letters, id);
             }));
  router.Add("POST", "/newsletters/{id}/test", Access::Staff(),
             WithId([&letters](Request& req, Context& ctx, long long id) {
               auto done = letters.TestSend(ctx.programme.id, id, ctx.account->email, ctx.lang,
                                            ctx.programme.public_url);
               if (!done) return http::ErrorResponse(req, ctx, done.error());
               return Response::Redirect("/newsletters/" + std::to_string(id) + "?tested=1");
             }));
  router.Add("POST", "/newsletters/{id}/send", Access::Staff(),
             WithId([&letters](Request& req, Context& ctx, long long id) {
               return SendForm(req, ctx, letters, id);
             }));
  router.Add("POST", "/newsletters/{id}/retry", Access::Staff(),
             WithId([&letters](Request& req, Context& ctx, long long id) {
               auto done = letters.RetryFailed(ctx.programme.id, id);
               if (!done) return http::ErrorResponse(req, ctx, done.error());
               return Response::Redirect("/newsletters/" + std::to_string(id) + "?retried=1");
             }));
}

void AddSubscriptionPages(http::Router& router, Letters& letters) {
  router.Add("GET", "/newsletter/subscribe", Access::Public(), [](Request&, Context& ctx) {
    ViewData data;
    data.set("subscribe", true);
    return Notice(ctx, "newsletter.subscribe_intro", std::move(data));
  });
  router.Add(
      "POST", "/newsletter/subscribe", Access::Public(), [&letters](Request& req, Context& ctx) {
        auto form = http::Form::Parse(req.body);
        if (!form)
          return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
        auto done = letters.Subscribe(ctx.programme.id, form->Get("email"), ctx.lang,
                                      ctx.programme.public_url);
        if (done) return Notice(ctx, "newsletter.subscribe_sent");
        ViewData data;
        data.set("subscribe", true);
        data.set("email", form->Get("email"));
        http::AddFieldErrors(data, ctx, done.error());
        return Notice(ctx, "newsletter.subscribe_intro", std::move(data), 422);
      });
  router.Add("GET", "/newsletter/confirm/{token}", Access::Public(),
             [](Request& req, Context& ctx) {
               ViewData data;
               data.set("action", "/newsletter/confirm/" + req.Param("token"));
               data.set("button", http::T(ctx, "newsletter.confirm_button"));
               return Notice(ctx, "newsletter.confirm_intro", std::move(data));
             });
  router.Add("POST", "/newsletter/confirm/{token}", Access::Public(),
             [&letters](Request& req, Context& ctx) {
               auto done = letters.Confirm(ctx.programme.id, req.Param("token"));
               if (!done) return Notice(ctx, "newsletter.link_unknown", {}, 404);
               return Notice(ctx, "newsletter.confirmed");
             });
  router.Add("GET", "/newsletter/unsubscribe/{token}", Access::Public(),
             [&letters](Request& req, Context& ctx) {
               auto address = letters.UnsubscribeAddress(ctx.programme.id, req.Param("token"));
               if (!address) return Notice(ctx, "newsletter.link_unknown", {}, 404);
               ViewData data;
               data.set("address", *address);
               data.set("action", "/newsletter/unsubscribe/" + req.Param("token"));
               data.set("button", http::T(ctx, "newsletter.unsubscribe_button"));
               return Notice(ctx, "newsletter.unsubscribe_intro", std::move(data));
             });
  router.Add(
      "POST", "/newsletter/unsubscribe/{token}", Access::Public(),
      [&letters](Request& req, Context& ctx) {
        auto done = letters.Unsubscribe(ctx.programme.id, req.Param("token"));
        if (!done) return Notice(ctx, "newsletter.link_unknown", {}, 404);
        return Notice(ctx, "newsletter.unsubscribed");
      },
      // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here, without cookies or a
      // form's token; the unguessable token of the link is the proof.
      http::Csrf::kExempt);
}

}  // namespace

void AddNewsletterPages(http::Router& router, Letters& letters) {
  // First: /newsletters/preferences and /newsletters/new before /newsletters/{id}.
  router.Add(
      "POST", "/newsletters/preferences", Access::AnyAccount(),
      [&letters](Request& req, Context& ctx) {
        auto form = http::Form::Parse(req.body);
        if (!form)
          return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
        letters.SetReceives(ctx.programme.id, ctx.account->email, form->Get("receive") == "1");
        return Response::Redirect("/newsletters?saved=1");
      });
  AddStaffPages(router, letters);
  router.Add("GET", "/newsletters", Access::Public(),
             [&letters](Request& req, Context& ctx) { return ArchivePage(req, ctx, letters); });
  router.Add("GET", "/newsletters/{id}", Access::Public(),
             WithId([&letters](Request& req, Context& ctx, long long id) {
               return IssuePage(req, ctx, letters, id);
             }));
  AddSubscriptionPages(router, letters);
}

}  // namespace sohosolo::community
