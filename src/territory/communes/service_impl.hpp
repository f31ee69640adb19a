#pragma once

// The inside of Service (service.hpp), shared by the files that implement it question by
// question: service_import.cpp, service_snapshot.cpp (the cached data and the parameters),
// service_search.cpp, service_connectivity.cpp (connectivity, coverage, relays) and
// service_layers.cpp (map layers). Not an API.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "territory/communes/service.hpp"
#include "territory/communes/store.hpp"
#include "territory/connectivity/connectivity.hpp"
#include "territory/connectivity/coverage.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::territory {

// The programme's data, loaded once per import and shared by the requests that follow.
struct Service::Snapshot {
  long long version = 0;
  long long parameters_revision = 0;
  ProgrammeParameters params;           ///< The programme's own, or the embedded defaults.
  std::vector<CommuneRecord> communes;  ///< By code.
  std::unordered_map<std::string, std::size_t> by_code;
  std::vector<ExchangeRecord> exchanges;
  std::vector<Exchange> exchange_models;
  std::size_t without_outline = 0;

  // PROJ and GEOS contexts are not thread-safe: each mutex guards the objects after it.
  std::mutex locator_mutex;
  std::unique_ptr<ExchangeLocator> locator;  ///< Built at the first connectivity question.
  std::mutex territory_mutex;
  std::unique_ptr<Territory> territory;  ///< Built at the first coverage question (~100 ms).
  std::map<std::pair<double, int>, CoverageResult> coverage;
  std::mutex layers_mutex;
  std::optional<std::string> communes_geojson;
  std::optional<std::string> exchanges_geojson;

  const ExchangeLocator& Locator() {
    if (!locator) locator = std::make_unique<ExchangeLocator>(exchange_models);
    return *locator;
  }
  /// Why questions about land (coverage, relays) cannot be answered: kNotFound without communes,
  /// kConflict when some communes have no outline (imported from CSV). Nothing when they can.
  std::optional<core::Error> RefusalForLand() const;
  /// The exact coverage at this threshold and technology: computed at the first such question
  /// (the territory too, at the first of all) and kept. Takes territory_mutex.
  CoverageResult CoverageFor(double threshold_mbps, Technology technology);
};

// Helpers of more than one of Service's files, in their own namespace so that they cannot meet
// other parts' helpers at link time.
namespace communes_internal {

/// Limits the model's parsers do not check: codes and names must fit in a page and a URL.
inline constexpr std::size_t kMaxCodeBytes = 64;
inline constexpr std::size_t kMaxNameBytes = 200;

/// The GeoJSON geometry text stored for a commune's polygons, numbers in their shortest
/// round-trip form (the input's own digits).
std::string GeometryText(const std::vector<Polygon>& polygons);

/// A stored commune as the model takes it. A geometry that no longer parses (the table edited by
/// hand) is an infrastructure fault (std::exception).
Commune ToModel(const CommuneRecord& r);
/// Every stored commune as the model takes it, in the same order.
std::vector<Commune> ToModels(const std::vector<CommuneRecord>& records);

CommuneSummary Summary(const CommuneRecord& r);
CommuneDetails Details(const CommuneRecord& r);

}  // namespace communes_internal

}  // namespace sohosolo::territory
