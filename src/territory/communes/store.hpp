#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "db/database.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::territory {

/// A commune as stored: the model's fields plus what search and maps need.
struct CommuneRecord {
  std::string code;
  std::string name;
  std::string name_folded;  ///< FoldForSearch(name).
  std::optional<std::int64_t> population;
  std::string postcodes;  ///< Separated by spaces.
  double area_km2 = 0;
  LonLat point;
  std::optional<std::string> geometry;  ///< GeoJSON Polygon or MultiPolygon; none from a CSV.
};

/// An exchange as stored: the model's fields plus the optional line count and technologies.
struct ExchangeRecord {
  Exchange exchange;
  std::optional<std::int64_t> lines;
  std::string technologies;  ///< Separated by spaces.
};

/// How an import changed the stored rows.
struct UpsertCounts {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
};

/// Where a page of a name search starts: after this (folded name, code).
struct SearchAfter {
  std::string name_folded;
  std::string code;
};

/// SQL of the territory module, scoped to one programme.
/// A programme's parameters document as stored.
struct StoredParameters {
  std::string document;
  std::string source;
  long long revision = 0;
  long long updated_at = 0;
};

class Store {
 public:
  Store(db::Lease& lease, core::ProgrammeId programme) : lease_(lease), programme_(programme) {}

  /// The id of the programme's latest import, 0 when none: the version of its territory data.
  long long Version();

  /// Every commune, by code. `with_geometry` false leaves `geometry` empty (cheaper).
  std::vector<CommuneRecord> Communes(bool with_geometry);
  std::vector<ExchangeRecord> Exchanges();

  /// Communes whose folded name contains `folded`, ordered by (folded name, code), at most
  /// `limit` of them, starting after `after`.
  std::vector<CommuneRecord> Search(const std::string& folded, const SearchAfter& after, int limit);
  long long CountMatching(const std::string& folded);

  /// Inserts new codes and updates changed rows. A row given without geometry keeps the stored
  /// geometry, area and point, so a CSV of populations does not erase outlines. Run it inside a
  /// write transaction, after LockImports().
  UpsertCounts UpsertCommunes(const std::vector<CommuneRecord>& communes, long long now);
  UpsertCounts UpsertExchanges(const std::vector<ExchangeRecord>& exchanges, long long now);
  /// Sets `in_territory` of the exchanges whose flag differs; returns how many changed.
  std::size_t SetInTerritory(const std::vector<Exchange>& exchanges);

  /// The programme's own parameters document, if it loaded one.
  std::optional<StoredParameters> Parameters();
  /// Revision of the programme's parameters, 0 when it has none: part of its version.
  long long ParametersRevision();
  /// Stores `document` as the programme's parameters (replacing any), revision + 1.
  void SaveParameters(const std::string& document, const std::string& source, long long now);

  /// Logs a successful import; its id becomes the programme's new Version().
  void RecordImport(const std::string& kind, const std::string& source, std::size_t rows,
                    const UpsertCounts& counts, long long now);
  /// Serialises the imports of one programme until the transaction ends (PostgreSQL advisory
  /// lock; SQLite's BEGIN IMMEDIATE already serialises every writer).
  void LockImports();

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::territory
