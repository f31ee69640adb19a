#include "territory/communes/store.hpp"

#include <unordered_map>

namespace sohosolo::territory {

namespace {

constexpr const char* kCommuneColumns =
    "code, name, name_folded, population, postcodes, area_km2, centroid_lon, centroid_lat";
constexpr const char* kExchangeColumns = "code, name, lon, lat, lines, technologies, in_territory";
/// Key space of the PostgreSQL advisory locks taken by imports ("terr" in ASCII), plus the
/// programme id; bookings lock account ids, far below it.
constexpr long long kImportLockBase = 0x7465727200000000LL;

/// Row buffers bound once to a statement, copied out per fetched row.
struct CommuneRow {
  CommuneRecord c;
  long long population = 0;
  std::string geometry;
  soci::indicator population_ind = soci::i_null, geometry_ind = soci::i_null;

  void Bind(soci::statement& st, bool with_geometry) {
    st.exchange(soci::into(c.code));
    st.exchange(soci::into(c.name));
    st.exchange(soci::into(c.name_folded));
    st.exchange(soci::into(population, population_ind));
    st.exchange(soci::into(c.postcodes));
    st.exchange(soci::into(c.area_km2));
    st.exchange(soci::into(c.point.lon));
    st.exchange(soci::into(c.point.lat));
    if (with_geometry) st.exchange(soci::into(geometry, geometry_ind));
  }
  CommuneRecord Get() const {
    CommuneRecord out = c;
    if (population_ind == soci::i_ok) out.population = population;
    if (geometry_ind == soci::i_ok) out.geometry = geometry;
    return out;
  }
};

struct ExchangeRow {
  ExchangeRecord e;
  long long lines = 0;
  int in_territory = 0;
  soci::indicator lines_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(e.exchange.code));
    st.exchange(soci::into(e.exchange.name));
    st.exchange(soci::into(e.exchange.lon));
    st.exchange(soci::into(e.exchange.lat));
    st.exchange(soci::into(lines, lines_ind));
    st.exchange(soci::into(e.technologies));
    st.exchange(soci::into(in_territory));
  }
  ExchangeRecord Get() const {
    ExchangeRecord out = e;
    if (lines_ind == soci::i_ok) out.lines = lines;
    out.exchange.in_territory = in_territory != 0;
    return out;
  }
};

/// Runs `text` with the bound `uses`, collecting one record per row through `row`.
template <typename Row, typename Bind, typename... Uses>
auto Fetch(soci::session& sql, const std::string& text, Row& row, Bind bind, Uses&&... uses) {
  soci::statement st(sql);
  (st.exchange(std::forward<Uses>(uses)), ...);
  bind(st);
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute();
  std::vector<decltype(row.Get())> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
}

bool SameCommune(const CommuneRecord& a, const CommuneRecord& b) {
  return a.name == b.name && a.name_folded == b.name_folded && a.population == b.population &&
         a.postcodes == b.postcodes && a.area_km2 == b.area_km2 && a.point.lon == b.point.lon &&
         a.point.lat == b.point.lat && a.geometry == b.geometry;
}

bool SameExchange(const ExchangeRecord& a, const ExchangeRecord& b) {
  return a.exchange.name == b.exchange.name && a.exchange.lon == b.exchange.lon &&
         a.exchange.lat == b.exchange.lat && a.exchange.in_territory == b.exchange.in_territory &&
         a.lines == b.lines && a.technologies == b.technologies;
}

}  // namespace

long long Store::Version() {
  long long version = 0;
  soci::indicator ind = soci::i_ok;
  soci::statement st =
      (lease_.sql().prepare << "SELECT MAX(id) FROM territory_imports WHERE programme_id = :p",
       soci::use(programme_.value), soci::into(version, ind));
  st.execute(true);
  return ind == soci::i_ok ? version : 0;
}

std::vector<CommuneRecord> Store::Communes(bool with_geometry) {
  CommuneRow row;
  const std::string text = std::string("SELECT ") + kCommuneColumns +
                           (with_geometry ? ", geometry" : "") +
                           " FROM communes WHERE programme_id = :p ORDER BY code";
  return Fetch(
      lease_.sql(), text, row, [&](soci::statement& st) { row.Bind(st, with_geometry); },
      soci::use(programme_.value));
}

std::vector<ExchangeRecord> Store::Exchanges() {
  ExchangeRow row;
  const std::string text = std::string("SELECT ") + kExchangeColumns +
                           " FROM exchanges WHERE programme_id = :p ORDER BY code";
  return Fetch(
      lease_.sql(), text, row, [&](soci::statement& st) { row.Bind(st); },
      soci::use(programme_.value));
}

