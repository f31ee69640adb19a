// The members' board as pages that work without JavaScript: the list with its filters, the
// form, a post with its messages and the answer form, the advisors' moderation queue.
#include <set>

#include "community/board/routes.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Choices;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;
using http::WithId;

constexpr const char* kListView = "src/community/board/views/board.html";
constexpr const char* kPostView = "src/community/board/views/post.html";
constexpr const char* kFormView = "src/community/board/views/new_post.html";

BoardViewer ViewerOf(const Context& ctx) { return {ctx.account->id, ctx.IsStaff()}; }

ViewData PostItem(const Context& ctx, const Post& p) {
  ViewData item;
  item.set("id", std::to_string(p.id));
  item.set("headline", p.title);
  item.set("body", p.body);
  item.set("author", p.author_name);
  item.set("kind", http::T(ctx, "board.kind_" + p.kind));
  item.set("category", http::T(ctx, "board.category_" + p.category));
  item.set("until", core::FormatLocal(p.expires_at, ctx.lang).substr(0, 10));
  if (p.state != "published") item.set("state", http::T(ctx, "board.state_" + p.state));
  if (!p.moderation_note.empty()) item.set("note", p.moderation_note);
  return item;
}

ViewData Items(const Context& ctx, const std::vector<Post>& posts) {
  ViewData list{ViewData::type::list};
  for (const auto& p : posts) list.push_back(PostItem(ctx, p));
  return list;
}

Response ListPage(Request& req, Context& ctx, Board& board) {
  const auto kind = req.Query("kind").value_or("");
  const auto category = req.Query("category").value_or("");
  const auto posts = board.Published(ctx.programme.id, kind, category);
  const auto mine = board.Mine(ctx.programme.id, ctx.account->id);
  ViewData data;
  data.set("kinds", Choices(ctx, kPostKinds, kind, "board.kind_"));
  data.set("categories", Choices(ctx, kPostCategories, category, "board.category_"));
  data.set("posts", Items(ctx, posts));
  data.set("has_posts", !posts.empty());
  data.set("mine", Items(ctx, mine));
  data.set("has_mine", !mine.empty());
  if (ctx.IsStaff()) {
    const auto pending = board.Pending(ctx.programme.id);
    data.set("staff", true);
    data.set("pending", Items(ctx, pending));
    data.set("has_pending", !pending.empty());
  }
  if (req.Query("sent")) data.set("notice", http::T(ctx, "board.done_created"));
  return http::Page(ctx, kListView, std::move(data), "board.title");
}

Response ShowPost(Request& req, Context& ctx, Board& board, long long id) {
  auto page = board.Find(ctx.programme.id, id, ViewerOf(ctx));
  if (!page) return http::ErrorResponse(req, ctx, page.error());
  const auto& post = page->post;
  ViewData data = PostItem(ctx, post);
  const bool author = post.author_id == ctx.account->id;
  ViewData messages{ViewData::type::list};
  ViewData correspondents{ViewData::type::list};
  std::set<long long> seen;
  for (const auto& m : page->messages) {
    ViewData item;
    item.set("from", m.from_name);
    item.set("to", m.to_name);
    item.set("body", m.body);
    item.set("when", core::FormatLocal(m.created_at, ctx.lang));
    messages.push_back(item);
    if (author && m.from_id != ctx.account->id && seen.insert(m.from_id).second) {
      ViewData who;
      who.set("id", std::to_string(m.from_id));
      who.set("name", m.from_name);
      correspondents.push_back(who);
    }
  }
  data.set("messages", messages);
  data.set("has_messages", !page->messages.empty());
  data.set("open", post.state == "published" && post.expires_at > core::Now());
  data.set("author", author);
  data.set("correspondents", correspondents);
  data.set("has_correspondents", !seen.empty());
  data.set("can_withdraw",
           (author || ctx.IsStaff()) && (post.state == "published" || post.state == "pending"));
  data.set("moderate", ctx.IsStaff() && post.state == "pending");
  if (req.Query("written")) data.set("notice", http::T(ctx, "board.done_written"));
  if (req.Query("saved")) data.set("notice", http::T(ctx, "board.done_saved"));
  return http::Page(ctx, kPostView, std::move(data), "board.post_title");
}

