#include "http/views.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <cstdint>
#include <map>
#include <stdexcept>

#include "core/i18n.hpp"
#include "core/resources.hpp"
#include "http/flat_template.hpp"
#include "http/status.hpp"

namespace sohosolo::http {

namespace {

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

}  // namespace

const std::string& T(const Context& ctx, std::string_view key) {
  return core::Catalogue::Get().Translate(ctx.lang, key);
}

namespace {

/// The navigation's links for this visitor: (address, catalogue key).
std::vector<std::pair<const char*, const char*>> NavLinks(const Context& ctx) {
  std::vector<std::pair<const char*, const char*>> nav = {
      {"/", "nav.home"},         {"/sites", "nav.sites"},
      {"/map", "nav.map"},       {"/trouver-mon-village", "nav.finder"},
      {"/events", "nav.events"}, {"/newsletters", "nav.newsletters"}};
  if (!ctx.account) return nav;
  if (ctx.roles.size() == 1 && ctx.Has(Role::kNewcomer)) {
    // A newcomer being accompanied: their file and their account, nothing of the members'.
    nav.insert(nav.end(), {{"/my-file", "nav.my_file"}, {"/account", "nav.account"}});
    return nav;
  }
  nav.insert(nav.end(), {{"/bookings", "nav.bookings"},
                         {"/rentals", "nav.rentals"},
                         {"/invoices", "nav.invoices"},
                         {"/members", "nav.members"},
                         {"/board", "nav.board"},
                         {"/account", "nav.account"}});
  if (ctx.RunsSites()) nav.emplace_back("/manage/sites", "nav.manage_sites");
  if (ctx.IsStaff()) {
    nav.insert(
        nav.end(),
        {{"/people", "nav.people"}, {"/demandes", "nav.requests"}, {"/journeys", "nav.journeys"}});
  }
  if (ctx.Has(Role::kCommittee)) nav.emplace_back("/committee", "nav.committee");
  if (ctx.IsStaff())
    nav.insert(nav.end(), {{"/wifi-plans", "nav.wifi_plans"}, {"/outbox", "nav.outbox"}});
  if (ctx.Has(Role::kAdmin)) nav.emplace_back("/admin", "nav.admin");
  return nav;
}

/// The navigation's list items as HTML, escaped as the templates escape.
std::string NavItemsHtml(const Context& ctx) {
  std::string html;
  for (const auto& [href, label] : NavLinks(ctx)) {
    html += "<li><a href=\"";
    html += href;  // our own addresses, nothing to escape
    html += "\">";
    AppendEscaped(html, T(ctx, label));
    html += "</a></li>";
  }
  return html;
}

/// What the layout shows that is the same on every page for one language, programme name and set
/// of roles (the navigation follows the roles): built once per thread for each, a handful.
/// Setting it into every page's data, then rendering the navigation, cost a tenth of a page
/// (bench/README.md, fifth and seventh passes).
const ViewData& SharedBase(const Context& ctx) {
  std::uint32_t roles = ctx.account ? 1U << 31 : 0;
  for (const auto role : ctx.roles) roles |= 1U << static_cast<unsigned>(role);
  thread_local std::string key;  // reused: no allocation once it has grown
  key.assign(ctx.lang).append(1, '\0').append(std::to_string(roles)).append(1, '\0');
  key.append(ctx.programme.name);
  thread_local std::map<std::string, ViewData, std::less<>> cache;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  ViewData base;
  base.set("lang", ctx.lang);
  base.set("lang_fr", ctx.lang == "fr");
  base.set("lang_en", ctx.lang == "en");
  base.set("programme_name", ctx.programme.name);
  base.set("nav_items", NavItemsHtml(ctx));
  return cache.emplace(key, std::move(base)).first->second;
}

}  // namespace

const ViewData& AddBase(ViewData& data, const Context& ctx) {
  data.set("csrf", ctx.csrf_token);
  data.set("here", boost::urls::encode(ctx.current_target, boost::urls::unreserved_chars));
  if (ctx.account) {
    ViewData user;
    user.set("display_name", ctx.account->display_name);
    user.set("email", ctx.account->email);
    data.set("user", user);
  }
  return SharedBase(ctx);
}

Response Page(const Context& ctx, const std::string& view, ViewData data,
              const std::string& title_key, int status) {
  const auto& shared = AddBase(data, ctx);
  data.set("title", T(ctx, title_key));
  return Response::Html(
      RenderNested("src/http/views/layout.html", "content", view, data, ctx.lang, &shared), status);
}

Response Problem(const Context& ctx, const core::Error& error, boost::json::object extra) {
  const int status = HttpStatusFor(error.code);
  boost::json::object problem{
      {"type", ProblemTypeFor(error.code)},  {"title", ReasonPhrase(status)}, {"status", status},
      {"detail", T(ctx, error.message_key)}, {"code", error.message_key},
  };
  for (auto& [key, value] : extra) problem[key] = std::move(value);
  if (!error.fields.empty()) {
    boost::json::array fields;
    for (const auto& f : error.fields) {
      fields.push_back(
          {{"field", f.field}, {"detail", T(ctx, f.message_key)}, {"code", f.message_key}});
    }
    problem["errors"] = std::move(fields);
  }
  auto response = Response::Json(problem, status);
  response.SetHeader("Content-Type", "application/problem+json");
  if (error.retry_after) response.SetHeader("Retry-After", std::to_string(*error.retry_after));
  return response;
}

Response ErrorResponse(const Request& req, const Context& ctx, const core::Error& error) {
  if (req.WantsJson()) return Problem(ctx, error);
  ViewData data;
  data.set("status", std::to_string(HttpStatusFor(error.code)));
  data.set("detail", T(ctx, error.message_key));
  ViewData fields{ViewData::type::list};
  for (const auto& f : error.fields) {
    ViewData item;
    item.set("field", f.field);
    item.set("detail", T(ctx, f.message_key));
    fields.push_back(item);
  }
  data.set("fields", fields);
  auto response = Page(ctx, "src/http/views/error.html", std::move(data), "error.title",
                       HttpStatusFor(error.code));
  if (error.retry_after) response.SetHeader("Retry-After", std::to_string(*error.retry_after));
  return response;
}

void AddFieldErrors(ViewData& data, const Context& ctx, const core::Error& error) {
  data.set("has_errors", true);
  data.set("error_summary", T(ctx, error.message_key));
  for (const auto& f : error.fields) data.set("err_" + f.field, T(ctx, f.message_key));
}

Response ErrorResponse(const Request& req, const Context& ctx, core::ErrorCode code,
                       const std::string& key) {
  return ErrorResponse(req, ctx, core::Error::Of(code, key));
}

std::string WebcalAddress(const std::string& url) {
  const auto scheme = url.find("://");
  return scheme == std::string::npos ? std::string() : "webcal" + url.substr(scheme);
}

}  // namespace sohosolo::http
