#pragma once
// Markdown to HTML with cmark-gfm (GitHub's CommonMark, with tables, strikethrough and
// autolinks). Raw HTML in the text is left out and dangerous links (javascript:, data: other
// than images) are emptied: what an advisor writes cannot inject markup into a member's mail or
// the archive.

#include <string>

namespace sohosolo::community {

std::string MarkdownToHtml(const std::string& markdown);

}  // namespace sohosolo::community