ViewData FormData(const Context& ctx, const PostInput& in) {
  ViewData data;
  data.set("kinds", Choices(ctx, kPostKinds, in.kind, "board.kind_"));
  data.set("categories", Choices(ctx, kPostCategories, in.category, "board.category_"));
  data.set("title_value", in.title);
  data.set("body", in.body);
  data.set("expires_on", in.expires_on);
  return data;
}

Response CreatePage(Request& req, Context& ctx, Board& board) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  PostInput in{form->Get("kind"), form->Get("category"), form->Get("title"), form->Get("body"),
               form->Get("expires_on")};
  auto post = board.Create(ctx.programme.id, ViewerOf(ctx), in);
  if (post) return Response::Redirect("/board?sent=1");
  ViewData data = FormData(ctx, in);
  http::AddFieldErrors(data, ctx, post.error());
  return http::Page(ctx, kFormView, std::move(data), "board.new_title", 422);
}

Response WriteForm(Request& req, Context& ctx, Board& board, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto to =
      form->Get("to").empty() ? std::optional<long long>(0) : http::ParseId(form->Get("to"));
  auto sent = board.Write(ctx.programme.id, id, ViewerOf(ctx), to.value_or(-1), form->Get("body"),
                          ctx.programme.public_url);
  if (!sent) return http::ErrorResponse(req, ctx, sent.error());
  return Response::Redirect("/board/" + std::to_string(id) + "?written=1");
}

Response ModerateForm(Request& req, Context& ctx, Board& board, long long id, bool publish) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  auto done = board.Moderate(ctx.programme.id, id, ViewerOf(ctx), publish, form->Get("note"));
  if (!done) return http::ErrorResponse(req, ctx, done.error());
  return Response::Redirect("/board/" + std::to_string(id) + "?saved=1");
}

}  // namespace

void AddBoardPages(http::Router& router, Board& board) {
  router.Add("GET", "/board", Access::AnyAccount(),
             [&board](Request& req, Context& ctx) { return ListPage(req, ctx, board); });
  router.Add("GET", "/board/new", Access::AnyAccount(), [](Request&, Context& ctx) {
    return http::Page(ctx, kFormView, FormData(ctx, PostInput{"offer", "mission", "", "", ""}),
                      "board.new_title");
  });
  router.Add("POST", "/board/new", Access::AnyAccount(),
             [&board](Request& req, Context& ctx) { return CreatePage(req, ctx, board); });
  router.Add("GET", "/board/{id}", Access::AnyAccount(),
             WithId([&board](Request& req, Context& ctx, long long id) {
               return ShowPost(req, ctx, board, id);
             }));
  router.Add("POST", "/board/{id}/messages", Access::AnyAccount(),
             WithId([&board](Request& req, Context& ctx, long long id) {
               return WriteForm(req, ctx, board, id);
             }));
  router.Add("POST", "/board/{id}/withdraw", Access::AnyAccount(),
             WithId([&board](Request& req, Context& ctx, long long id) {
               auto done = board.Withdraw(ctx.programme.id, id, ViewerOf(ctx));
               if (!done) return http::ErrorResponse(req, ctx, done.error());
               return Response::Redirect("/board/" + std::to_string(id) + "?saved=1");
             }));
  router.Add("POST", "/board/{id}/approve", Access::Staff(),
             WithId([&board](Request& req, Context& ctx, long long id) {
               return ModerateForm(req, ctx, board, id, true);
             }));
  router.Add("POST", "/board/{id}/reject", Access::Staff(),
             WithId([&board](Request& req, Context& ctx, long long id) {
               return ModerateForm(req, ctx, board, id, false);
             }));
}

}  // namespace sohosolo::community
