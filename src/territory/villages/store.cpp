// VillageStore's villages and what hangs on them (committee, services, listings), and the
// single-exchange edits. The accompaniment requests are in store_requests.cpp.
#include "territory/villages/store.hpp"

#include <string_view>

#include "db/rows.hpp"

namespace sohosolo::territory {

namespace {

struct MemberRow {
  std::string code;
  CommitteeMember m;
  int demo = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(code));
    st.exchange(soci::into(m.id));
    st.exchange(soci::into(m.name));
    st.exchange(soci::into(m.role));
    st.exchange(soci::into(m.contact));
    st.exchange(soci::into(demo));
  }
  CommitteeMember Get() const {
    auto out = m;
    out.is_demo = demo != 0;
    return out;
  }
};

struct ServiceRow {
  std::string code;
  NearbyService s;
  double lon = 0, lat = 0;
  int demo = 0;
  soci::indicator lon_ind = soci::i_null, lat_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(code));
    st.exchange(soci::into(s.id));
    st.exchange(soci::into(s.kind));
    st.exchange(soci::into(s.name));
    st.exchange(soci::into(s.distance_km));
    st.exchange(soci::into(lon, lon_ind));
    st.exchange(soci::into(lat, lat_ind));
    st.exchange(soci::into(demo));
  }
  std::pair<std::string, NearbyService> Get() const {
    auto out = s;
    out.is_demo = demo != 0;
    if (lon_ind == soci::i_ok && lat_ind == soci::i_ok) out.position = LonLat{lon, lat};
    return {code, out};
  }
};

struct ListingRow {
  std::string code;
  Listing l;
  long long price = 0;
  double surface = 0;
  int rooms = 0, available = 0, demo = 0;
  soci::indicator price_ind = soci::i_null, surface_ind = soci::i_null, rooms_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(code));
    st.exchange(soci::into(l.id));
    st.exchange(soci::into(l.kind));
    st.exchange(soci::into(l.title));
    st.exchange(soci::into(l.description));
    st.exchange(soci::into(price, price_ind));
    st.exchange(soci::into(surface, surface_ind));
    st.exchange(soci::into(rooms, rooms_ind));
    st.exchange(soci::into(available));
    st.exchange(soci::into(demo));
  }
  std::pair<std::string, Listing> Get() const {
    auto out = l;
    if (price_ind == soci::i_ok) out.price_eur = price;
    if (surface_ind == soci::i_ok) out.surface_m2 = surface;
    if (rooms_ind == soci::i_ok) out.rooms = rooms;
    out.available = available != 0;
    out.is_demo = demo != 0;
    return {code, out};
  }
};

constexpr const char* kMemberSelect =
    "SELECT commune_code, id, name, role, contact, is_demo FROM village_committee "
    "WHERE programme_id = :p";
constexpr const char* kServiceSelect =
    "SELECT commune_code, id, kind, name, distance_km, lon, lat, is_demo FROM village_services "
    "WHERE programme_id = :p";
constexpr const char* kListingSelect =
    "SELECT commune_code, id, kind, title, description, price_eur, surface_m2, rooms, available, "
    "is_demo FROM village_listings WHERE programme_id = :p";

/// Values with their null indicators, kept alive while a statement runs.
struct ListingValues {
  long long price = 0;
  double surface = 0;
  int rooms = 0, available = 0, demo = 0;
  soci::indicator price_ind, surface_ind, rooms_ind;
  explicit ListingValues(const Listing& l)
      : price(l.price_eur.value_or(0)),
        surface(l.surface_m2.value_or(0)),
        rooms(l.rooms.value_or(0)),
        available(l.available ? 1 : 0),
        demo(l.is_demo ? 1 : 0),
        price_ind(l.price_eur ? soci::i_ok : soci::i_null),
        surface_ind(l.surface_m2 ? soci::i_ok : soci::i_null),
        rooms_ind(l.rooms ? soci::i_ok : soci::i_null) {}
};

struct ServiceValues {
  double lon = 0, lat = 0;
  int demo = 0;
  soci::indicator lon_ind, lat_ind;
  explicit ServiceValues(const NearbyService& s)
      : lon(s.position ? s.position->lon : 0),
        lat(s.position ? s.position->lat : 0),
        demo(s.is_demo ? 1 : 0),
        lon_ind(s.position ? soci::i_ok : soci::i_null),
        lat_ind(s.position ? soci::i_ok : soci::i_null) {}
};

}  // namespace

std::vector<VillageRow> VillageStore::Villages() {
  std::vector<VillageRow> out;
  VillageRow row;
  auto st = db::RunOnce(
      lease_.sql(),
      "SELECT commune_code, role, welcome_committee, services FROM villages "
      "WHERE programme_id = :p AND role IN ('host', 'associated') ORDER BY commune_code",
      soci::use(programme_.value), soci::into(row.code), soci::into(row.role),
      soci::into(row.welcome_committee), soci::into(row.services_json));
  while (st.fetch()) out.push_back(row);
  return out;
}

