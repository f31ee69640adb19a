// `sohosolo import communes|exchanges FILE`: territory data into a programme, all or nothing.
// The file's size is checked before it is read; every rejected row is printed with its line or
// feature number and the reason, and then nothing at all is written.
#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.hpp"
#include "app/commands/command_db.hpp"
#include "app/commands/command_files.hpp"
#include "app/commands/progress.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "territory/communes/service.hpp"

namespace sohosolo::app {

namespace {

namespace fs = std::filesystem;

/// The file's text, or an exit code after saying why not. Large files are refused unread.
std::optional<std::string> ReadImportFile(const std::string& path, int& exit_code) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    std::cerr << "sohosolo: cannot read " << path << ": no such file\n";
    exit_code = kExitUsage;
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    std::cerr << "sohosolo: cannot read " << path << ": not a regular file\n";
    exit_code = kExitUsage;
    return std::nullopt;
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > territory::kMaxImportBytes) {
    std::cerr << fmt::format(
        "sohosolo: {}: the file is {:.1f} MB, over the {} MB limit of an import; nothing was read "
        "or changed "
        "(split it, or simplify its geometry)\n",
        path, static_cast<double>(size) / (1024 * 1024),
        territory::kMaxImportBytes / (1024 * 1024));
    exit_code = kExitInvalid;
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    std::cerr << "sohosolo: cannot read " << path << ": " << std::strerror(errno) << "\n";
    exit_code = kExitUsage;
    return std::nullopt;
  }
  return std::move(text).str();
}

int ExitFor(const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kUnavailable:
      return kExitUnavailable;
    case core::ErrorCode::kInternal:
      return kExitFailure;
    default:
      return kExitInvalid;
  }
}

void PrintReport(const std::string& path, const std::string& kind, const territory::ImportReport& r,
                 const std::string& programme, double seconds) {
  std::cout << fmt::format(
      "{}: {} {} read: {} added, {} updated, {} unchanged (programme {}, {:.2f} s)\n", path, r.rows,
      kind, r.inserted, r.updated, r.unchanged, programme, seconds);
  const std::size_t exchanges = r.exchanges_inside + r.exchanges_outside;
  if (exchanges == 0) return;
  if (r.has_outline) {
    std::cout << fmt::format(
        "  exchanges: {} inside the communes' outline, {} outside (they still serve its border)\n",
        r.exchanges_inside, r.exchanges_outside);
  } else {
    std::cout << "  exchanges: no commune outline yet, so inside/outside comes from the file; it "
                 "is recomputed when "
                 "communes are imported as GeoJSON\n";
  }
}

/// Loads a parameters document already read from `path`; prints what is now in force.
int ImportParametersText(territory::Service& service, const http::Programme& programme,
                         const std::string& path, const std::string& text) {
  auto params = service.ImportParameters(programme.id, text, fs::path(path).filename().string());
  if (!params) {
    PrintRejected(path, params.error());
    std::cerr << "sohosolo: the parameters were not loaded; the programme keeps its own\n";
    return ExitFor(params.error());
  }
  const auto& a = params->adsl;
  std::cout << fmt::format(
      "{}: parameters of programme {} loaded ({}): detour factor {:g}, gauge {:g} mm, {} rate "
      "rows, READSL above {:g} dB, no ADSL above {:g} dB, WiFi relays {:g} km, official area {}\n",
      path, programme.slug, a.origin, a.detour_factor, a.gauge_mm, a.rates.size(),
      a.readsl_above_db, a.no_adsl_above_db, params->wifi_radius_km,
      params->official_area_km2 ? fmt::format("{:g} km²", *params->official_area_km2)
                                : std::string("none"));
  return kExitOk;
}

/// Imports text already read from `path` and prints the outcome; returns an exit code.
int ImportText(territory::Service& service, const http::Programme& programme,
               const std::string& kind, const std::string& path, const std::string& text,
               const std::string& format, std::chrono::steady_clock::time_point started) {
  if (kind == "parameters") return ImportParametersText(service, programme, path, text);
  const auto file_format = format == "csv"       ? territory::FileFormat::kCsv
                           : format == "geojson" ? territory::FileFormat::kGeoJson
                                                 : territory::GuessFormat(path, text);
  const std::string source = fs::path(path).filename().string();
  auto report = kind == "communes"
                    ? service.ImportCommunes(programme.id, text, file_format, source)
                    : service.ImportExchanges(programme.id, text, file_format, source);
  if (!report) {
    PrintRejected(path, report.error());
    std::cerr << "sohosolo: nothing was imported; the database is unchanged\n";
    return ExitFor(report.error());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  PrintReport(path, kind, *report, programme.slug, seconds);
  return kExitOk;
}

}  // namespace

int ImportFile(territory::Service& service, const http::Programme& programme,
               const std::string& kind, const std::string& path, const std::string& format) {
  const auto started = std::chrono::steady_clock::now();
  int exit_code = kExitOk;
  const auto text = ReadImportFile(path, exit_code);
  if (!text) return exit_code;
  return ImportText(service, programme, kind, path, *text, format, started);
}

int Import(const Config& config, const ImportCommandOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  Progress progress("import " + options.kind, options.progress);
  // A missing or oversized file is refused before the database is even opened.
  int exit_code = kExitOk;
  progress.Phase("reading " + options.path);
  const auto text = ReadImportFile(options.path, exit_code);
  if (!text) return exit_code;
  const auto pool = OpenCommandPool(config.db, Schema::kMigrate, exit_code);
  if (!pool) return exit_code;
  try {
    const auto programme = FindProgramme(*pool, options.programme, exit_code);
    if (!programme) return exit_code;
    progress.Phase(fmt::format("checking and storing {} bytes into programme {} (all or nothing)",
                               text->size(), programme->slug));
    int code = kExitOk;
    if (options.kind == "journeys") {
      code = ImportJourneys(*pool, *programme, options.path, *text);
    } else {
      territory::Service service(*pool);
      code = ImportText(service, *programme, options.kind, options.path, *text, options.format,
                        started);
    }
    if (code == kExitOk) progress.Done();
    return code;
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: import failed, nothing was imported: " << e.what() << "\n";
    return db::IsConnectionFailure(e) ? kExitUnavailable : kExitFailure;
  }
}

}  // namespace sohosolo::app
