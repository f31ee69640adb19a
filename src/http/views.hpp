#pragma once

#include <string>

#include "core/error.hpp"
#include "http/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/templates.hpp"

namespace sohosolo::http {

/// What every page gets: adds the account and the CSRF token to `data`, and answers the rest
/// (language, programme, navigation by role), the same for many pages, as data for a layer under
/// the page's own (kept per thread for the life of the process). Views must not use these names
/// for their own fields.
const ViewData& AddBase(ViewData& data, const Context& ctx);

/// Renders the template `view` (a path such as "src/auth/views/login.html") inside the layout.
/// Templates read messages of the user's language as {{t.key}} (dots of the key become '_').
/// `title_key` is the catalogue key of the page title.
Response Page(const Context& ctx, const std::string& view, ViewData data,
              const std::string& title_key, int status = 200);

/// An error for this request: a problem document (RFC 9457) for API and JSON clients, an HTML
/// page in the user's language otherwise.
Response ErrorResponse(const Request& req, const Context& ctx, const core::Error& error);

/// The RFC 9457 problem document for `error`, translated to the context's language. Every problem
/// has one shape: type, title, status, detail, `code` (the stable message key a program can test)
/// and `errors` (field, detail, code) when fields are at fault; `extra` adds members that say
/// more about this refusal (the bookings in the way of a rental, for instance).
Response Problem(const Context& ctx, const core::Error& error, boost::json::object extra = {});

/// Shorthand: an error with a code and a catalogue key.
Response ErrorResponse(const Request& req, const Context& ctx, core::ErrorCode code,
                       const std::string& key);

/// The handler of a route whose path has {id}: `f(req, ctx, id)`, or "not found" (a problem
/// document for the API, a page otherwise) when the segment is not an id.
template <typename F>
auto WithId(F f) {
  return [f](Request& req, Context& ctx) {
    const auto id = ParseId(req.Param("id"));
    if (!id) return ErrorResponse(req, ctx, core::NotFound());
    return f(req, ctx, *id);
  };
}

/// WithId for a handler that also takes an object of its module (a service) by reference:
/// `f(req, ctx, object, id)`.
template <typename Object, typename F>
auto WithIdOn(Object& object, F f) {
  return WithId(
      [&object, f](Request& req, Context& ctx, long long id) { return f(req, ctx, object, id); });
}

/// Puts a validation error into a form's data: `error_summary`, and `err_<field>` per field.
void AddFieldErrors(ViewData& data, const Context& ctx, const core::Error& error);

/// Translates a catalogue key in the context's language.
const std::string& T(const Context& ctx, std::string_view key);

/// The webcal:// twin of a calendar feed's http(s) address, for one-click subscription.
std::string WebcalAddress(const std::string& url);

/// The options of a <select>: {value, label (the catalogue's `key_prefix + value`), selected}
/// for each of `values`.
template <typename Values>
ViewData Choices(const Context& ctx, const Values& values, const std::string& selected,
                 const std::string& key_prefix) {
  ViewData list{ViewData::type::list};
  for (const auto& v : values) {
    const std::string value(v);
    ViewData item;
    item.set("value", value);
    item.set("label", T(ctx, key_prefix + value));
    item.set("selected", value == selected);
    list.push_back(item);
  }
  return list;
}

}  // namespace sohosolo::http
