#pragma once

#include <kainjow/mustache.hpp>
#include <string>

namespace sohosolo::http {

using ViewData = kainjow::mustache::data;

/// Renders the embedded template at `path` (such as "src/auth/views/login.html") with `data`;
/// {{t.key}} reads the catalogue of `lang` (the dots of a catalogue key become '_'). Output is
/// kainjow's for the same template and data (templates_test.cpp holds every template to it).
std::string RenderTemplate(const std::string& path, const ViewData& data, const std::string& lang);

/// Renders the template at `inner` in the place of the unescaped {{{name}}} of the template at
/// `outer` (a page in the layout), both with `data`, in one buffer: the output is `outer`'s with
/// `name` set to `inner`'s. {{{name}}} must appear once in `outer`, alone on its line and outside
/// every section (std::runtime_error otherwise). `shared`, if given, is data under `data`: names
/// `data` does not have are looked up there, as if they had been set into `data`.
std::string RenderNested(const std::string& outer, const std::string& name,
                         const std::string& inner, const ViewData& data, const std::string& lang,
                         const ViewData* shared = nullptr);

/// Renders a template's text as RenderTemplate renders a file, for tests that compare it with
/// kainjow's own rendering.
std::string RenderText(const std::string& text, const ViewData& data, const std::string& lang);

}  // namespace sohosolo::http
