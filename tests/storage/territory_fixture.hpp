#pragma once
// What the territory storage tests share: a few communes of the Gers and exchanges as an import
// would store them (small synthetic outlines, not the real data), and a fixture that upserts
// them the way an import does.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "territory/communes/service.hpp"
#include "territory/communes/store.hpp"

namespace sohosolo {

inline constexpr long long kTerritoryNow = 1'900'000'000;

/// Small outlines around Auch and Lectoure, as GeoJSON text the way an import stores it.
inline const std::string kAuchOutline =
    R"({"type":"Polygon","coordinates":[[[0.55,43.62],[0.62,43.62],)"
    R"([0.62,43.68],[0.55,43.68],[0.55,43.62]]]})";
inline const std::string kLectoureOutline =
    R"({"type":"MultiPolygon","coordinates":[[[[0.6,43.9],[0.65,43.9],[0.65,43.95],[0.6,43.9]]],)"
    R"([[[0.66,43.96],[0.67,43.96],[0.67,43.97],[0.66,43.96]]]]})";

/// A commune with its folded name, as the import computes it.
inline territory::CommuneRecord Commune(const std::string& code, const std::string& name,
                                        std::optional<std::int64_t> population = std::nullopt) {
  territory::CommuneRecord c;
  c.code = code;
  c.name = name;
  c.name_folded = territory::FoldForSearch(name);
  c.population = population;
  return c;
}

inline territory::CommuneRecord Auch() {
  auto c = Commune("32013", "Auch", 22'896);
  c.postcodes = "32000";
  c.area_km2 = 72.4817;  // not a round binary fraction: it must still come back equal
  c.point = {0.585716, 43.646554};
  c.geometry = kAuchOutline;
  return c;
}

inline territory::CommuneRecord Lectoure() {
  auto c = Commune("32208", "Lectoure", 3'700);
  c.postcodes = "32700";
  c.area_km2 = 85.93;
  c.point = {0.6234, 43.9343};
  c.geometry = kLectoureOutline;
  return c;
}

/// A commune read from a CSV: a point, no outline, no population.
inline territory::CommuneRecord IsleJourdain() {
  auto c = Commune("32160", "L'Isle-Jourdain");
  c.postcodes = "32600 32601";
  c.area_km2 = 52.1;
  c.point = {1.0821, 43.6136};
  return c;
}

inline territory::ExchangeRecord Exchange(const std::string& code, const std::string& name,
                                          double lon, double lat, std::optional<std::int64_t> lines,
                                          const std::string& technologies, bool in_territory) {
  return {{code, name, lon, lat, in_territory}, lines, technologies};
}

class TerritoryStorage : public Storage {
 protected:
  /// Upserts communes into programme `p` the way an import does: in one write transaction,
  /// imports locked first.
  territory::UpsertCounts Import(core::ProgrammeId p,
                                 const std::vector<territory::CommuneRecord>& communes,
                                 long long now = kTerritoryNow) {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    territory::Store store(lease, p);
    store.LockImports();
    const auto counts = store.UpsertCommunes(communes, now);
    tx.Commit();
    return counts;
  }

  territory::UpsertCounts ImportExchanges(core::ProgrammeId p,
                                          const std::vector<territory::ExchangeRecord>& exchanges) {
    auto lease = pool_->Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    territory::Store store(lease, p);
    store.LockImports();
    const auto counts = store.UpsertExchanges(exchanges, kTerritoryNow);
    tx.Commit();
    return counts;
  }
};

}  // namespace sohosolo
