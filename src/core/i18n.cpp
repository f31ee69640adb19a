#include "core/i18n.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "core/resources.hpp"
#include "core/text.hpp"

namespace sohosolo::core {

namespace {

Messages Parse(std::string_view lang, std::string_view text) {
  Messages out;
  const auto value = boost::json::parse(text);
  for (const auto& [key, message] : value.as_object()) {
    if (!message.is_string()) {
      throw std::runtime_error("message catalogue " + std::string(lang) + ": " + std::string(key) +
                               " is not a string");
    }
    out.emplace(std::string(key), std::string(message.as_string()));
  }
  return out;
}

}  // namespace

const Catalogue& Catalogue::Get() {
  static const Catalogue catalogue = [] {
    Catalogue c;
    for (const auto& lang : kLanguages) {
      const auto text = FindResource("src/core/messages/" + lang + ".json");
      if (!text) throw std::runtime_error("message catalogue missing: " + lang);
      c.by_language_[lang] = Parse(lang, *text);
    }
    // Complete every language with the French text so a missing translation shows French.
    const auto& french = c.by_language_.at(std::string(kDefaultLanguage));
    for (auto& [lang, messages] : c.by_language_) {
      for (const auto& [key, text] : french) messages.emplace(key, text);
    }
    return c;
  }();
  return catalogue;
}

const std::string& Catalogue::Translate(std::string_view lang, std::string_view key) const {
  const auto& messages = All(lang);
  if (auto it = messages.find(key); it != messages.end()) return it->second;
  static thread_local std::string missing;
  missing = std::string(key);
  return missing;
}

const Messages& Catalogue::All(std::string_view lang) const {
  if (auto it = by_language_.find(lang); it != by_language_.end()) return it->second;
  return by_language_.find(kDefaultLanguage)->second;
}

std::string SupportedLanguage(std::string_view lang) {
  const auto found = std::find(kLanguages.begin(), kLanguages.end(), lang);
  return found == kLanguages.end() ? std::string(kDefaultLanguage) : *found;
}

std::string NegotiateLanguage(std::string_view accept_language) {
  // Entries look like "en-GB,en;q=0.9,fr;q=0.8"; pick the supported one of highest weight.
  std::string best;
  double best_q = 0;
  for (auto entry : Split(accept_language, ',')) {
    entry = Trim(entry);
    double q = 1.0;
    if (auto semi = entry.find(';'); semi != std::string_view::npos) {
      auto param = Trim(entry.substr(semi + 1));
      entry = Trim(entry.substr(0, semi));
      if (param.starts_with("q=")) {
        try {
          q = std::stod(std::string(param.substr(2)));
        } catch (const std::exception&) {
          q = 0;
        }
      }
    }
    const auto primary = AsciiLower(entry.substr(0, entry.find('-')));
    if (std::find(kLanguages.begin(), kLanguages.end(), primary) == kLanguages.end()) continue;
    if (q > best_q) {
      best_q = q;
      best = primary;
    }
  }
  return best;
}

}  // namespace sohosolo::core
