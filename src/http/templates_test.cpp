#include "http/templates.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "core/i18n.hpp"
#include "core/resources.hpp"

namespace sohosolo::http {
namespace {

/// Data with what templates use: values to escape, booleans, lists of objects and of strings,
/// objects reached by x.y names, and a name found only in an outer section.
ViewData Sample() {
  ViewData data;
  data.set("title", "Caf\xC3\xA9 <b>&</b> 'x'");
  data.set("shown", true);
  data.set("hidden", false);
  ViewData user;
  user.set("display_name", "Ana \"A\"");
  ViewData place;
  place.set("commune", "Auch");
  user.set("place", place);
  data.set("user", user);
  ViewData items{ViewData::type::list};
  for (const char* name : {"one", "two"}) {
    ViewData item;
    item.set("name", name);
    items.push_back(item);
  }
  data.set("items", items);
  ViewData tags{ViewData::type::list};
  tags.push_back(ViewData("a<"));
  tags.push_back(ViewData("b"));
  data.set("tags", tags);
  data.set("empty", ViewData{ViewData::type::list});
  data.set("2fa", "123 <456>");  // names that start with a digit are the data's, as in kainjow
  data.set("0", true);
  return data;
}

TEST(RenderText, RendersAsKainjowItselfDoes) {
  const std::string text =
      "<h1>{{title}}</h1>{{{title}}}\n"
      "{{#shown}}yes{{/shown}}{{^shown}}no{{/shown}}{{#hidden}}H{{/hidden}}{{^hidden}}h{{/"
      "hidden}}\n"
      "{{user.display_name}} / {{user.place.commune}} / [{{user.nothing}}] [{{nothing.at.all}}]\n"
      "{{#user}}{{display_name}} in {{place.commune}}, {{title}}{{/user}}\n"
      "<ul>\n{{#items}}\n  <li>{{name}} of {{title}}</li>\n{{/items}}\n</ul>\n"
      "{{#tags}}[{{.}}]{{/tags}}{{^empty}}none{{/empty}}{{#empty}}some{{/empty}}\n";
  const auto data = Sample();
  kainjow::mustache::mustache reference(text);
  ASSERT_TRUE(reference.is_valid()) << reference.error_message();
  EXPECT_EQ(RenderText(text, data, "fr"), reference.render(data));
}

TEST(RenderText, TranslatesCatalogueKeysInTheLanguageAsked) {
  const ViewData data;
  const auto& catalogue = core::Catalogue::Get();
  EXPECT_EQ(
      RenderText("{{t.nav_home}}|{{t.account_title}}", data, "en"),
      kainjow::mustache::html_escape<std::string>(catalogue.Translate("en", "nav.home")) + "|" +
          kainjow::mustache::html_escape<std::string>(catalogue.Translate("en", "account.title")));
  EXPECT_NE(RenderText("{{t.nav_home}}", data, "fr"), RenderText("{{t.nav_home}}", data, "en"));
  EXPECT_EQ(RenderText("[{{t.no_such_key}}]", data, "fr"), "[]");
}

/// kainjow's own rendering of `text` with the catalogue of `lang` as a `t` object: the reference
/// for templates whose messages are written out before parsing.
std::string KainjowWithCatalogue(const std::string& text, ViewData data, const std::string& lang) {
  ViewData messages;
  for (const auto& [key, message] : core::Catalogue::Get().All(lang)) {
    std::string name = key;
    std::replace(name.begin(), name.end(), '.', '_');
    messages.set(name, message);
  }
  data.set("t", messages);
  kainjow::mustache::mustache reference(text);
  EXPECT_TRUE(reference.is_valid()) << reference.error_message();
  return reference.render(data);
}

TEST(RenderText, WritesMessagesOutAsTheRendererWouldHaveWrittenThem) {
  const ViewData data = Sample();
  for (const std::string text :
       {"{{t.nav_home}}{{t.account_title}}", "{{{t.nav_home}}}|{{&t.nav_home}}|{{ t.nav_home }}",
        "{{#shown}}\n  {{t.nav_home}}\n{{/shown}}\n{{^shown}}{{t.nav_home}}{{/shown}}",
        "[{{t.no_such_key}}] {t.nav_home}}", "{{t.nav_home}}{{=<% %>=}}<%t.nav_home%>{{t.x}}",
        "{{! a {{t.nav_home}} }} {{t.nav_home}}", "{{ ! {{t.nav_home}} }}x {{t.nav_home}}",
        "{{ =<% %>= }}\na b <%title%>\n{{t.nav_home}}",
        "{{t.nav_home}} a b {{2fa}} {{#0}}c d{{/0}}"}) {
    for (const std::string lang : {"fr", "en"})
      EXPECT_EQ(RenderText(text, data, lang), KainjowWithCatalogue(text, data, lang)) << text;
  }
}

TEST(RenderText, KeepsStandaloneLinesAsKainjowDoesOnceTextIsMerged) {
  // Lines of section tags and blanks are dropped, whatever their blanks; lines of text are not,
  // whatever their tags; \r\n and \r end lines as \n does; words in a list repeat.
  const ViewData data = Sample();
  for (const std::string text :
       {"a b\n  {{#shown}}  \n c d \n\t{{/shown}}\t\r\ne f",
        "x y {{#hidden}}\n no \n{{/hidden}} z w\n",
        "\t \n{{#items}} - {{name}} of  {{title}} \n{{/items}}\r  end  ",
        "{{{title}}} {{title}} {{.}}",
        "  {{^empty}}  none  {{/empty}}  \n  {{#empty}}\n  x y\n{{/empty}}\n",
        "{{#shown}}\n\n  \n a b \n\n{{/shown}}\n", "\r\r\n \n\r a {{title}}\n\n\n",
        "x\r\n\r\n y z\r\n{{#items}}\r\n {{name}} \r\n\r\n q r \r\n  {{/items}}\r\nend",
        "{{#items}}\n  one\n  two three\n  {{#tags}}\n [{{.}}]\n\n {{/tags}}\n{{/items}}"}) {
    kainjow::mustache::mustache reference(text);
    ASSERT_TRUE(reference.is_valid()) << reference.error_message();
    EXPECT_EQ(RenderText(text, data, "fr"), reference.render(data)) << text;
  }
}

TEST(RenderText, RendersEveryTemplateAsKainjowDoesWithTheCatalogue) {
  // Every name a template uses set to text with markup (sections shown once, inverted ones
  // hidden), then nothing set (the other way round): both as kainjow renders them.
  const std::regex tag(R"(\{\{[#^/&{]?\s*([a-z_][a-z0-9_]*))");
  int templates = 0;
  for (const auto& resource : core::AllResources()) {
    if (!resource.path.ends_with(".html")) continue;
    ++templates;
    const std::string text(resource.data);
    ViewData all;
    for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it)
      if ((*it)[1] != "t") all.set((*it)[1], "<b>\"" + (*it)[1].str() + "\" & 'x'</b>");
    for (const std::string lang : {"fr", "en"}) {
      EXPECT_EQ(RenderText(text, all, lang), KainjowWithCatalogue(text, all, lang))
          << resource.path << " " << lang;
      EXPECT_EQ(RenderText(text, ViewData{}, lang), KainjowWithCatalogue(text, ViewData{}, lang))
          << resource.path << " " << lang;
    }
  }
  EXPECT_GT(templates, 50);
}

TEST(RenderNested, RendersEveryPageInTheLayoutAsKainjowDoesWithThePageAsContent) {
  // The layout is cut around {{{content}}} and the page rendered between its parts, in one
  // buffer: the same bytes as the page rendered first and given to the whole layout.
  const std::string layout_path = "src/http/views/layout.html";
  const std::string layout(*core::FindResource(layout_path));
  const std::regex tag(R"(\{\{[#^/&{]?\s*([a-z_][a-z0-9_]*))");
  int pages = 0;
  for (const auto& resource : core::AllResources()) {
    if (!resource.path.ends_with(".html") || resource.path == layout_path) continue;
    ++pages;
    const std::string text = std::string(resource.data) + layout;
    // Every name set, and the same names split between the page's data and a shared layer.
    ViewData all;
    ViewData early;
    ViewData late;
    for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) {
      const std::string name = (*it)[1];
      if (name == "t" || name == "content") continue;
      const std::string value = "<b>\"" + name + "\"\n & 'x'</b>";
      all.set(name, value);
      (name < "m" ? early : late).set(name, value);
    }
    for (const std::string lang : {"fr", "en"}) {
      for (const ViewData& data : {all, ViewData{}}) {
        ViewData with_content = data;
        with_content.set("content", KainjowWithCatalogue(std::string(resource.data), data, lang));
        const auto expected = KainjowWithCatalogue(layout, with_content, lang);
        EXPECT_EQ(RenderNested(layout_path, "content", std::string(resource.path), data, lang),
                  expected)
            << resource.path << " " << lang;
        if (data.is_empty_object()) continue;
        EXPECT_EQ(
            RenderNested(layout_path, "content", std::string(resource.path), late, lang, &early),
            expected)
            << resource.path << " " << lang << " with a shared layer";
      }
    }
  }
  EXPECT_GT(pages, 50);
}

TEST(RenderNested, RefusesAnOuterTemplateWithoutTheTag) {
  EXPECT_THROW(RenderNested("src/auth/views/account.html", "content", "src/auth/views/login.html",
                            ViewData{}, "fr"),
               std::runtime_error);
}

}  // namespace
}  // namespace sohosolo::http