std::vector<CommuneRecord> Store::Search(const std::string& folded, const SearchAfter& after,
                                         int limit) {
  CommuneRow row;
  const std::string pattern = "%" + db::LikeLiteral(folded) + "%";
  const std::string text =
      std::string("SELECT ") + kCommuneColumns +
      " FROM communes WHERE programme_id = :p AND name_folded LIKE :q ESCAPE '\\' AND (name_folded "
      "> :af OR "
      "(name_folded = :af2 AND code > :ac)) ORDER BY name_folded, code LIMIT :n";
  return Fetch(
      lease_.sql(), text, row, [&](soci::statement& st) { row.Bind(st, false); },
      soci::use(programme_.value), soci::use(pattern), soci::use(after.name_folded),
      soci::use(after.name_folded), soci::use(after.code), soci::use(limit));
}

long long Store::CountMatching(const std::string& folded) {
  const std::string pattern = "%" + db::LikeLiteral(folded) + "%";
  long long count = 0;
  soci::statement st =
      (lease_.sql().prepare << "SELECT COUNT(*) FROM communes WHERE programme_id = :p AND "
                               "name_folded LIKE :q ESCAPE '\\'",
       soci::use(programme_.value), soci::use(pattern), soci::into(count));
  st.execute(true);
  return count;
}

UpsertCounts Store::UpsertCommunes(const std::vector<CommuneRecord>& communes, long long now) {
  std::unordered_map<std::string, CommuneRecord> stored;
  for (auto& c : Communes(true)) stored.emplace(c.code, std::move(c));

  // One statement of each kind, prepared once and run per row with the buffers below.
  CommuneRecord r;
  long long population = 0;
  std::string geometry;
  soci::indicator population_ind = soci::i_null, geometry_ind = soci::i_null;
  soci::statement insert =
      (lease_.sql().prepare << "INSERT INTO communes (programme_id, code, name, name_folded, "
                               "population, postcodes, area_km2, centroid_lon, centroid_lat, "
                               "geometry, updated_at) VALUES (:p, :c, :n, :f, :pop, :pc, :a, "
                               ":lon, :lat, :g, :t)",
       soci::use(programme_.value), soci::use(r.code), soci::use(r.name), soci::use(r.name_folded),
       soci::use(population, population_ind), soci::use(r.postcodes), soci::use(r.area_km2),
       soci::use(r.point.lon), soci::use(r.point.lat), soci::use(geometry, geometry_ind),
       soci::use(now));
  soci::statement update =
      (lease_.sql().prepare << "UPDATE communes SET name = :n, name_folded = :f, population = "
                               ":pop, postcodes = :pc, area_km2 = :a, centroid_lon = :lon, "
                               "centroid_lat = :lat, geometry = :g, updated_at = :t WHERE "
                               "programme_id = :p AND code = :c",
       soci::use(r.name), soci::use(r.name_folded), soci::use(population, population_ind),
       soci::use(r.postcodes), soci::use(r.area_km2), soci::use(r.point.lon),
       soci::use(r.point.lat), soci::use(geometry, geometry_ind), soci::use(now),
       soci::use(programme_.value), soci::use(r.code));
  UpsertCounts counts;
  for (const auto& given : communes) {
    r = given;
    const auto it = stored.find(r.code);
    if (it != stored.end() && !r.geometry && it->second.geometry) {
      r.geometry = it->second.geometry;
      r.area_km2 = it->second.area_km2;
      r.point = it->second.point;
    }
    population = r.population.value_or(0);
    population_ind = r.population ? soci::i_ok : soci::i_null;
    geometry = r.geometry.value_or("");
    geometry_ind = r.geometry ? soci::i_ok : soci::i_null;
    if (it == stored.end()) {
      insert.execute(true);
      ++counts.inserted;
    } else if (SameCommune(it->second, r)) {
      ++counts.unchanged;
    } else {
      update.execute(true);
      ++counts.updated;
    }
  }
  return counts;
}

