// FoldForSearch: text as searches compare it (commune names, the members' directory), accents
// and case set aside.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
#include <string_view>

#include "core/text.hpp"

namespace sohosolo::core {

namespace {

struct Fold {
  char32_t first;
  char32_t last;
  const char* ascii;
};

// Latin-1 Supplement and Latin Extended-A: every letter French, Occitan, Basque and their
// neighbours write, with its base letters. Code points not listed are dropped when they are
// punctuation or symbols (below U+0180, and General Punctuation), kept otherwise.
constexpr Fold kFolds[] = {
    {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},   {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},   {0xD0, 0xD0, "d"},    {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},   {0xD9, 0xDC, "u"},    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},  {0xE0, 0xE5, "a"},    {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},   {0xEC, 0xEF, "i"},    {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},   {0xF8, 0xF8, "o"},    {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},  {0xFF, 0xFF, "y"},    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},  {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},  {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"}, {0x176, 0x178, "y"},  {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

/// Decodes one UTF-8 sequence at `i`; returns U+FFFD for a malformed one (and skips one byte).
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || (extra > 0 && i + extra >= s.size())) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = NextCodePoint(text, i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
      continue;
    }
    const auto* fold = std::find_if(std::begin(kFolds), std::end(kFolds),
                                    [cp](const Fold& f) { return cp >= f.first && cp <= f.last; });
    if (fold != std::end(kFolds)) {
      out += fold->ascii;
      continue;
    }
    // Symbols, spaces and combining accents (text in decomposed form) carry no letter.
    const bool mark = cp < 0x180 || (cp >= 0x300 && cp <= 0x36F) ||
                      (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFFFD || cp == 0xFEFF;
    if (!mark) out.append(text.substr(start, i - start));
  }
  return out;
}

std::vector<std::string> FoldedWords(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    // Words end at ASCII spaces and punctuation; letters with accents are never ASCII.
    const bool end = i == text.size() || (static_cast<unsigned char>(text[i]) < 0x80 &&
                                          !std::isalnum(static_cast<unsigned char>(text[i])));
    if (!end) continue;
    auto word = FoldForSearch(text.substr(start, i - start));
    if (!word.empty()) out.push_back(std::move(word));
    start = i + 1;
  }
  return out;
}

}  // namespace sohosolo::core
