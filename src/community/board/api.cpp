// The members' board as JSON. Members and staff only; no address of anyone in any answer.
#include <boost/json.hpp>

#include "community/board/routes.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::WithId;

BoardViewer ViewerOf(const Context& ctx) { return {ctx.account->id, ctx.IsStaff()}; }

boost::json::object PostJson(const Post& p) {
  return {{"id", p.id},
          {"author_id", p.author_id},
          {"author_name", p.author_name},
          {"kind", p.kind},
          {"category", p.category},
          {"title", p.title},
          {"body", p.body},
          {"expires_at", core::FormatRfc3339Paris(p.expires_at)},
          {"state", p.state},
          {"moderation_note", p.moderation_note},
          {"demo", p.demo},
          {"created_at", core::FormatRfc3339Paris(p.created_at)}};
}

boost::json::object MessageJson(const BoardMessage& m) {
  return {{"id", m.id},
          {"from_id", m.from_id},
          {"from_name", m.from_name},
          {"to_id", m.to_id},
          {"to_name", m.to_name},
          {"body", m.body},
          {"created_at", core::FormatRfc3339Paris(m.created_at)}};
}

Response List(const std::vector<Post>& posts) {
  boost::json::array items;
  for (const auto& p : posts) items.push_back(PostJson(p));
  return Response::Json(boost::json::object{{"items", items}});
}

Response Create(Request& req, Context& ctx, Board& board) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<core::FieldError> errors;
  PostInput in;
  in.kind = http::StringField(*body, "kind", errors).value_or("");
  in.category = http::StringField(*body, "category", errors).value_or("");
  in.title = http::StringField(*body, "title", errors).value_or("");
  in.body = http::StringField(*body, "body", errors).value_or("");
  in.expires_on = http::StringField(*body, "expires_on", errors).value_or("");
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  auto post = board.Create(ctx.programme.id, ViewerOf(ctx), in);
  if (!post) return http::Problem(ctx, post.error());
  return Response::Json(PostJson(*post), 201);
}

Response Write(Request& req, Context& ctx, Board& board, long long id) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<core::FieldError> errors;
  const auto text = http::StringField(*body, "body", errors).value_or("");
  long long to = 0;
  if (const auto* v = body->if_contains("to")) {
    if (v->is_int64())
      to = v->as_int64();
    else
      errors.push_back({"to", "error.board.to"});
  }
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  auto sent = board.Write(ctx.programme.id, id, ViewerOf(ctx), to, text, ctx.programme.public_url);
  if (!sent) return http::Problem(ctx, sent.error());
  return Response::Json(MessageJson(*sent), 201);
}

Response Moderate(Request& req, Context& ctx, Board& board, long long id, bool publish) {
  std::string note;
  if (!req.body.empty()) {
    auto body = http::JsonObjectBody(req);
    if (!body) return http::Problem(ctx, body.error());
    std::vector<core::FieldError> errors;
    note = http::StringField(*body, "note", errors).value_or("");
    if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  }
  auto post = board.Moderate(ctx.programme.id, id, ViewerOf(ctx), publish, note);
  if (!post) return http::Problem(ctx, post.error());
  return Response::Json(PostJson(*post));
}

}  // namespace

void AddBoardApi(http::Router& router, Board& board) {
  router.Add("GET", "/api/v1/board", Access::AnyAccount(), [&board](Request& req, Context& ctx) {
    return List(board.Published(ctx.programme.id, req.Query("kind").value_or(""),
                                req.Query("category").value_or("")));
  });
  router.Add("GET", "/api/v1/board/pending", Access::Staff(),
             [&board](Request&, Context& ctx) { return List(board.Pending(ctx.programme.id)); });
  router.Add("POST", "/api/v1/board", Access::AnyAccount(),
             [&board](Request& req, Context& ctx) { return Create(req, ctx, board); });
  router.Add("GET", "/api/v1/board/{id}", Access::AnyAccount(),
             WithId([&board](Request&, Context& ctx, long long id) {
               auto page = board.Find(ctx.programme.id, id, ViewerOf(ctx));
               if (!page) return http::Problem(ctx, page.error());
               auto out = PostJson(page->post);
               boost::json::array messages;
               for (const auto& m : page->messages) messages.push_back(MessageJson(m));
               out["messages"] = messages;
               return Response::Json(out);
             }));
  router.Add("DELETE", "/api/v1/board/{id}", Access::AnyAccount(),
             WithId([&board](Request&, Context& ctx, long long id) {
               auto done = board.Withdraw(ctx.programme.id, id, ViewerOf(ctx));
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             }));
  router.Add("POST", "/api/v1/board/{id}/messages", Access::AnyAccount(),
             WithId([&board](Request& req, Context& ctx, long long id) {
               return Write(req, ctx, board, id);
             }));
  router.Add("POST", "/api/v1/board/{id}/approve", Access::Staff(),
             WithId([&board](Request& req, Context& ctx, long long id) {
               return Moderate(req, ctx, board, id, true);
             }));
  router.Add("POST", "/api/v1/board/{id}/reject", Access::Staff(),
             WithId([&board](Request& req, Context& ctx, long long id) {
               return Moderate(req, ctx, board, id, false);
             }));
}

}  // namespace sohosolo::community
