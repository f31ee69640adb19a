#include "http/views.hpp"

#include <gtest/gtest.h>

#include "core/i18n.hpp"

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

}  // namespace
}  // namespace sohosolo::http
