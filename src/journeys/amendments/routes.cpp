// The telework amendment: a form on the file, the ODT and PDF of each version, and the API.
#include "journeys/amendments/routes.hpp"

#include <boost/json.hpp>

#include "core/time.hpp"
#include "http/json_body.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "journeys/amendments/store.hpp"
#include "journeys/pages_common.hpp"

namespace sohosolo::journeys {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kFormView = "src/journeys/amendments/views/amendment.html";

std::string FileUrl(long long journey_id) { return "/journeys/" + std::to_string(journey_id); }

std::string DocumentUrl(const Amendment& a, const char* ext) {
  return FileUrl(a.journey_id) + "/amendment." + ext + "?version=" + std::to_string(a.version);
}

ViewData FormData(const Context& ctx, Amendments& amendments, long long id,
                  const AmendmentFields& f) {
  ViewData texts{ViewData::type::list};
  for (const auto& t : kAmendmentTexts) {
    ViewData item;
    item.set("key", t.key);
    item.set("label", http::T(ctx, std::string("amendment.field.") + t.key));
    item.set("value", f.*t.member);
    item.set("required", t.required);
    item.set("lines", t.lines);
    item.set("type", std::string(t.key) == "start_day" ? "date" : "text");
    texts.push_back(item);
  }
  ViewData days{ViewData::type::list};
  for (const char* day : kWorkDays) {
    ViewData item;
    item.set("value", day);
    item.set("label", http::T(ctx, std::string("amendment.day.") + day));
    item.set("checked", std::find(f.days.begin(), f.days.end(), day) != f.days.end());
    days.push_back(item);
  }
  ViewData sites{ViewData::type::list};
  for (const auto& w : amendments.Workplaces(ctx.programme.id)) {
    ViewData item;
    item.set("value", std::to_string(w.id));
    item.set("label", w.name);
    item.set("selected", w.id == f.site_id);
    sites.push_back(item);
  }
  ViewData d;
  d.set("id", std::to_string(id));
  d.set("texts", texts);
  d.set("days", days);
  d.set("sites", sites);
  d.set("adaptation_months", std::to_string(f.adaptation_months));
  d.set("notice_days", std::to_string(f.notice_days));
  ViewData versions{ViewData::type::list};
  if (auto all = amendments.Versions(ctx.programme.id, id))
    for (const auto& a : *all) {
      ViewData item;
      item.set("version", std::to_string(a.version));
      item.set("at", core::FormatRfc3339Paris(a.created_at).substr(0, 10));
      item.set("by", a.by_name);
      item.set("odt", DocumentUrl(a, "odt"));
      item.set("pdf", DocumentUrl(a, "pdf"));
      versions.push_back(item);
    }
  d.set("has_versions", !versions.is_empty_list());
  d.set("versions", versions);
  return d;
}

/// Puts each field's error next to it (the form's fields are a list).
void MarkErrors(ViewData& data, const Context& ctx, const core::Error& error) {
  http::AddFieldErrors(data, ctx, error);
  ViewData texts{ViewData::type::list};
  for (auto item : data.get("texts")->list_value()) {
    for (const auto& f : error.fields)
      if (f.field == item.get("key")->string_value())
        item.set("error", http::T(ctx, f.message_key));
    texts.push_back(item);
  }
  data.set("texts", texts);
}

AmendmentFields FormFields(const http::Form& form) {
  AmendmentFields f;
  for (const auto& t : kAmendmentTexts) f.*t.member = form.Get(t.key);
  f.days = form.All("days");
  const auto number = [&form](const char* name) {
    const auto n = http::ParseId(form.Get(name));
    return n && *n <= 100000 ? static_cast<int>(*n) : -1;
  };
  f.adaptation_months = number("adaptation_months");
  f.notice_days = number("notice_days");
  if (const auto site = http::ParseId(form.Get("site_id"))) f.site_id = *site;
  return f;
}

Response FormPage(Request& req, Context& ctx, Amendments& amendments, long long id) {
  auto draft = amendments.Draft(ctx.programme.id, id);
  if (!draft) return http::ErrorResponse(req, ctx, draft.error());
  auto data = FormData(ctx, amendments, id, *draft);
  if (const auto saved = req.Query("saved")) data.set("saved", http::T(ctx, "amendment.saved"));
  return http::Page(ctx, kFormView, std::move(data), "amendment.title");
}

Response Submit(Request& req, Context& ctx, Amendments& amendments, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto fields = FormFields(*form);
  auto made = amendments.Generate(ctx.programme.id, pages::ActorOf(ctx), id, fields);
  if (made)
    return Response::Redirect(FileUrl(id) + "/amendment?saved=" + std::to_string(made->version));
  if (made.error().code != core::ErrorCode::kInvalid)
    return http::ErrorResponse(req, ctx, made.error());
  auto data = FormData(ctx, amendments, id, fields);
  MarkErrors(data, ctx, made.error());
  return http::Page(ctx, kFormView, std::move(data), "amendment.title", 422);
}

/// The version asked for (`?version=N`), else the latest.
core::Result<Amendment> Asked(Request& req, Context& ctx, Amendments& amendments, long long id) {
  int version = 0;
  if (const auto v = req.Query("version")) {
    const auto n = http::ParseId(*v);
    if (!n || *n == 0 || *n > 1000000) return core::NotFound();
    version = static_cast<int>(*n);
  }
  return amendments.Find(ctx.programme.id, id, version);
}

enum class Format { kOdt, kPdf };

Response Download(Request& req, Context& ctx, Amendments& amendments, long long id, Format format) {
  const bool odt = format == Format::kOdt;
  auto a = Asked(req, ctx, amendments, id);
  if (!a) return http::ErrorResponse(req, ctx, a.error());
  const auto document = AmendmentDocument(*a);
  auto response =
      odt ? Response::Text(documents::ToOdt(document), "application/vnd.oasis.opendocument.text")
          : Response::Text(documents::ToPdf(document), "application/pdf");
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"avenant-teletravail-" + std::to_string(id) + "-v" +
                         std::to_string(a->version) + (odt ? ".odt\"" : ".pdf\""));
  return response;
}

}  // namespace

