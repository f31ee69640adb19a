#pragma once
// A template parsed by kainjow's own parser and rendered by one loop over a flat list of steps:
// the same bytes as kainjow's render(), without its std::function per component, its virtual
// lookups by name, its copy of every variable and its second buffer per line. The profile of
// GET /account put kainjow's walk at two fifths of the request (bench/README.md, seventh pass).
// templates_test.cpp holds every embedded template to kainjow's own rendering, byte for byte.

#include <cstddef>
#include <string>
#include <vector>

#include "http/templates.hpp"

namespace sohosolo::http {

/// Appends `text` to `out` escaped as kainjow's html_escape escapes it (& < > " ').
void AppendEscaped(std::string& out, const std::string& text);

class FlatTemplate {
 public:
  /// Parses `text` with kainjow's parser. {{{\x01N}}} stands for texts[N] (written out as text)
  /// and {{t.key}} is read from `messages`, which must outlive the template. Throws
  /// std::runtime_error with kainjow's message for a template it cannot parse, and for tags this
  /// loop does not render as kainjow would: partials and delimiter changes.
  FlatTemplate(const std::string& text, const std::vector<std::string>& texts,
               const ViewData& messages);

  /// Appends the rendering of the template with `data` to `out`; `shared`, if given, is a layer
  /// under `data` (names `data` lacks are looked up there). Data must hold no lambda (thrown as
  /// std::logic_error): sohosolo's views give strings, booleans, objects and lists.
  void RenderInto(const ViewData& data, std::string& out, const ViewData* shared = nullptr) const;

 private:
  enum class Kind { kText, kLineEnd, kVariable, kSection, kInverted };
  /// How a name is found: "." (the innermost value), a message, a plain name looked up from the
  /// innermost section out, or x.y walked down from each section in turn.
  enum class Lookup { kDot, kFixed, kName, kPath };
  struct Step {
    Kind kind = Kind::kText;
    std::string text;  ///< kText and kLineEnd: the bytes; otherwise the name
    bool escaped = false;
    Lookup lookup = Lookup::kName;
    const ViewData* fixed = nullptr;  ///< kFixed: the message (null if none)
    std::vector<std::string> path;    ///< kPath: the parts of x.y
    std::size_t end = 0;              ///< kSection and kInverted: the step after the section
  };
  struct State;

  void Render(std::size_t from, std::size_t to, State& state) const;
  void RenderSection(std::size_t at, const ViewData* var, State& state) const;
  const ViewData* Find(const Step& step, const State& state) const;

  std::vector<Step> steps_;
};

}  // namespace sohosolo::http