std::optional<VillageRow> VillageStore::Village(const std::string& code) {
  VillageRow row;
  soci::indicator ind = soci::i_null;
  lease_.sql() << "SELECT commune_code, role, welcome_committee, services FROM villages "
                  "WHERE programme_id = :p AND commune_code = :c",
      soci::use(programme_.value), soci::use(code), soci::into(row.code, ind), soci::into(row.role),
      soci::into(row.welcome_committee), soci::into(row.services_json);
  if (!lease_.sql().got_data()) return std::nullopt;
  return row;
}

bool VillageStore::CommuneExists(const std::string& code) {
  int count = 0;
  lease_.sql() << "SELECT COUNT(*) FROM communes WHERE programme_id = :p AND code = :c",
      soci::use(programme_.value), soci::use(code), soci::into(count);
  return count > 0;
}

void VillageStore::UpsertVillage(const std::string& code, const std::string& role,
                                 const std::optional<std::string>& committee_text,
                                 const std::optional<std::string>& services_json, long long now) {
  // One statement either way, so two advisors creating the same village at once both succeed.
  const std::string committee = committee_text.value_or("");
  const std::string services = services_json.value_or("{}");
  lease_.sql() << "INSERT INTO villages (programme_id, commune_code, role, welcome_committee, "
                  "services, listings, updated_at) VALUES (:p, :c, :r, :w, :s, '[]', :t) "
                  "ON CONFLICT (programme_id, commune_code) DO UPDATE SET role = excluded.role, "
                  "updated_at = excluded.updated_at",
      soci::use(programme_.value), soci::use(code), soci::use(role), soci::use(committee),
      soci::use(services), soci::use(now);
  if (committee_text) {
    lease_.sql() << "UPDATE villages SET welcome_committee = :w WHERE programme_id = :p AND "
                    "commune_code = :c",
        soci::use(committee), soci::use(programme_.value), soci::use(code);
  }
  if (services_json) {
    lease_.sql() << "UPDATE villages SET services = :s WHERE programme_id = :p AND "
                    "commune_code = :c",
        soci::use(services), soci::use(programme_.value), soci::use(code);
  }
}

void VillageStore::EnsureVillage(const std::string& code, long long now) {
  lease_.sql() << "INSERT INTO villages (programme_id, commune_code, role, updated_at) VALUES "
                  "(:p, :c, 'none', :t) ON CONFLICT (programme_id, commune_code) DO NOTHING",
      soci::use(programme_.value), soci::use(code), soci::use(now);
}

std::vector<CommitteeMember> VillageStore::Committee(const std::string& code) {
  MemberRow row;
  return db::FetchRows(lease_.sql(),
                       std::string(kMemberSelect) + " AND commune_code = :c ORDER BY id", row,
                       soci::use(programme_.value), soci::use(code));
}

std::map<std::string, std::vector<NearbyService>> VillageStore::AllServices() {
  ServiceRow row;
  std::map<std::string, std::vector<NearbyService>> out;
  for (auto& [code, s] : db::FetchRows(lease_.sql(), std::string(kServiceSelect) + " ORDER BY id",
                                       row, soci::use(programme_.value)))
    out[code].push_back(std::move(s));
  return out;
}

std::vector<NearbyService> VillageStore::Services(const std::string& code) {
  ServiceRow row;
  std::vector<NearbyService> out;
  for (auto& [c, s] : db::FetchRows(
           lease_.sql(),
           std::string(kServiceSelect) + " AND commune_code = :c ORDER BY kind, distance_km, id",
           row, soci::use(programme_.value), soci::use(code)))
    out.push_back(std::move(s));
  return out;
}

std::vector<Listing> VillageStore::Listings(const std::string& code) {
  ListingRow row;
  std::vector<Listing> out;
  for (auto& [c, l] : db::FetchRows(
           lease_.sql(),
           std::string(kListingSelect) + " AND commune_code = :c ORDER BY available DESC, kind, id",
           row, soci::use(programme_.value), soci::use(code)))
    out.push_back(std::move(l));
  return out;
}

std::map<std::string, std::vector<Listing>> VillageStore::AllAvailableListings() {
  ListingRow row;
  std::map<std::string, std::vector<Listing>> out;
  for (auto& [code, l] :
       db::FetchRows(lease_.sql(), std::string(kListingSelect) + " AND available = 1 ORDER BY id",
                     row, soci::use(programme_.value)))
    out[code].push_back(std::move(l));
  return out;
}

