// Documents on a file: the staff's page and API (upload as multipart/form-data), downloads, and
// the newcomer's list of what is shared with them.
#include "journeys/documents/routes.hpp"

#include <boost/json.hpp>

#include "core/time.hpp"
#include "http/multipart.hpp"
#include "http/views.hpp"
#include "journeys/pages_common.hpp"

namespace sohosolo::journeys {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;
using pages::ActorOf;

constexpr const char* kListView = "src/journeys/documents/views/documents.html";
constexpr const char* kOwnView = "src/journeys/documents/views/own_documents.html";

std::string Size(long long bytes) {
  return bytes < 1024 ? std::to_string(bytes) + " o"
                      : std::to_string((bytes + 512) / 1024) + " Kio";
}

ViewData Items(const std::vector<FileDocument>& docs, const std::string& base) {
  ViewData list{ViewData::type::list};
  for (const auto& d : docs) {
    ViewData item;
    item.set("id", std::to_string(d.id));
    item.set("name", d.name);
    item.set("href", base + std::to_string(d.id));
    item.set("type", DocumentExtension(d.content_type));
    item.set("size", Size(d.size));
    item.set("shared", d.shared);
    item.set("by", d.by_name);
    item.set("at", core::FormatRfc3339Paris(d.created_at).substr(0, 10));
    list.push_back(item);
  }
  return list;
}

ViewData ListData(long long id, const std::vector<FileDocument>& docs) {
  ViewData data;
  data.set("journey", std::to_string(id));
  const auto items = Items(docs, "/journeys/" + std::to_string(id) + "/documents/");
  data.set("has_documents", !items.is_empty_list());
  data.set("documents", items);
  data.set("max_kib", std::to_string(kMaxDocumentBytes / 1024));
  return data;
}

Response ListPage(Request& req, Context& ctx, Documents& documents, long long id) {
  auto docs = documents.List(ctx.programme.id, id);
  if (!docs) return http::ErrorResponse(req, ctx, docs.error());
  auto data = ListData(id, *docs);
  if (req.Query("saved")) data.set("saved", http::T(ctx, "document.saved"));
  return http::Page(ctx, kListView, std::move(data), "document.title");
}

/// The upload of a page or of the API: a `file` part (its file name names the document unless
/// a `name` part does) and `shared` ("1": the newcomer sees it).
core::Result<FileDocument> Upload(Request& req, Context& ctx, Documents& documents, long long id) {
  auto parts = http::ReadMultipartForm(req, ctx);
  if (!parts) return parts.error();
  const auto* file = http::FindPart(*parts, "file");
  const auto* name = http::FindPart(*parts, "name");
  const auto* shared = http::FindPart(*parts, "shared");
  std::string title = name && !name->body.empty() ? name->body : file ? file->filename : "";
  return documents.Add(ctx.programme.id, ActorOf(ctx), id, title, file ? file->body : "",
                       shared && shared->body == "1");
}

Response UploadForm(Request& req, Context& ctx, Documents& documents, long long id) {
  auto added = Upload(req, ctx, documents, id);
  if (added) return Response::Redirect("/journeys/" + std::to_string(id) + "/documents?saved=1");
  if (added.error().code != core::ErrorCode::kInvalid)
    return http::ErrorResponse(req, ctx, added.error());
  auto docs = documents.List(ctx.programme.id, id);
  if (!docs) return http::ErrorResponse(req, ctx, docs.error());
  auto data = ListData(id, *docs);
  http::AddFieldErrors(data, ctx, added.error());
  return http::Page(ctx, kListView, std::move(data), "document.title", 422);
}

Response Download(FileDocument d) {
  const auto filename =
      "document-" + std::to_string(d.id) + "." + DocumentExtension(d.content_type);
  auto response = Response::Text(std::move(d.bytes), d.content_type);
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

boost::json::object DocumentJson(const FileDocument& d) {
  return {
      {"id", d.id},
      {"name", d.name},
      {"content_type", d.content_type},
      {"size", d.size},
      {"shared", d.shared},
      {"by", d.by_name},
      {"created_at", core::FormatRfc3339Paris(d.created_at)},
      {"url", "/journeys/" + std::to_string(d.journey_id) + "/documents/" + std::to_string(d.id)}};
}

namespace {

std::optional<long long> DocumentId(Request& req) { return http::ParseId(req.Param("doc")); }

void AddStaffPages(http::Router& router, Documents& documents) {
  router.Add("GET", "/journeys/{id}/documents", Access::Staff(),
             http::WithIdOn(documents, ListPage));
  // multipart/form-data: ReadMultipartForm checks the CSRF token itself.
  router.Add("POST", "/journeys/{id}/documents", Access::Staff(),
             http::WithIdOn(documents, UploadForm), http::Csrf::kExempt);
  router.Add(
      "GET", "/journeys/{id}/documents/{doc}", Access::Staff(),
      http::WithIdOn(documents, [](Request& req, Context& ctx, Documents& docs, long long id) {
        const auto doc = DocumentId(req);
        auto d = doc ? docs.Get(ctx.programme.id, id, *doc) : core::NotFound();
        if (!d) return http::ErrorResponse(req, ctx, d.error());
        return Download(std::move(*d));
      }));
  router.Add(
      "POST", "/journeys/{id}/documents/{doc}/delete", Access::Staff(),
      http::WithIdOn(documents, [](Request& req, Context& ctx, Documents& docs, long long id) {
        const auto doc = DocumentId(req);
        auto done = doc ? docs.Delete(ctx.programme.id, ActorOf(ctx), id, *doc)
                        : core::Status(core::NotFound());
        if (!done) return http::ErrorResponse(req, ctx, done.error());
        return Response::Redirect("/journeys/" + std::to_string(id) + "/documents?saved=1");
      }));
}

void AddStaffApi(http::Router& router, Documents& documents) {
  router.Add("GET", "/api/v1/journeys/{id}/documents", Access::Staff(),
             http::WithIdOn(documents, [](Request&, Context& ctx, Documents& docs, long long id) {
               auto all = docs.List(ctx.programme.id, id);
               if (!all) return http::Problem(ctx, all.error());
               boost::json::array items;
               for (const auto& d : *all) items.push_back(DocumentJson(d));
               return Response::Json(boost::json::object{{"items", items}});
             }));
  router.Add("POST", "/api/v1/journeys/{id}/documents", Access::Staff(),
             http::WithIdOn(documents,
                            [](Request& req, Context& ctx, Documents& docs, long long id) {
                              auto added = Upload(req, ctx, docs, id);
                              if (!added) return http::Problem(ctx, added.error());
                              return Response::Json(DocumentJson(*added), 201);
                            }),
             http::Csrf::kExempt);
  router.Add(
      "DELETE", "/api/v1/journeys/{id}/documents/{doc}", Access::Staff(),
      http::WithIdOn(documents, [](Request& req, Context& ctx, Documents& docs, long long id) {
        const auto doc = DocumentId(req);
        auto done = doc ? docs.Delete(ctx.programme.id, ActorOf(ctx), id, *doc)
                        : core::Status(core::NotFound());
        if (!done) return http::Problem(ctx, done.error());
        return Response::NoContent();
      }));
}

void AddNewcomerPages(http::Router& router, Documents& documents) {
  const auto newcomer = Access::Roles({http::Role::kNewcomer});
  router.Add("GET", "/my-file/documents", newcomer, [&documents](Request&, Context& ctx) {
    ViewData data;
    const auto items =
        Items(documents.SharedWith(ctx.programme.id, ctx.account->id), "/my-file/documents/");
    data.set("has_documents", !items.is_empty_list());
    data.set("documents", items);
    return http::Page(ctx, kOwnView, std::move(data), "document.own_title");
  });
  router.Add("GET", "/my-file/documents/{doc}", newcomer, [&documents](Request& req, Context& ctx) {
    const auto doc = DocumentId(req);
    auto d = doc ? documents.GetShared(ctx.programme.id, ctx.account->id, *doc) : core::NotFound();
    if (!d) return http::ErrorResponse(req, ctx, d.error());
    return Download(std::move(*d));
  });
}

}  // namespace

void AddDocumentRoutes(http::Router& router, Documents& documents) {
  AddStaffPages(router, documents);
  AddStaffApi(router, documents);
  AddNewcomerPages(router, documents);
}

}  // namespace sohosolo::journeys
