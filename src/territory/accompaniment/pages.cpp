// The "ask to be accompanied" form and the advisors' list of requests.
#include "territory/communes/pages.hpp"

#include <boost/url.hpp>

#include "core/time.hpp"
#include "territory/villages/pages_common.hpp"

namespace sohosolo::territory {

namespace {

using core::ErrorCode;
using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kFormView = "src/territory/accompaniment/views/accompany.html";
constexpr const char* kSentView = "src/territory/accompaniment/views/accompany_sent.html";
constexpr const char* kListView = "src/territory/accompaniment/views/requests.html";
constexpr const char* kFormFields[] = {
    "role",        "welcome_committee", "name",      "contact",
    "kind",        "distance_km",       "lon",       "lat",
    "title",       "description",       "price_eur", "surface_m2",
    "rooms",       "available",         "code",      "email",
    "phone",       "message",           "village",   "needs",
    kHoneypotField};

/// The finder's needs in words, from its query string, so the visitor sees what is sent.
ViewData NeedsList(const Context& ctx, const std::string& query) {
  ViewData out{ViewData::type::list};
  auto params = boost::urls::parse_query(query);
  if (!params) return out;
  for (const auto& p : *params) {
    if (!p.has_value || p.value.empty()) continue;
    const std::string name = p.key.decode();
    const std::string key = "accompany.need." + name;
    const auto& label = http::T(ctx, key);
    if (label == key || label.empty()) continue;  // Not a need the finder knows.
    ViewData item;
    item.set("label", label);
    std::string value = p.value.decode();
    if (name == "housing") value = http::T(ctx, "finder.housing_" + value);
    if (name == "needs_school") value = http::T(ctx, "accompany.yes");
    item.set("value", value);
    out.push_back(std::move(item));
  }
  return out;
}

Response FormPage(VillageService& villages, const Context& ctx, const EditInput& typed,
                  const core::Error* error) {
  ViewData data;
  for (const char* name : {"name", "email", "phone", "message", "village", "needs"}) {
    const auto it = typed.find(name);
    data.set(name, it == typed.end() ? std::string() : it->second);
  }
  const auto village = typed.find("village");
  if (village != typed.end() && !village->second.empty()) {
    if (auto view = villages.View(ctx.programme.id, village->second)) {
      data.set("village_name", view->facts.name);
      data.set("village_href",
               "/villages/" + boost::urls::encode(village->second, boost::urls::unreserved_chars));
    }
  }
  const auto needs = typed.find("needs");
  const auto list = NeedsList(ctx, needs == typed.end() ? "" : needs->second);
  data.set("has_needs", !list.is_empty_list());
  data.set("needs_list", list);
  data.set("honeypot", std::string(kHoneypotField));
  int status = 200;
  if (error) {
    http::AddFieldErrors(data, ctx, *error);
    data.set("error_fields", FieldErrorList(ctx, *error));
    status = error->code == ErrorCode::kRateLimited ? 429 : 422;
  }
  auto response = http::Page(ctx, kFormView, std::move(data), "accompany.title", status);
  if (error && error->retry_after)
    response.SetHeader("Retry-After", std::to_string(*error->retry_after));
  return response;
}

ViewData RequestRow(const Context& ctx, const AccompanimentRequest& r) {
  ViewData row;
  row.set("id", std::to_string(r.id));
  row.set("name", r.name);
  row.set("email", r.email);
  row.set("phone", r.phone);
  row.set("message", r.message);
  row.set("village", r.commune_code);
  row.set("village_href",
          "/villages/" + boost::urls::encode(r.commune_code, boost::urls::unreserved_chars));
  row.set("needs_href", r.needs.empty() ? "" : "/trouver-mon-village?" + r.needs);
  row.set("created_at", core::FormatLocal(r.created_at, ctx.lang));
  row.set("is_new", r.status == "new");
  row.set("status", http::T(ctx, "requests.status_" + r.status));
  row.set("handled_by", r.handled_by_name);
  row.set("handled_at", r.handled_at ? core::FormatLocal(*r.handled_at, ctx.lang) : "");
  return row;
}

}  // namespace

std::optional<EditInput> FormInput(const Request& req) {
  auto form = http::Form::Parse(req.body);
  if (!form) return std::nullopt;
  EditInput input;
  for (const char* name : kFormFields)
    if (form->Has(name)) input[name] = form->Get(name);
  return input;
}

ViewData FieldErrorList(const Context& ctx, const core::Error& error) {
  ViewData list{ViewData::type::list};
  for (const auto& f : error.fields) {
    ViewData item;
    item.set("field", f.field);
    item.set("label", http::T(ctx, "village.field." + f.field));
    item.set("message", http::T(ctx, f.message_key));
    list.push_back(std::move(item));
  }
  return list;
}

void AddAccompanyPages(http::Router& router, AccompanyService& requests, VillageService& villages) {
  router.Add("GET", "/accompagnement", Access::Public(), [&villages](Request& req, Context& ctx) {
    EditInput typed;
    typed["village"] = req.Query("village").value_or("");
    typed["needs"] = req.Query("needs").value_or("");
    return FormPage(villages, ctx, typed, nullptr);
  });
  // Anonymous visitors post it with the double-submit CSRF token of the pipeline's cookie.
  router.Add("POST", "/accompagnement", Access::Public(),
             [&requests, &villages](Request& req, Context& ctx) {
               auto input = FormInput(req);
               if (!input)
                 return http::ErrorResponse(req, ctx, ErrorCode::kMalformed, "error.bad_form");
               auto id = requests.Submit(ctx.programme.id, *input, req.client_address);
               if (!id) return FormPage(villages, ctx, *input, &id.error());
               const auto village = input->find("village");
               return Response::Redirect(
                   "/accompagnement/merci" +
                   (village == input->end() || village->second.empty()
                        ? std::string()
                        : "?village=" +
                              boost::urls::encode(village->second, boost::urls::unreserved_chars)));
             });
  router.Add(
      "GET", "/accompagnement/merci", Access::Public(), [&villages](Request& req, Context& ctx) {
        ViewData data;
        if (const auto code = req.Query("village")) {
          if (auto view = villages.View(ctx.programme.id, *code)) {
            data.set("village_name", view->facts.name);
            data.set("village_href",
                     "/villages/" + boost::urls::encode(*code, boost::urls::unreserved_chars));
          }
        }
        return http::Page(ctx, kSentView, std::move(data), "accompany.sent_title");
      });
  router.Add("GET", "/demandes", Access::Staff(), [&requests](Request&, Context& ctx) {
    ViewData fresh{ViewData::type::list}, handled{ViewData::type::list};
    for (const auto& r :
         requests.List(ctx.programme.id, 500, std::numeric_limits<long long>::max()))
      (r.status == "new" ? fresh : handled).push_back(RequestRow(ctx, r));
    ViewData data;
    data.set("has_new", !fresh.is_empty_list());
    data.set("new_requests", fresh);
    data.set("has_handled", !handled.is_empty_list());
    data.set("handled_requests", handled);
    return http::Page(ctx, kListView, std::move(data), "requests.title");
  });
  router.Add(
      "POST", "/demandes/{id}/traitee", Access::Staff(), [&requests](Request& req, Context& ctx) {
        const auto id = http::ParseId(req.Param("id"));
        if (!id) return http::ErrorResponse(req, ctx, ErrorCode::kNotFound, "error.not_found");
        auto done =
            requests.MarkHandled(ctx.programme.id, *id, ctx.account->id, ctx.account->display_name);
        if (!done) return http::ErrorResponse(req, ctx, done.error());
        return Response::Redirect("/demandes#request-" + req.Param("id"));
      });
}

}  // namespace sohosolo::territory