long long VillageStore::InsertMember(const std::string& code, const CommitteeMember& m,
                                     long long now) {
  long long id = 0;
  int demo = m.is_demo ? 1 : 0;
  lease_.sql() << "INSERT INTO village_committee (programme_id, commune_code, name, role, "
                  "contact, is_demo, updated_at) VALUES (:p, :c, :n, :r, :ct, :d, :t) RETURNING id",
      soci::use(programme_.value), soci::use(code), soci::use(m.name), soci::use(m.role),
      soci::use(m.contact), soci::use(demo), soci::use(now), soci::into(id);
  return id;
}

bool VillageStore::UpdateMember(const std::string& code, const CommitteeMember& m, long long now) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE village_committee SET name = :n, role = :r, contact = :ct, "
                         "updated_at = :t WHERE programme_id = :p AND commune_code = :c "
                         "AND id = :id",
                         soci::use(m.name), soci::use(m.role), soci::use(m.contact), soci::use(now),
                         soci::use(programme_.value), soci::use(code), soci::use(m.id));
  return st.get_affected_rows() > 0;
}

long long VillageStore::InsertService(const std::string& code, const NearbyService& s,
                                      long long now) {
  long long id = 0;
  ServiceValues v(s);
  lease_.sql() << "INSERT INTO village_services (programme_id, commune_code, kind, name, "
                  "distance_km, lon, lat, is_demo, updated_at) VALUES (:p, :c, :k, :n, :d, :lo, "
                  ":la, :demo, :t) RETURNING id",
      soci::use(programme_.value), soci::use(code), soci::use(s.kind), soci::use(s.name),
      soci::use(s.distance_km), soci::use(v.lon, v.lon_ind), soci::use(v.lat, v.lat_ind),
      soci::use(v.demo), soci::use(now), soci::into(id);
  return id;
}

bool VillageStore::UpdateService(const std::string& code, const NearbyService& s, long long now) {
  ServiceValues v(s);
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE village_services SET kind = :k, name = :n, distance_km = "
                         ":d, lon = :lo, lat = :la, updated_at = :t WHERE programme_id = "
                         ":p AND commune_code = :c AND id = :id",
                         soci::use(s.kind), soci::use(s.name), soci::use(s.distance_km),
                         soci::use(v.lon, v.lon_ind), soci::use(v.lat, v.lat_ind), soci::use(now),
                         soci::use(programme_.value), soci::use(code), soci::use(s.id));
  return st.get_affected_rows() > 0;
}

long long VillageStore::InsertListing(const std::string& code, const Listing& l, long long now) {
  long long id = 0;
  ListingValues v(l);
  lease_.sql() << "INSERT INTO village_listings (programme_id, commune_code, kind, title, "
                  "description, price_eur, surface_m2, rooms, available, is_demo, updated_at) "
                  "VALUES (:p, :c, :k, :ti, :de, :pr, :su, :ro, :av, :demo, :t) RETURNING id",
      soci::use(programme_.value), soci::use(code), soci::use(l.kind), soci::use(l.title),
      soci::use(l.description), soci::use(v.price, v.price_ind),
      soci::use(v.surface, v.surface_ind), soci::use(v.rooms, v.rooms_ind), soci::use(v.available),
      soci::use(v.demo), soci::use(now), soci::into(id);
  return id;
}

bool VillageStore::UpdateListing(const std::string& code, const Listing& l, long long now) {
  ListingValues v(l);
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE village_listings SET kind = :k, title = :ti, description = "
                         ":de, price_eur = :pr, surface_m2 = :su, rooms = :ro, available = "
                         ":av, updated_at = :t WHERE programme_id = :p AND commune_code = "
                         ":c AND id = :id",
                         soci::use(l.kind), soci::use(l.title), soci::use(l.description),
                         soci::use(v.price, v.price_ind), soci::use(v.surface, v.surface_ind),
                         soci::use(v.rooms, v.rooms_ind), soci::use(v.available), soci::use(now),
                         soci::use(programme_.value), soci::use(code), soci::use(l.id));
  return st.get_affected_rows() > 0;
}

bool VillageStore::DeleteRow(const char* table, const std::string& code, long long id) {
  // `table` comes from the service's fixed list, never from the request.
  auto st = db::ExecOnce(lease_.sql(),
                         std::string("DELETE FROM ") + table +
                             " WHERE programme_id = :p AND commune_code = "
                             ":c AND id = :id",
                         soci::use(programme_.value), soci::use(code), soci::use(id));
  return st.get_affected_rows() > 0;
}

std::optional<ExchangeRecord> VillageStore::Exchange(const std::string& code) {
  for (auto& e : Store(lease_, programme_).Exchanges())
    if (e.exchange.code == code) return e;
  return std::nullopt;
}

bool VillageStore::DeleteExchange(const std::string& code) {
  auto st =
      db::ExecOnce(lease_.sql(), "DELETE FROM exchanges WHERE programme_id = :p AND code = :c",
                   soci::use(programme_.value), soci::use(code));
  return st.get_affected_rows() > 0;
}

}  // namespace sohosolo::territory
