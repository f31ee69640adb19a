#pragma once

#include <kainjow/mustache.hpp>
#include <string>

namespace sohosolo::http {

using ViewData = kainjow::mustache::data;

/// Renders the embedded template at `path` (such as "src/auth/views/login.html") with `data`;
/// {{t.key}} reads the catalogue of `lang` (the dots of a catalogue key become '_'). Output is
/// kainjow's for the same template and data (templates_test.cpp holds every template to it).
std::string RenderTemplate(const std::string& path, const ViewData& data, const std::string& lang);

/// Renders a template's text as RenderTemplate renders a file, for tests that compare it with
/// kainjow's own rendering.
std::string RenderText(const std::string& text, const ViewData& data, const std::string& lang);

}  // namespace sohosolo::http
