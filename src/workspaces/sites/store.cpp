#include "workspaces/sites/store.hpp"

#include <stdexcept>

#include "core/crypto.hpp"

namespace sohosolo::workspaces {

namespace {

std::vector<long long> Ids(soci::statement& st, long long& id) {
  st.execute();
  std::vector<long long> out;
  while (st.fetch()) out.push_back(id);
  return out;
}

}  // namespace

std::vector<long long> SiteAdminStore::HostedSites(long long account_id) {
  long long id = 0;
  soci::statement st =
      (lease_.sql().prepare << "SELECT site_id FROM site_hosts WHERE programme_id = :p AND "
                               "account_id = :a ORDER BY site_id",
       soci::use(programme_.value), soci::use(account_id), soci::into(id));
  return Ids(st, id);
}

std::vector<long long> SiteAdminStore::HostsOf(long long site_id) {
  long long id = 0;
  soci::statement st =
      (lease_.sql().prepare << "SELECT account_id FROM site_hosts WHERE programme_id = :p AND "
                               "site_id = :s ORDER BY account_id",
       soci::use(programme_.value), soci::use(site_id), soci::into(id));
  return Ids(st, id);
}

void SiteAdminStore::ReplaceHosts(long long site_id, const std::vector<long long>& account_ids,
                                  long long by, core::UnixSeconds now) {
  soci::statement del =
      (lease_.sql().prepare << "DELETE FROM site_hosts WHERE programme_id = :p AND site_id = :s",
       soci::use(programme_.value), soci::use(site_id));
  del.execute(true);
  for (const auto account : account_ids) {
    soci::statement ins =
        (lease_.sql().prepare << "INSERT INTO site_hosts (programme_id, site_id, account_id, "
                                 "assigned_at, assigned_by) VALUES (:p, :s, :a, :t, :b)",
         soci::use(programme_.value), soci::use(site_id), soci::use(account), soci::use(now),
         soci::use(by));
    ins.execute(true);
  }
}

std::optional<SiteAdminStore::StoredPhoto> SiteAdminStore::FindPhoto(long long site_id) {
  StoredPhoto photo;
  std::string encoded;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare
           << "SELECT content_type, data_base64, updated_at FROM site_photos WHERE "
              "programme_id = :p AND site_id = :s",
       soci::use(programme_.value), soci::use(site_id), soci::into(photo.content_type, ind),
       soci::into(encoded), soci::into(photo.updated_at));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  auto bytes = core::FromBase64(encoded);
  if (!bytes) throw std::runtime_error("site_photos: stored photo is not base64");
  photo.bytes = std::move(*bytes);
  return photo;
}

std::optional<core::UnixSeconds> SiteAdminStore::PhotoUpdatedAt(long long site_id) {
  long long at = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (lease_.sql().prepare << "SELECT updated_at FROM site_photos WHERE programme_id = :p AND "
                               "site_id = :s",
       soci::use(programme_.value), soci::use(site_id), soci::into(at, ind));
  st.execute(true);
  if (ind != soci::i_ok) return std::nullopt;
  return at;
}

void SiteAdminStore::SavePhoto(long long site_id, const std::string& content_type,
                               const std::string& bytes, long long by, core::UnixSeconds now) {
  const auto encoded = core::ToBase64(bytes);
  DeletePhoto(site_id);
  int size = static_cast<int>(bytes.size());
  soci::statement st =
      (lease_.sql().prepare
           << "INSERT INTO site_photos (programme_id, site_id, content_type, "
              "data_base64, byte_size, updated_at, updated_by) VALUES (:p, :s, :c, "
              ":d, :n, :t, :b)",
       soci::use(programme_.value), soci::use(site_id), soci::use(content_type), soci::use(encoded),
       soci::use(size), soci::use(now), soci::use(by));
  st.execute(true);
}

bool SiteAdminStore::DeletePhoto(long long site_id) {
  soci::statement st =
      (lease_.sql().prepare << "DELETE FROM site_photos WHERE programme_id = :p AND site_id = :s",
       soci::use(programme_.value), soci::use(site_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void SiteAdminStore::UpdateSite(const Site& site, core::UnixSeconds now) {
  double lat = site.latitude.value_or(0), lon = site.longitude.value_or(0);
  soci::indicator lat_ind = site.latitude ? soci::i_ok : soci::i_null;
  soci::indicator lon_ind = site.longitude ? soci::i_ok : soci::i_null;
  soci::statement st =
      (lease_.sql().prepare
           << "UPDATE sites SET name = :n, kind = :k, commune_code = :c, address = "
              ":a, latitude = :la, longitude = :lo, description = :d, equipment = "
              ":e, contact = :ct, time_zone = :tz, updated_at = :t "
              "WHERE programme_id = :p AND id = :i",
       soci::use(site.name), soci::use(site.kind), soci::use(site.commune_code),
       soci::use(site.address), soci::use(lat, lat_ind), soci::use(lon, lon_ind),
       soci::use(site.description), soci::use(site.equipment), soci::use(site.contact),
       soci::use(site.time_zone), soci::use(now), soci::use(programme_.value), soci::use(site.id));
  st.execute(true);
  soci::statement del =
      (lease_.sql().prepare << "DELETE FROM opening_hours WHERE programme_id = :p AND site_id = :s",
       soci::use(programme_.value), soci::use(site.id));
  del.execute(true);
  for (const auto& h : site.hours) {
    soci::statement ins =
        (lease_.sql().prepare << "INSERT INTO opening_hours (programme_id, site_id, weekday, "
                                 "opens_minute, closes_minute) VALUES (:p, :s, :w, :o, :c)",
         soci::use(programme_.value), soci::use(site.id), soci::use(h.weekday), soci::use(h.opens),
         soci::use(h.closes));
    ins.execute(true);
  }
}

void SiteAdminStore::UpdateResource(const Resource& r) {
  int bookable = r.bookable ? 1 : 0;
  int approval = r.rules.requires_approval ? 1 : 0;
  soci::statement st =
      (lease_.sql().prepare
           << "UPDATE resources SET kind = :k, name = :n, capacity = :c, equipment = "
              ":e, bookable = :b, min_minutes = :mi, max_minutes = :ma, step_minutes "
              "= :st, horizon_days = :h, notice_minutes = :no, buffer_minutes = :bu, "
              "requires_approval = :ap WHERE programme_id = :p AND id = :i",
       soci::use(r.kind), soci::use(r.name), soci::use(r.capacity), soci::use(r.equipment),
       soci::use(bookable), soci::use(r.rules.min_minutes), soci::use(r.rules.max_minutes),
       soci::use(r.rules.step_minutes), soci::use(r.rules.horizon_days),
       soci::use(r.rules.notice_minutes), soci::use(r.rules.buffer_minutes), soci::use(approval),
       soci::use(programme_.value), soci::use(r.id));
  st.execute(true);
}

}  // namespace sohosolo::workspaces
