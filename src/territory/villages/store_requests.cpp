// VillageStore's accompaniment requests: recorded from the public form, listed and handled by
// advisors, and counted per client address to slow down floods.
#include <string>

#include "db/rows.hpp"
#include "territory/villages/store.hpp"

namespace sohosolo::territory {

namespace {

struct RequestRow {
  AccompanimentRequest r;
  long long handled_by = 0, handled_at = 0;
  soci::indicator by_ind = soci::i_null, at_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.commune_code));
    st.exchange(soci::into(r.name));
    st.exchange(soci::into(r.email));
    st.exchange(soci::into(r.phone));
    st.exchange(soci::into(r.message));
    st.exchange(soci::into(r.needs));
    st.exchange(soci::into(r.client_address));
    st.exchange(soci::into(r.status));
    st.exchange(soci::into(handled_by, by_ind));
    st.exchange(soci::into(r.handled_by_name));
    st.exchange(soci::into(handled_at, at_ind));
    st.exchange(soci::into(r.created_at));
  }
  AccompanimentRequest Get() const {
    auto out = r;
    if (by_ind == soci::i_ok) out.handled_by = handled_by;
    if (at_ind == soci::i_ok) out.handled_at = handled_at;
    return out;
  }
};

constexpr const char* kRequestSelect =
    "SELECT id, commune_code, name, email, phone, message, needs, client_address, status, "
    "handled_by, handled_by_name, handled_at, created_at FROM accompaniment_requests WHERE "
    "programme_id = :p";

}  // namespace

long long VillageStore::InsertRequest(const AccompanimentRequest& r) {
  long long id = 0;
  lease_.sql() << "INSERT INTO accompaniment_requests (programme_id, commune_code, name, email, "
                  "phone, message, needs, client_address, created_at) VALUES (:p, :c, :n, :e, "
                  ":ph, :m, :ne, :a, :t) RETURNING id",
      soci::use(programme_.value), soci::use(r.commune_code), soci::use(r.name), soci::use(r.email),
      soci::use(r.phone), soci::use(r.message), soci::use(r.needs), soci::use(r.client_address),
      soci::use(r.created_at), soci::into(id);
  return id;
}

std::vector<AccompanimentRequest> VillageStore::Requests(int limit, long long before_id,
                                                         const std::string& status) {
  RequestRow row;
  if (status.empty())
    return db::FetchRows(lease_.sql(),
                         std::string(kRequestSelect) + " AND id < :b ORDER BY id DESC LIMIT :n",
                         row, soci::use(programme_.value), soci::use(before_id), soci::use(limit));
  return db::FetchRows(
      lease_.sql(),
      std::string(kRequestSelect) + " AND status = :s AND id < :b ORDER BY id DESC LIMIT :n", row,
      soci::use(programme_.value), soci::use(status), soci::use(before_id), soci::use(limit));
}

std::optional<AccompanimentRequest> VillageStore::Request(long long id) {
  RequestRow row;
  auto found = db::FetchRows(lease_.sql(), std::string(kRequestSelect) + " AND id = :id", row,
                             soci::use(programme_.value), soci::use(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

long long VillageStore::CountRequestsFrom(const std::string& address, long long since) {
  long long count = 0;
  lease_.sql() << "SELECT COUNT(*) FROM accompaniment_requests WHERE programme_id = :p AND "
                  "client_address = :a AND created_at >= :s",
      soci::use(programme_.value), soci::use(address), soci::use(since), soci::into(count);
  return count;
}

bool VillageStore::MarkHandled(long long id, long long account_id, const std::string& account_name,
                               long long now) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE accompaniment_requests SET status = 'handled', handled_by = "
                         ":a, handled_by_name = :n, handled_at = :t WHERE programme_id = :p "
                         "AND id = :id AND status = 'new'",
                         soci::use(account_id), soci::use(account_name), soci::use(now),
                         soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() > 0;
}

}  // namespace sohosolo::territory