UpsertCounts Store::UpsertExchanges(const std::vector<ExchangeRecord>& exchanges, long long now) {
  std::unordered_map<std::string, ExchangeRecord> stored;
  for (auto& e : Exchanges()) stored.emplace(e.exchange.code, std::move(e));

  ExchangeRecord r;
  long long lines = 0;
  int in_territory = 0;
  soci::indicator lines_ind = soci::i_null;
  soci::statement insert =
      (lease_.sql().prepare << "INSERT INTO exchanges (programme_id, code, name, lon, lat, lines, "
                               "technologies, in_territory, updated_at) VALUES (:p, :c, :n, "
                               ":lon, :lat, :l, :tech, :in, :t)",
       soci::use(programme_.value), soci::use(r.exchange.code), soci::use(r.exchange.name),
       soci::use(r.exchange.lon), soci::use(r.exchange.lat), soci::use(lines, lines_ind),
       soci::use(r.technologies), soci::use(in_territory), soci::use(now));
  soci::statement update =
      (lease_.sql().prepare << "UPDATE exchanges SET name = :n, lon = :lon, lat = :lat, lines = "
                               ":l, technologies = :tech, in_territory = :in, updated_at = :t "
                               "WHERE programme_id = :p AND code = :c",
       soci::use(r.exchange.name), soci::use(r.exchange.lon), soci::use(r.exchange.lat),
       soci::use(lines, lines_ind), soci::use(r.technologies), soci::use(in_territory),
       soci::use(now), soci::use(programme_.value), soci::use(r.exchange.code));
  UpsertCounts counts;
  for (const auto& given : exchanges) {
    r = given;
    lines = r.lines.value_or(0);
    lines_ind = r.lines ? soci::i_ok : soci::i_null;
    in_territory = r.exchange.in_territory ? 1 : 0;
    const auto it = stored.find(r.exchange.code);
    if (it == stored.end()) {
      insert.execute(true);
      ++counts.inserted;
    } else if (SameExchange(it->second, r)) {
      ++counts.unchanged;
    } else {
      update.execute(true);
      ++counts.updated;
    }
  }
  return counts;
}

std::size_t Store::SetInTerritory(const std::vector<Exchange>& exchanges) {
  std::unordered_map<std::string, bool> stored;
  for (const auto& e : Exchanges()) stored.emplace(e.exchange.code, e.exchange.in_territory);
  std::string code;
  int in_territory = 0;
  soci::statement update =
      (lease_.sql().prepare << "UPDATE exchanges SET in_territory = :in WHERE programme_id = :p "
                               "AND code = :c",
       soci::use(in_territory), soci::use(programme_.value), soci::use(code));
  std::size_t changed = 0;
  for (const auto& e : exchanges) {
    const auto it = stored.find(e.code);
    if (it == stored.end() || it->second == e.in_territory) continue;
    code = e.code;
    in_territory = e.in_territory ? 1 : 0;
    update.execute(true);
    ++changed;
  }
  return changed;
}

void Store::RecordImport(const std::string& kind, const std::string& source, std::size_t rows,
                         const UpsertCounts& counts, long long now) {
  const long long read = static_cast<long long>(rows);
  const long long inserted = static_cast<long long>(counts.inserted);
  const long long updated = static_cast<long long>(counts.updated);
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO territory_imports (programme_id, kind, source, rows_read, "
              "inserted, updated, imported_at) VALUES (:p, :k, :s, :r, :i, :u, :t)",
       soci::use(programme_.value), soci::use(kind), soci::use(source), soci::use(read),
       soci::use(inserted), soci::use(updated), soci::use(now));
  st.execute(true);
}

void Store::LockImports() {
  if (lease_.dialect() != db::Dialect::kPostgresql) return;
  const long long key = kImportLockBase + programme_.value;
  soci::statement st = (lease_.sql().prepare << "SELECT pg_advisory_xact_lock(:k)", soci::use(key));
  st.execute(true);
}

std::optional<StoredParameters> Store::Parameters() {
  StoredParameters out;
  soci::indicator ind = soci::i_ok;
  soci::statement st =
      (lease_.sql().prepare << "SELECT document, source, revision, updated_at FROM "
                               "territory_parameters WHERE programme_id = :p",
       soci::use(programme_.value), soci::into(out.document, ind), soci::into(out.source),
       soci::into(out.revision), soci::into(out.updated_at));
  if (!st.execute(true)) return std::nullopt;
  return out;
}

long long Store::ParametersRevision() {
  long long revision = 0;
  soci::indicator ind = soci::i_ok;
  soci::statement st =
      (lease_.sql().prepare << "SELECT revision FROM territory_parameters WHERE programme_id = :p",
       soci::use(programme_.value), soci::into(revision, ind));
  if (!st.execute(true) || ind != soci::i_ok) return 0;
  return revision;
}

void Store::SaveParameters(const std::string& document, const std::string& source, long long now) {
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO territory_parameters (programme_id, document, source, revision, "
              "updated_at) VALUES (:p, :d, :s, 1, :t) ON CONFLICT (programme_id) DO UPDATE SET "
              "document = excluded.document, source = excluded.source, revision = "
              "territory_parameters.revision + 1, updated_at = excluded.updated_at",
       soci::use(programme_.value), soci::use(document), soci::use(source), soci::use(now));
  st.execute(true);
}

}  // namespace sohosolo::territory
