// Rendering of the mustache templates embedded in the binary: kainjow's parser, and the savings
// the profile asked for (bench/README.md, fifth to seventh passes): messages written into the
// template once per language, runs of text merged into one step, and a render loop over a flat
// list of steps (FlatTemplate) instead of kainjow's walk. Templates that change delimiters or
// hold comments are parsed as written and rendered by kainjow, through PageContext.
#include "http/templates.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "core/i18n.hpp"
#include "core/resources.hpp"
#include "http/flat_template.hpp"

namespace sohosolo::http {

namespace {

using kainjow::mustache::mustache;

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

/// kainjow's html_escape, byte for byte (AppendEscaped).
std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  AppendEscaped(out, text);
  return out;
}

/// `text` with each {{t.key}} of a known key written out: its message in `messages`, escaped as
/// kainjow escapes a variable. Messages are the same on every page, so they are written into the
/// template once per thread and language instead of being looked up, escaped and copied on every
/// render, which was a third of a page's instructions (bench/README.md, sixth pass). A tag is
/// left to the renderer (same output, slower) where writing it out could change how kainjow reads
/// the text around it: after a '{', or a message that is empty or holds a brace or a line end.
std::string WithMessages(std::string_view text, const ViewData& messages) {
  std::string out;
  out.reserve(text.size() * 2);
  std::size_t from = 0;
  for (auto open = text.find("{{t."); open != std::string_view::npos;
       open = text.find("{{t.", from)) {
    const auto close = text.find("}}", open);
    if (close == std::string_view::npos) break;
    const auto name = text.substr(open + 2, close - open - 2);
    const bool plain = std::all_of(name.begin() + 2, name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    const ViewData* message =
        plain && (open == 0 || text[open - 1] != '{') ? messages.get(std::string(name)) : nullptr;
    std::string escaped;
    if (message && message->is_string()) escaped = Escape(message->string_value());
    out.append(text.substr(from, open - from));
    if (escaped.empty() || escaped.find_first_of("{}\r\n") != std::string::npos)
      out.append(text.substr(open, close + 2 - open));
    else
      out += escaped;
    from = close + 2;
  }
  out.append(text.substr(from));
  return out;
}

/// kainjow makes a component of every space, tab and newline of a template's text and of each
/// word between them, and walks each one through a std::function on every render: about 1,300
/// for the account page and its layout. MergeText gives it fewer: in each run of text between
/// two tags, the text before the first line end, the lines between the first and the last line
/// end, and the text after the last become one unescaped variable each, {{{\x01N}}} (a name no
/// template uses), answered with texts[N] (where there is more than one component to save). kainjow
/// drops a line of section tags and blanks ("standalone"), judging by the bytes of the line and by
/// whether a section tag was on it. Both stay as they were: a line renders to the same bytes, the
/// first and the last line end of a run stay line ends (they close the lines a tag may be on), and
/// the lines between them hold no tag.
std::string MergeText(std::string_view text, std::vector<std::string>& texts) {
  std::string out;
  out.reserve(text.size());
  const auto part = [&](std::string_view piece) {
    if (piece.size() > 1 && piece.find_first_of(" \t\r\n") != std::string_view::npos) {
      out.append("{{{\x01").append(std::to_string(texts.size())).append("}}}");
      texts.emplace_back(std::string(piece));
    } else {
      out.append(piece);
    }
  };
  const auto merge = [&](std::string_view run) {
    const auto first = run.find_first_of("\r\n");
    if (first == std::string_view::npos) return part(run);
    const auto first_end = first + (run.substr(first, 2) == "\r\n" ? 2 : 1);
    auto last = run.find_last_of("\r\n");
    if (last > 0 && run.substr(last - 1, 2) == "\r\n") --last;
    part(run.substr(0, first));
    out.append(run.substr(first, first_end - first));
    if (last >= first_end) {
      part(run.substr(first_end, last - first_end));
      const auto last_end = last + (run.substr(last, 2) == "\r\n" ? 2 : 1);
      out.append(run.substr(last, last_end - last));
      part(run.substr(last_end));
    } else {
      part(run.substr(first_end));
    }
  };
  std::size_t from = 0;
  for (auto open = text.find("{{"); open != std::string_view::npos; open = text.find("{{", from)) {
    merge(text.substr(from, open - from));
    // The tag's end, found as kainjow finds it: "}}}" after "{{{", "}}" otherwise.
    const bool triple = open + 2 < text.size() && text[open + 2] == '{';
    const auto close = text.find(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
    if (close == std::string_view::npos) {  // kainjow says what is wrong with it
      out.append(text.substr(open));
      return out;
    }
    from = close + (triple ? 3 : 2);
    out.append(text.substr(open, from - open));
  }
  merge(text.substr(from));
  return out;
}

/// Whether a tag of `text` changes the delimiters or is a comment ({{=...=}}, {{! ...}}, blanks
/// allowed before the sign, as kainjow trims them). Such a template is parsed as written: a tag
/// found by "{{" alone could be text there, and a comment could hold what looks like a tag.
bool ChangesDelimitersOrComments(std::string_view text) {
  for (auto at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) {
    auto sign = at + 2;
    if (sign < text.size() && text[sign] == '{') ++sign;
    while (sign < text.size() && std::isspace(static_cast<unsigned char>(text[sign]))) ++sign;
    if (sign < text.size() && (text[sign] == '=' || text[sign] == '!')) return true;
  }
  return false;
}

/// A template ready to render: kainjow's parse of the text as WithMessages and MergeText leave it.
struct Compiled {
  std::unique_ptr<FlatTemplate> flat;  ///< the template, rendered by FlatTemplate's loop
  std::unique_ptr<mustache> parsed;    ///< or parsed as written, rendered by kainjow
};

Compiled Compile(std::string_view text, const std::string& lang, const std::string& name) {
  Compiled compiled;
  if (!ChangesDelimitersOrComments(text)) {
    const auto& messages = MessagesData(lang);
    std::vector<std::string> texts;
    const auto merged = MergeText(WithMessages(text, messages), texts);
    try {
      compiled.flat = std::make_unique<FlatTemplate>(merged, texts, messages);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("template " + name + ": " + e.what());
    }
    return compiled;
  }
  compiled.parsed = std::make_unique<mustache>(std::string(text));
  compiled.parsed->set_custom_escape(Escape);
  if (!compiled.parsed->is_valid())
    throw std::runtime_error("template " + name + ": " + compiled.parsed->error_message());
  return compiled;
}

/// Compiled templates, one cache per thread (kainjow's render() is not const) and language
/// (a supported one: the context's language is never the client's raw choice).
Compiled& Template(const std::string& path, const std::string& lang) {
  thread_local std::map<std::pair<std::string, std::string>, Compiled> cache;
  auto key = std::make_pair(path, lang);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  const auto text = core::FindResource(path);
  if (!text) throw std::runtime_error("template not found: " + path);
  return cache.emplace(std::move(key), Compile(*text, lang, path)).first->second;
}

/// The rendering context of the templates kainjow renders itself (those parsed as written), with
/// kainjow's lookup rules ({{.}}, names looked up from the innermost section out, x.y walked down)
/// and two shortcuts: {{t.key}} is answered from the shared catalogue data instead of a copy of it
/// in every page's data, and x.y is walked without kainjow's string-stream split.
class PageContext : public kainjow::mustache::basic_context<std::string> {
 public:
  /// `data` may be null: the caller pushes the page's own data.
  PageContext(const ViewData* data, const ViewData& messages) : messages_(messages) {
    if (data) items_.push_back(data);
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

void RenderInto(Compiled& compiled, const ViewData& data, const std::string& lang, StringSink& sink,
                const ViewData* shared = nullptr) {
  if (compiled.flat) return compiled.flat->RenderInto(data, sink.text, shared);
  PageContext context(shared, MessagesData(lang));
  context.push(&data);
  compiled.parsed->render(context, sink);
}

std::string RenderWith(Compiled& compiled, const ViewData& data, const std::string& lang) {
  StringSink sink;
  sink.text.reserve(8192);
  RenderInto(compiled, data, lang, sink);
  return std::move(sink.text);
}

/// A template cut at its one {{{name}}} tag: the parts before and after it, each compiled.
struct Cut {
  Compiled before;
  Compiled after;
};

/// Cuts the template at `path` around {{{name}}}. The cut renders as the whole template does
/// when the tag is outside every section (otherwise a part does not parse) and alone on its line
/// (so that no line's standalone rule changes), and holds no comment and no change of delimiters:
/// all checked.
Cut& CutTemplate(const std::string& path, const std::string& name, const std::string& lang) {
  thread_local std::map<std::tuple<std::string, std::string, std::string>, Cut> cache;
  auto key = std::make_tuple(path, name, lang);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  const auto text = core::FindResource(path);
  if (!text) throw std::runtime_error("template not found: " + path);
  const std::string tag = "{{{" + name + "}}}";
  const auto at = text->find(tag);
  const auto fail = [&] {
    return std::runtime_error("template " + path + ": " + tag + " cannot be cut around");
  };
  if (at == std::string_view::npos || ChangesDelimitersOrComments(*text)) throw fail();
  const auto before = text->substr(0, at);
  const auto after = text->substr(at + tag.size());
  const auto line = before.rfind('\n');
  const auto line_start = before.substr(line == std::string_view::npos ? 0 : line + 1);
  if (line_start.find("{{") != std::string_view::npos ||
      after.substr(0, after.find('\n')).find("{{") != std::string_view::npos ||
      after.find(tag) != std::string_view::npos)
    throw fail();
  Cut cut{Compile(before, lang, path), Compile(after, lang, path)};
  return cache.emplace(std::move(key), std::move(cut)).first->second;
}

}  // namespace

std::string RenderTemplate(const std::string& path, const ViewData& data, const std::string& lang) {
  return RenderWith(Template(path, lang), data, lang);
}

std::string RenderNested(const std::string& outer, const std::string& name,
                         const std::string& inner, const ViewData& data, const std::string& lang,
                         const ViewData* shared) {
  auto& cut = CutTemplate(outer, name, lang);
  StringSink sink;
  sink.text.reserve(16384);
  RenderInto(cut.before, data, lang, sink, shared);
  RenderInto(Template(inner, lang), data, lang, sink, shared);
  RenderInto(cut.after, data, lang, sink, shared);
  return std::move(sink.text);
}

std::string RenderText(const std::string& text, const ViewData& data, const std::string& lang) {
  auto compiled = Compile(text, lang, "text");
  return RenderWith(compiled, data, lang);
}

}  // namespace sohosolo::http
