#include "app/commands/command_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace sohosolo::app {

namespace fs = std::filesystem;

std::optional<std::string> ReadText(const std::string& path, std::string& why) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    why = "no such file";
    return std::nullopt;
  }
  if (fs::is_directory(path, ec)) {
    why = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    why = "read error";
    return std::nullopt;
  }
  return std::move(text).str();
}

bool LooksLikeGeoJson(const std::string& path, std::string_view text) {
  const auto ext = core::AsciiLower(fs::path(path).extension().string());
  if (ext == ".geojson" || ext == ".json") return true;
  if (ext == ".csv") return false;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  text = core::Trim(text);
  return !text.empty() && (text.front() == '{' || text.front() == '[');
}

int WriteFile(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      std::cerr << "sohosolo: cannot write " << path << ": " << std::strerror(errno) << "\n";
      return kExitUsage;
    }
    out << content;
    out.flush();
    if (!out) {
      std::cerr << "sohosolo: writing " << path << " failed: " << std::strerror(errno) << "\n";
      std::error_code ec;
      fs::remove(temporary, ec);
      return kExitFailure;
    }
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    std::cerr << "sohosolo: cannot write " << path << ": " << ec.message() << "\n";
    fs::remove(temporary, ec);
    return kExitUsage;
  }
  return kExitOk;
}

void PrintRejected(const std::string& what, const core::Error& error) {
  const auto& catalogue = core::Catalogue::Get();
  std::cerr << "sohosolo: " << what << ": " << catalogue.Translate("en", error.message_key) << "\n";
  for (const auto& f : error.fields) {
    std::cerr << "  " << (f.field.empty() ? std::string("(file)") : f.field) << ": "
              << catalogue.Translate("en", f.message_key) << "\n";
  }
  if (error.fields.size() > 1) std::cerr << "  " << error.fields.size() << " problems\n";
}

std::string Grouped(double value, int decimals) {
  const std::string s = fmt::format("{:.{}f}", value, decimals);
  const std::size_t start = s.starts_with('-') ? 1 : 0;
  const std::size_t point = std::min(s.find('.'), s.size());
  std::string out = s.substr(0, start);
  for (std::size_t i = start; i < point; ++i) {
    if (i > start && (point - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out + s.substr(point);
}

std::string Percent(double share) { return fmt::format("{:.2f} %", share * 100); }

std::string TechnologyLabel(territory::Technology technology) {
  return technology == territory::Technology::kAdsl ? "ADSL" : "ADSL2+";
}

std::string Column(const std::string& s, std::size_t width) {
  const std::size_t length = core::Utf8Length(s);
  if (length <= width) return s + std::string(width - length, ' ');
  std::string out;
  std::size_t points = 0;
  for (char ch : s) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80 && ++points > width - 1) break;
    out += ch;
  }
  return out + "…";
}

}  // namespace sohosolo::app
