#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sohosolo::core {

/// The interface languages, French first.
inline const std::vector<std::string> kLanguages = {"fr", "en"};
inline constexpr std::string_view kDefaultLanguage = "fr";

/// Messages of one language: catalogue key -> text.
using Messages = std::map<std::string, std::string, std::less<>>;

/// The message catalogues compiled from src/core/messages/<lang>.json.
class Catalogue {
 public:
  /// Loads every embedded catalogue; throws if one is malformed or misses a French key.
  static const Catalogue& Get();

  /// The text of `key` in `lang`, else in French, else the key itself (a visible bug, not a crash).
  const std::string& Translate(std::string_view lang, std::string_view key) const;

  /// All messages of `lang` (French where `lang` lacks one).
  const Messages& All(std::string_view lang) const;

 private:
  std::map<std::string, Messages, std::less<>> by_language_;
};

/// `lang` if it is a supported language, else the default.
std::string SupportedLanguage(std::string_view lang);

/// The best supported language for an Accept-Language header, or "" if none matches.
std::string NegotiateLanguage(std::string_view accept_language);

}  // namespace sohosolo::core
