// kainjow's render(), step for step (kainjow/mustache.hpp, basic_mustache::render_component):
// text goes into the current line; a line end ends it, and a line that held a section tag and
// nothing but blanks is dropped ("standalone"); a section shows for a value that is not false nor
// an empty list, once per item of a list, and an inverted one for a missing, false or empty one.
// What differs is only how: steps in one list instead of a tree walked through std::function,
// names sorted once into how they are found, and the current line kept in the output itself.
#include "http/flat_template.hpp"

#include <stdexcept>

namespace sohosolo::http {

namespace km = kainjow::mustache;
using Component = km::component<std::string>;

void AppendEscaped(std::string& out, const std::string& text) {
  const char* from = text.data();
  const char* const end = from + text.size();
  for (const char* at = from; at != end; ++at) {
    if (static_cast<unsigned char>(*at) > '>') continue;  // letters and most else: nothing to do
    const char* entity = nullptr;
    switch (*at) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&apos;";
        break;
      default:
        continue;
    }
    out.append(from, at);
    out += entity;
    from = at + 1;
  }
  out.append(from, end);
}

namespace {

/// The steps of `parent`'s children, in kainjow's walk order, a section's children after it.
/// `barrier` is the first step that text may be joined to: none across a section's bounds.
template <typename Step, typename Add>
void Flatten(const Component& parent, std::vector<Step>& steps, std::size_t& barrier,
             const Add& add) {
  for (const auto& child : parent.children) {
    const auto at = steps.size();
    if (!add(child)) continue;
    if (child.tag.is_section_begin()) {
      barrier = steps.size();
      Flatten(child, steps, barrier, add);
      steps[at].end = steps.size();
      barrier = steps.size();
    }
  }
}

}  // namespace

/// The render's state: the sections entered (innermost last), the output, where the current line
/// starts in it, and whether a section tag was on that line.
struct FlatTemplate::State {
  std::vector<const ViewData*> stack;
  std::string& out;
  std::size_t line_start;
  bool section_tag_on_line = false;

  /// kainjow's render_current_line: the line ends with `line_end`, or the template does (null).
  void EndLine(const std::string* line_end) {
    bool blank = true;
    for (auto i = line_start; i < out.size() && blank; ++i) blank = out[i] == ' ' || out[i] == '\t';
    if (section_tag_on_line && blank)
      out.resize(line_start);
    else if (line_end)
      out += *line_end;
    line_start = out.size();
    section_tag_on_line = false;
  }
};

FlatTemplate::FlatTemplate(const std::string& text, const std::vector<std::string>& texts,
                           const ViewData& messages) {
  km::context<std::string> context;
  km::context_internal<std::string> internal{context};
  Component root;
  std::string error;
  km::parser<std::string> parse{text, internal, root, error};
  if (!error.empty()) throw std::runtime_error(error);
  std::size_t barrier = 0;
  const auto add = [&](const Component& c) {
    const auto type = c.tag.type;
    if (type == km::tag_type::partial || type == km::tag_type::set_delimiter)
      throw std::runtime_error("partials and delimiter changes are rendered by kainjow");
    if (type == km::tag_type::comment || type == km::tag_type::section_end) return false;
    Step step;
    if (c.is_text()) {
      step.kind = c.is_newline() ? Kind::kLineEnd : Kind::kText;
      step.text = c.text;
    } else {
      step.kind = type == km::tag_type::section_begin            ? Kind::kSection
                  : type == km::tag_type::section_begin_inverted ? Kind::kInverted
                                                                 : Kind::kVariable;
      step.escaped = type == km::tag_type::variable;
      step.text = c.tag.name;
      const auto& name = step.text;
      if (name == ".") {
        step.lookup = Lookup::kDot;
      } else if (name[0] == '\x01' && step.kind == Kind::kVariable) {
        // Text merged by MergeText: written as text (appended to the line as the variable was).
        step.kind = Kind::kText;
        step.text = texts.at(std::stoul(name.substr(1)));
      } else if (name.size() > 2 && name[0] == 't' && name[1] == '.') {
        step.lookup = Lookup::kFixed;
        step.fixed = messages.get(name);
      } else if (name.find('.') != std::string::npos) {
        step.lookup = Lookup::kPath;
        for (std::size_t from = 0; from <= name.size();) {
          const auto to = std::min(name.find('.', from), name.size());
          step.path.push_back(name.substr(from, to - from));
          from = to + 1;
        }
      }
    }
    // Text after text is one step: both only go into the line.
    if (step.kind == Kind::kText && steps_.size() > barrier && steps_.back().kind == Kind::kText) {
      steps_.back().text += step.text;
      return false;
    }
    steps_.push_back(std::move(step));
    return true;
  };
  Flatten(root, steps_, barrier, add);
}

void FlatTemplate::RenderInto(const ViewData& data, std::string& out,
                              const ViewData* shared) const {
  State state{{}, out, out.size()};
  if (shared) state.stack.push_back(shared);
  state.stack.push_back(&data);
  Render(0, steps_.size(), state);
  state.EndLine(nullptr);
}

const ViewData* FlatTemplate::Find(const Step& step, const State& state) const {
  switch (step.lookup) {
    case Lookup::kDot:
      return state.stack.back();
    case Lookup::kFixed:
      return step.fixed;
    case Lookup::kName:
      for (auto item = state.stack.rbegin(); item != state.stack.rend(); ++item)
        if (const auto* var = (*item)->get(step.text)) return var;
      return nullptr;
    case Lookup::kPath:
      for (auto item = state.stack.rbegin(); item != state.stack.rend(); ++item) {
        const ViewData* var = *item;
        for (const auto& part : step.path) {
          var = var->get(part);
          if (!var) break;
        }
        if (var) return var;
      }
      return nullptr;
  }
  return nullptr;
}

void FlatTemplate::Render(std::size_t from, std::size_t to, State& state) const {
  for (auto i = from; i < to; ++i) {
    const Step& step = steps_[i];
    switch (step.kind) {
      case Kind::kText:
        state.out += step.text;
        break;
      case Kind::kLineEnd:
        state.EndLine(&step.text);
        break;
      case Kind::kVariable:
        if (const auto* var = Find(step, state)) {
          if (var->is_lambda() || var->is_lambda2())
            throw std::logic_error("template data holds a lambda: " + step.text);
          if (!var->is_string()) break;
          if (step.escaped)
            AppendEscaped(state.out, var->string_value());
          else
            state.out += var->string_value();
        }
        break;
      case Kind::kSection: {
        const auto* var = Find(step, state);
        if (var && (var->is_lambda() || var->is_lambda2()))
          throw std::logic_error("template data holds a lambda: " + step.text);
        if (var && !var->is_false() && !var->is_empty_list()) RenderSection(i, var, state);
        i = step.end - 1;
        break;
      }
      case Kind::kInverted: {
        const auto* var = Find(step, state);
        if (!var || var->is_false() || var->is_empty_list()) RenderSection(i, var, state);
        i = step.end - 1;
        break;
      }
    }
  }
}

void FlatTemplate::RenderSection(std::size_t at, const ViewData* var, State& state) const {
  const auto inside = [&](const ViewData* pushed) {
    state.section_tag_on_line = true;  // the section's opening tag
    if (pushed) state.stack.push_back(pushed);
    Render(at + 1, steps_[at].end, state);
    if (pushed) state.stack.pop_back();
    state.section_tag_on_line = true;  // its closing tag
  };
  if (var && var->is_non_empty_list()) {
    for (const auto& item : var->list_value()) inside(&item);
  } else {
    inside(var);
  }
}

}  // namespace sohosolo::http
