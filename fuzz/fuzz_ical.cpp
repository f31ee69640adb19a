// iCalendar output round trip: events built from arbitrary texts and instants are written as
// RFC 5545 and read back by a strict reader here. Every line ends with CRLF and is at most 75
// octets, folding never splits a UTF-8 sequence, and unfolding and unescaping give back each
// summary, location and description as given (control characters aside, which the writer drops).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/ical.hpp"
#include "core/text.hpp"

using namespace sohosolo;

namespace {

std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += (c == 'n' || c == 'N') ? '\n' : c;
  }
  return out;
}

/// Texts as the writer keeps them: line feeds and tabs, no other control character.
std::string Expected(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\t' || (byte >= 0x20 && byte != 0x7F)) out += c;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!core::IsValidUtf8(input)) return 0;
  // Three texts separated by NUL bytes.
  std::vector<std::string> texts;
  std::size_t from = 0;
  for (int i = 0; i < 3; ++i) {
    const auto end = input.find('\0', from);
    texts.emplace_back(
        input.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from));
    from = end == std::string_view::npos ? input.size() : end + 1;
  }
  core::CalendarEvent event;
  event.uid = "booking-1@fuzz";
  event.start = 1800000000 + static_cast<long long>(size) * 60;
  event.end = 1800003600 + static_cast<long long>(size) * 60;
  event.summary = texts[0];
  event.location = texts[1];
  event.description = texts[2];
  const auto ics = core::ToICalendar({event}, 1800000000);
  // Physical lines: CRLF, at most 75 octets, no lone CR or LF.
  std::vector<std::string> logical;
  std::size_t pos = 0;
  while (pos < ics.size()) {
    const auto crlf = ics.find("\r\n", pos);
    if (crlf == std::string::npos) abort();
    const auto line = std::string_view(ics).substr(pos, crlf - pos);
    if (line.size() > 75 || line.find('\n') != std::string_view::npos ||
        line.find('\r') != std::string_view::npos)
      abort();
    if (!line.empty() && line[0] == ' ') {
      if (logical.empty()) abort();
      logical.back() += line.substr(1);
    } else {
      logical.emplace_back(line);
    }
    pos = crlf + 2;
  }
  for (const auto& l : logical) {
    if (!core::IsValidUtf8(l)) abort();  // folding split a character
  }
  const auto value = [&](std::string_view name) -> std::optional<std::string> {
    for (const auto& l : logical) {
      if (l.starts_with(name) && l.size() > name.size() && l[name.size()] == ':')
        return Unescape(l.substr(name.size() + 1));
    }
    return std::nullopt;
  };
  if (value("SUMMARY").value_or("") != Expected(texts[0])) abort();
  if (!texts[1].empty() && value("LOCATION").value_or("") != Expected(texts[1])) abort();
  if (!texts[2].empty() && value("DESCRIPTION").value_or("") != Expected(texts[2])) abort();
  return 0;
}