boost::json::object VersionJson(const Amendment& a) {
  return {{"version", a.version},
          {"created_at", core::FormatRfc3339Paris(a.created_at)},
          {"by", a.by_name},
          {"fields", AmendmentFieldsJson(a.fields)},
          {"odt_url", DocumentUrl(a, "odt")},
          {"pdf_url", DocumentUrl(a, "pdf")}};
}

namespace {

Response ApiCreate(Request& req, Context& ctx, Amendments& amendments, long long id) {
  auto body = http::JsonObjectBody(req);
  if (!body) return http::Problem(ctx, body.error());
  std::vector<core::FieldError> errors;
  auto fields = AmendmentFieldsOf(*body, errors);
  if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
  auto made = amendments.Generate(ctx.programme.id, pages::ActorOf(ctx), id, std::move(fields));
  if (!made) return http::Problem(ctx, made.error());
  return Response::Json(VersionJson(*made), 201);
}

Response ApiList(Request&, Context& ctx, Amendments& amendments, long long id) {
  auto all = amendments.Versions(ctx.programme.id, id);
  if (!all) return http::Problem(ctx, all.error());
  boost::json::array items;
  for (const auto& a : *all) items.push_back(VersionJson(a));
  return Response::Json(boost::json::object{{"items", items}});
}

}  // namespace

void AddAmendmentRoutes(http::Router& router, Amendments& amendments) {
  router.Add("GET", "/journeys/{id}/amendment", Access::Staff(),
             http::WithIdOn(amendments, FormPage));
  router.Add("POST", "/journeys/{id}/amendment", Access::Staff(),
             http::WithIdOn(amendments, Submit));
  router.Add(
      "GET", "/journeys/{id}/amendment.odt", Access::Staff(),
      http::WithIdOn(amendments, [](Request& req, Context& ctx, Amendments& a, long long id) {
        return Download(req, ctx, a, id, Format::kOdt);
      }));
  router.Add(
      "GET", "/journeys/{id}/amendment.pdf", Access::Staff(),
      http::WithIdOn(amendments, [](Request& req, Context& ctx, Amendments& a, long long id) {
        return Download(req, ctx, a, id, Format::kPdf);
      }));
  router.Add("GET", "/api/v1/journeys/{id}/amendments", Access::Staff(),
             http::WithIdOn(amendments, ApiList));
  router.Add("POST", "/api/v1/journeys/{id}/amendments", Access::Staff(),
             http::WithIdOn(amendments, ApiCreate));
}

}  // namespace sohosolo::journeys
