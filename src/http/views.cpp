#include "http/views.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <map>
#include <stdexcept>

#include "core/i18n.hpp"
#include "core/resources.hpp"
#include "http/status.hpp"

namespace sohosolo::http {

namespace {

using kainjow::mustache::mustache;

/// Parsed templates, one cache per thread: kainjow's render() is not const.
mustache& Template(const std::string& path) {
  thread_local std::map<std::string, std::unique_ptr<mustache>> cache;
  auto it = cache.find(path);
  if (it != cache.end()) return *it->second;
  const auto text = core::FindResource(path);
  if (!text) throw std::runtime_error("template not found: " + path);
  auto parsed = std::make_unique<mustache>(std::string(*text));
  if (!parsed->is_valid())
    throw std::runtime_error("template " + path + ": " + parsed->error_message());
  return *cache.emplace(path, std::move(parsed)).first->second;
}

/// The catalogue of one language as mustache data, built once per thread and language, keyed by
/// the name templates use: {{t.nav_home}} for the catalogue key nav.home.
const ViewData& MessagesData(const std::string& lang) {
  thread_local std::map<std::string, ViewData> cache;
  auto it = cache.find(lang);
  if (it != cache.end()) return it->second;
  ViewData messages{ViewData::type::object};
  for (const auto& [key, text] : core::Catalogue::Get().All(lang)) {
    std::string name = "t." + key;
    std::replace(name.begin() + 2, name.end(), '.', '_');
    messages.set(name, text);
  }
  return cache.emplace(lang, std::move(messages)).first->second;
}

/// A rendering context with kainjow's lookup rules ({{.}}, names looked up from the innermost
/// section out, x.y walked down), and two shortcuts the profile asked for (bench/README.md):
/// {{t.key}} is answered from the shared catalogue data instead of a copy of it in every page's
/// data (copying ~150 strings per page cost a fifth of a page's time), and x.y is walked without
/// kainjow's string-stream split.
class PageContext : public kainjow::mustache::basic_context<std::string> {
 public:
  PageContext(const ViewData* data, const ViewData& messages) : messages_(messages) {
    items_.push_back(data);
  }

  void push(const ViewData* data) override { items_.push_back(data); }
  void pop() override { items_.pop_back(); }

  const ViewData* get(const std::string& name) const override {
    if (name.size() == 1 && name[0] == '.') return items_.back();
    if (name.size() > 2 && name[0] == 't' && name[1] == '.') return messages_.get(name);
    const auto dot = name.find('.');
    if (dot == std::string::npos) return Innermost(name);
    std::string part;
    for (auto item = items_.rbegin(); item != items_.rend(); ++item) {
      const ViewData* var = *item;
      for (std::size_t from = 0; var && from <= name.size();) {
        const auto to = std::min(name.find('.', from), name.size());
        part.assign(name, from, to - from);
        var = var->get(part);
        from = to + 1;
      }
      if (var) return var;
    }
    return nullptr;
  }

  const ViewData* get_partial(const std::string& name) const override { return Innermost(name); }

 private:
  /// `name` in the innermost section that has it.
  const ViewData* Innermost(const std::string& name) const {
    for (auto item = items_.rbegin(); item != items_.rend(); ++item)
      if (const auto* var = (*item)->get(name)) return var;
    return nullptr;
  }

  std::vector<const ViewData*> items_;  // innermost last
  const ViewData& messages_;
};

/// What kainjow writes to: a string, where its render() would use a string stream.
struct StringSink {
  std::string text;
  StringSink& operator<<(const std::string& part) {
    text += part;
    return *this;
  }
};

std::string RenderWith(mustache& tmpl, const ViewData& data, const std::string& lang) {
  PageContext context(&data, MessagesData(lang));
  StringSink sink;
  sink.text.reserve(8192);
  tmpl.render(context, sink);
  return std::move(sink.text);
}

std::string Render(const std::string& path, const ViewData& data, const std::string& lang) {
  return RenderWith(Template(path), data, lang);
}

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

std::string RenderText(const std::string& text, const ViewData& data, const std::string& lang) {
  mustache tmpl(text);
  if (!tmpl.is_valid()) throw std::runtime_error("template: " + tmpl.error_message());
  return RenderWith(tmpl, data, lang);
}

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

/// The navigation's list items as HTML, rendered once per thread for each language and set of
/// links (a handful of variants): building and rendering them for every page cost a tenth of it.
const std::string& NavItemsHtml(const Context& ctx) {
  const auto links = NavLinks(ctx);
  std::string key = ctx.lang;
  for (const auto& [href, label] : links) key.append(" ").append(href);
  thread_local std::map<std::string, std::string, std::less<>> cache;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  std::string html;
  for (const auto& [href, label] : links) {
    html += "<li><a href=\"";
    html += href;  // our own addresses, nothing to escape
    html += "\">" + kainjow::mustache::html_escape<std::string>(T(ctx, label)) + "</a></li>";
  }
  return cache.emplace(std::move(key), std::move(html)).first->second;
}

}  // namespace

void AddBase(ViewData& data, const Context& ctx) {
  data.set("lang", ctx.lang);
  data.set("lang_fr", ctx.lang == "fr");
  data.set("lang_en", ctx.lang == "en");
  data.set("programme_name", ctx.programme.name);
  data.set("csrf", ctx.csrf_token);
  data.set("here", boost::urls::encode(ctx.current_target, boost::urls::unreserved_chars));
  if (ctx.account) {
    ViewData user;
    user.set("display_name", ctx.account->display_name);
    user.set("email", ctx.account->email);
    data.set("user", user);
  }
  data.set("nav_items", NavItemsHtml(ctx));
}

Response Page(const Context& ctx, const std::string& view, ViewData data,
              const std::string& title_key, int status) {
  AddBase(data, ctx);
  data.set("title", T(ctx, title_key));
  data.set("content", Render(view, data, ctx.lang));
  return Response::Html(Render("src/http/views/layout.html", data, ctx.lang), status);
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
