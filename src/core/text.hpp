#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohosolo::core {

/// True when `value` is one of `allowed` (a list of C strings: the words a field may hold).
template <typename List>
bool OneOf(std::string_view value, const List& allowed) {
  for (const char* a : allowed)
    if (value == a) return true;
  return false;
}

std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char separator);
std::string AsciiLower(std::string_view s);

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

/// Number of Unicode code points in a valid UTF-8 string.
std::size_t Utf8Length(std::string_view s);

/// An INSEE commune code: five digits, or 2A/2B and three digits for Corsica ("32013", "2A004").
bool IsCommuneCode(std::string_view s);

/// A plausible e-mail address: one @, non-empty local part, a dot in the domain, no spaces.
bool LooksLikeEmail(std::string_view s);

/// Whether line breaks are part of a text field (a note, a message) or not (a name, a subject).
enum class Lines { kOne, kMany };

/// True when `s` holds a control character a text field must not store: NUL and the other C0
/// controls and DEL, but tab; CR and LF only where `lines` is kMany. (PostgreSQL cannot store a
/// NUL in text at all and SQLite would keep it: refusing them keeps both engines alike.)
bool HasControlCharacters(std::string_view s, Lines lines);

/// `text` as searches compare it: ASCII letters in lower case and digits, accented Latin letters
/// as their base letters ("Élodie" -> "elodie", "Œuvre" -> "oeuvre"), spaces and punctuation
/// dropped.
std::string FoldForSearch(std::string_view text);

/// The words of `text` (split at ASCII spaces and punctuation), each folded; empty ones dropped.
/// "Développeuse web, C++" -> {"developpeuse", "web", "c"}.
std::vector<std::string> FoldedWords(std::string_view text);

/// `s` made safe for one line of the log: control characters and backslashes written as \xNN,
/// and cut to `max` bytes (with "..." after).
std::string ForLog(std::string_view s, std::size_t max = 512);

}  // namespace sohosolo::core
