// SQL of the report's input, deletion, anonymisation and the newcomer's account.
#include "db/bulk.hpp"
#include "db/rows.hpp"
#include "journeys/store.hpp"
#include "journeys/store_rows.hpp"

namespace sohosolo::journeys {

using detail::JourneyRow;
using detail::kColumns;
using detail::kFrom;

std::vector<Journey> JourneyStore::All() {
  return db::Fetch<JourneyRow>(
      lease_.sql(),
      std::string("SELECT ") + kColumns + kFrom + " WHERE j.programme_id = :p ORDER BY j.id",
      soci::use(programme_.value));
}

std::vector<StageMoveAt> JourneyStore::StageMoves() {
  std::vector<StageMoveAt> out;
  StageMoveAt m;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT h.journey_id, h.at, h.to_stage FROM journey_history h JOIN "
                        "journeys j ON j.id = h.journey_id WHERE j.programme_id = :p AND "
                        "h.kind = 'stage' ORDER BY h.id",
                        soci::use(programme_.value), soci::into(m.journey_id), soci::into(m.at),
                        soci::into(m.to_stage));
  while (st.fetch()) out.push_back(m);
  return out;
}

bool JourneyStore::Delete(long long id) {
  auto st = db::ExecOnce(lease_.sql(), "DELETE FROM journeys WHERE programme_id = :p AND id = :i",
                         soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() > 0;
}

std::vector<long long> JourneyStore::AbandonedBefore(core::UnixSeconds before) {
  std::vector<long long> out;
  long long id = 0;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT id FROM journeys WHERE programme_id = :p AND stage = "
                        "'abandoned' AND stage_at < :b AND anonymised_at IS NULL ORDER BY id",
                        soci::use(programme_.value), soci::use(before), soci::into(id));
  while (st.fetch()) out.push_back(id);
  return out;
}

void JourneyStore::Anonymise(long long id, core::UnixSeconds now) {
  const std::string name = "#" + std::to_string(id);
  lease_.sql() << "UPDATE journeys SET name = :n, email = '', phone = '', employer = '', "
                  "activity = '', clients_where = '', broadband_needs = '', office_needs = '', "
                  "notes = '', anonymised_at = :t WHERE programme_id = :p AND id = :i",
      soci::use(name), soci::use(now), soci::use(programme_.value), soci::use(id);
  lease_.sql() << "DELETE FROM journey_notes WHERE journey_id = :i", soci::use(id);
  lease_.sql() << "DELETE FROM journey_amendments WHERE journey_id = :i", soci::use(id);
  lease_.sql() << "DELETE FROM journey_documents WHERE journey_id = :i", soci::use(id);
  lease_.sql() << "UPDATE journey_tasks SET title = '' WHERE journey_id = :i", soci::use(id);
  // History details may quote what was changed; stages and dates stay for the funnel.
  lease_.sql()
      << "UPDATE journey_history SET detail = '' WHERE journey_id = :i AND kind <> 'stage'",
      soci::use(id);
}

std::optional<int> JourneyStore::AbandonedYears() {
  int years = 0;
  soci::indicator ind = soci::i_null;
  lease_.sql() << "SELECT abandoned_years FROM journey_settings WHERE programme_id = :p",
      soci::use(programme_.value), soci::into(years, ind);
  return lease_.sql().got_data() && ind == soci::i_ok ? std::optional<int>(years) : std::nullopt;
}

void JourneyStore::SetAbandonedYears(int years) {
  lease_.sql() << "INSERT INTO journey_settings (programme_id, abandoned_years) VALUES (:p, :y) "
                  "ON CONFLICT (programme_id) DO UPDATE SET abandoned_years = "
                  "excluded.abandoned_years",
      soci::use(programme_.value), soci::use(years);
}

std::optional<long long> JourneyStore::AccountOf(long long id) {
  long long account = 0;
  soci::indicator ind = soci::i_null;
  lease_.sql() << "SELECT account_id FROM journeys WHERE programme_id = :p AND id = :i",
      soci::use(programme_.value), soci::use(id), soci::into(account, ind);
  return db::Optional(account, ind);
}

std::optional<long long> JourneyStore::FileOfAccount(long long account_id) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  lease_.sql() << "SELECT MAX(id) FROM journeys WHERE programme_id = :p AND account_id = :a",
      soci::use(programme_.value), soci::use(account_id), soci::into(id, ind);
  return db::Optional(id, ind);
}

void JourneyStore::SetAccount(long long id, long long account_id) {
  lease_.sql() << "UPDATE journeys SET account_id = :a WHERE programme_id = :p AND id = :i",
      soci::use(account_id), soci::use(programme_.value), soci::use(id);
}

}  // namespace sohosolo::journeys
