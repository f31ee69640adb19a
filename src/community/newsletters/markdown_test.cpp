#include "community/newsletters/markdown.hpp"

#include <gtest/gtest.h>

namespace sohosolo::community {

TEST(NewsletterMarkdown, RendersTheUsualThings) {
  const auto html = MarkdownToHtml(
      "# Le club\n\nUn **atelier** le *jeudi*, ~~mardi~~.\n\n- un\n- deux\n\n"
      "| Village | Débit |\n|---|---|\n| Gimont | 8 Mbit/s |\n\nVoir "
      "https://soho-solo.example.org\n");
  EXPECT_NE(html.find("<h1>Le club</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<strong>atelier</strong>"), std::string::npos);
  EXPECT_NE(html.find("<del>mardi</del>"), std::string::npos);
  EXPECT_NE(html.find("<li>deux</li>"), std::string::npos);
  EXPECT_NE(html.find("<td>Gimont</td>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://soho-solo.example.org\">"), std::string::npos);
}

TEST(NewsletterMarkdown, LeavesNoRawHtmlNorScriptLinks) {
  const auto html = MarkdownToHtml(
      "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[clic](javascript:alert(1)) "
      "et <b onclick=\"x\">gras</b> & \"guillemets\"\n");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("onclick"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_NE(html.find("&amp; &quot;guillemets&quot;"), std::string::npos) << html;
}

}  // namespace sohosolo::community
