#include "journeys/amendments/store.hpp"

#include <boost/json.hpp>

#include "db/rows.hpp"
#include "journeys/amendments/model.hpp"

namespace sohosolo::journeys {

namespace {

constexpr const char* kSelect =
    "SELECT journey_id, version, fields, created_by_name, created_at FROM journey_amendments "
    "WHERE journey_id = :j";

struct AmendmentRow {
  Amendment a;
  std::string fields;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(a.journey_id));
    st.exchange(soci::into(a.version));
    st.exchange(soci::into(fields));
    st.exchange(soci::into(a.by_name));
    st.exchange(soci::into(a.created_at));
  }
  Amendment Get() const {
    Amendment out = a;
    std::vector<core::FieldError> ignored;
    const auto parsed = boost::json::parse(fields);
    if (parsed.is_object()) out.fields = AmendmentFieldsOf(parsed.as_object(), ignored);
    return out;
  }
};

}  // namespace

int AmendmentStore::NextVersion(long long journey_id) {
  int latest = 0;
  soci::indicator ind = soci::i_null;
  lease_.sql() << "SELECT MAX(version) FROM journey_amendments WHERE journey_id = :j",
      soci::use(journey_id), soci::into(latest, ind);
  return (ind == soci::i_ok ? latest : 0) + 1;
}

void AmendmentStore::Insert(const Amendment& a, long long by) {
  const std::string fields = boost::json::serialize(AmendmentFieldsJson(a.fields));
  db::NullableId author(by);
  lease_.sql() << "INSERT INTO journey_amendments (journey_id, version, fields, created_by, "
                  "created_by_name, created_at) VALUES (:j, :v, :f, :b, :n, :t)",
      soci::use(a.journey_id), soci::use(a.version), soci::use(fields),
      soci::use(author.id, author.ind), soci::use(a.by_name), soci::use(a.created_at);
}

std::vector<Amendment> AmendmentStore::List(long long journey_id) {
  return db::Fetch<AmendmentRow>(lease_.sql(), std::string(kSelect) + " ORDER BY version DESC",
                                 soci::use(journey_id));
}

std::optional<Amendment> AmendmentStore::Find(long long journey_id, int version) {
  auto rows =
      version == 0
          ? db::Fetch<AmendmentRow>(lease_.sql(),
                                    std::string(kSelect) + " ORDER BY version DESC LIMIT 1",
                                    soci::use(journey_id))
          : db::Fetch<AmendmentRow>(lease_.sql(), std::string(kSelect) + " AND version = :v",
                                    soci::use(journey_id), soci::use(version));
  return db::First(std::move(rows));
}

}  // namespace sohosolo::journeys
