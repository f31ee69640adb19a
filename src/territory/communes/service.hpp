#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "db/database.hpp"
#include "territory/connectivity/coverage.hpp"
#include "territory/geo/model.hpp"
#include "territory/wifi/wifi.hpp"

namespace sohosolo::territory {

/// Imports refuse larger inputs before reading them: the IGN communes of all of France as
/// simplified GeoJSON weigh about 30 MB.
inline constexpr std::size_t kMaxImportBytes = 50u * 1024 * 1024;

/// A parameters document is a few kB; refuse anything that cannot be one before parsing it.
inline constexpr std::size_t kMaxParametersBytes = 1024 * 1024;

enum class FileFormat { kGeoJson, kCsv };

/// The format of a file: by extension (.geojson, .json / .csv), else by its first character.
FileFormat GuessFormat(std::string_view path, std::string_view text);

using core::FoldForSearch;  // core/text.hpp

/// What an import did.
struct ImportReport {
  std::size_t rows = 0;
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  /// Exchanges of the programme inside and outside its communes' outline after the import
  /// (both 0 when there is no outline to tell).
  std::size_t exchanges_inside = 0;
  std::size_t exchanges_outside = 0;
  bool has_outline = false;
};

struct CommuneSummary {
  std::string code;
  std::string name;
  std::optional<std::int64_t> population;
};

/// One page of a name search.
struct CommunePage {
  std::vector<CommuneSummary> items;
  std::optional<std::string> next_cursor;  ///< Absent on the last page.
  long long total = 0;                     ///< Matches over all pages.
};

struct CommuneDetails {
  CommuneSummary summary;
  std::vector<std::string> postcodes;
  double area_km2 = 0;
  LonLat point;
  bool has_outline = false;
};

/// The expected connection at a commune's representative point.
struct CommuneConnectivity {
  CommuneDetails commune;
  ConnectivityEstimate estimate;
};

struct CoverageQuery {
  double threshold_mbps = 2;
  Technology technology = Technology::kAdsl2Plus;
  double too_far_share = 0.5;  ///< List communes covered below this share.
};

struct CoverageAnswer {
  CoverageResult result;
  std::vector<CommuneCoverage> too_far;  ///< By uncovered population, largest first.
  double too_far_share = 0;
  std::size_t exchanges = 0;
  std::size_t exchanges_inside = 0;
  /// The exchange list is known to be partial: every share is a lower bound.
  bool exchanges_partial = false;
};

/// Communes and exchanges of a programme, the connectivity model applied to them, and their
/// imports. No HTTP, no SQL. Thread-safe: one instance serves every request.
class Service {
 public:
  explicit Service(db::Pool& pool);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  /// Validates every row of `text` and, only if all are valid, upserts them by code in one
  /// transaction, refreshes which exchanges lie inside the outline, and logs the import. Errors:
  /// kTooLarge (over kMaxImportBytes), kMalformed or kInvalid with one field error per rejected
  /// row ("feature N (code)" / "line N: column"); the database is then untouched. `source`
  /// names the file in the import log.
  core::Result<ImportReport> ImportCommunes(core::ProgrammeId p, std::string_view text,
                                            FileFormat format, const std::string& source);
  core::Result<ImportReport> ImportExchanges(core::ProgrammeId p, std::string_view text,
                                             FileFormat format, const std::string& source);

  /// Validates a parameters document (ParseProgrammeParametersJson) and, only if valid, makes it
  /// the programme's parameters: every later answer uses them and names `source` and the
  /// revision as their origin. kTooLarge over kMaxParametersBytes; kMalformed or kInvalid with
  /// field errors otherwise, the stored parameters then unchanged. Returns them as now in force.
  core::Result<ProgrammeParameters> ImportParameters(core::ProgrammeId p, std::string_view text,
                                                     const std::string& source);
  /// The parameters in force for the programme: its own, or the embedded defaults.
  ProgrammeParameters Parameters(core::ProgrammeId p);

  /// Communes whose name contains `query` (accents, case and punctuation ignored), by name.
  /// `cursor` is a page's `next_cursor`, `limit` 1 to 100. kInvalid for a bad cursor or limit.
  core::Result<CommunePage> SearchCommunes(core::ProgrammeId p, std::string_view query,
                                           std::string_view cursor, int limit);
  core::Result<CommuneDetails> GetCommune(core::ProgrammeId p, const std::string& code);
  /// The nearest exchange to the commune's representative point (inside the territory or not)
  /// and the ADSL model's answer with the programme's parameters. kNotFound for an unknown code or
  /// when the programme has no exchange.
  core::Result<CommuneConnectivity> Connectivity(core::ProgrammeId p, const std::string& code);
  /// Exact coverage of the programme's communes with its parameters, reported against the
  /// computed area and, when the programme set one, against its official area. kInvalid for a
  /// threshold outside (0, 1000] or a share outside [0, 1]; kNotFound without communes; kConflict
  /// when some communes have no outline (imported from CSV).
  core::Result<CoverageAnswer> Coverage(core::ProgrammeId p, const CoverageQuery& query);

  /// A WiFi relay plan (wifi.hpp) for the programme's communes and exchanges with the
  /// programme's ADSL parameters. Errors: kInvalid (ValidateWifiOptions's field errors), then as
  /// Coverage.
  core::Result<WifiPlan> PlanWifi(core::ProgrammeId p, const WifiPlanOptions& options);

  /// Map layers as GeoJSON FeatureCollections (WGS84). Communes carry code, nom, population,
  /// area_km2 and, when there are exchanges, the expected ADSL2+ rate and class at their point.
  std::string CommunesGeoJson(core::ProgrammeId p);
  std::string ExchangesGeoJson(core::ProgrammeId p);

 private:
  struct Snapshot;
  /// The programme's data as of its latest import, loaded once per import.
  std::shared_ptr<Snapshot> Current(core::ProgrammeId p);

  db::Pool& pool_;
  std::mutex cache_mutex_;  ///< Guards cache_.
  std::mutex load_mutex_;   ///< One snapshot load at a time, so a burst of requests loads once.
  std::map<long long, std::shared_ptr<Snapshot>> cache_;
};

}  // namespace sohosolo::territory
