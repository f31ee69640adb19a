// The bookings store: calendar feeds (tokens and their bookings) and server secrets.
#include <soci/soci.h>

#include <map>

#include "db/kept.hpp"
#include "db/rows.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/bookings/store_rows.hpp"

namespace sohosolo::workspaces {

using namespace store_rows;  // NOLINT(google-build-using-namespace): this store's own rows

std::vector<Booking> Store::FeedBookings(FeedKind kind, long long owner_id, core::UnixSeconds from,
                                         core::UnixSeconds cancelled_since) {
  return db::Fetch<BookingRow>(
      lease_.sql(),
      std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE programme_id = :p AND " +
          FeedOwnerColumn(kind) +
          " = :o AND start_at >= :f AND (status <> 'cancelled' OR cancelled_at >= "
          ":c) ORDER BY start_at LIMIT 5000",
      soci::use(programme_.value), soci::use(owner_id), soci::use(from),
      soci::use(cancelled_since));
}

std::optional<long long> Store::FeedOwner(FeedKind kind, const std::string& token_hash) {
  long long owner = 0;
  soci::indicator ind = soci::i_null;
  // A member's feed dies with their last role in the programme, like their sessions and tokens.
  const std::string alive = kind == FeedKind::kMember
                                ? " AND EXISTS (SELECT 1 FROM account_roles r WHERE r.programme_id "
                                  "= f.programme_id AND r.account_id = "
                                  "f.account_id)"
                                : "";
  auto st =
      db::ExecOnce(lease_.sql(),
                   std::string("SELECT f.") + FeedOwnerColumn(kind) +
                       " FROM calendar_feeds f WHERE f.programme_id = :p AND "
                       "f.token_hash = :h AND f." +
                       FeedOwnerColumn(kind) + " IS NOT NULL" + alive,
                   soci::use(programme_.value), soci::use(token_hash), soci::into(owner, ind));
  if (ind != soci::i_ok) return std::nullopt;
  return owner;
}

bool Store::ReplaceFeed(FeedKind kind, long long owner_id, const std::string& token_hash,
                        core::UnixSeconds now, long long created_by, int generation) {
  return db::TryWrite(lease_, "feed", db::IsUniqueViolation, [&] {
    auto del = db::ExecOnce(lease_.sql(),
                            std::string("DELETE FROM calendar_feeds WHERE programme_id = :p AND ") +
                                FeedOwnerColumn(kind) + " = :o",
                            soci::use(programme_.value), soci::use(owner_id));
    auto ins = db::ExecOnce(lease_.sql(),
                            std::string("INSERT INTO calendar_feeds (programme_id, ") +
                                FeedOwnerColumn(kind) +
                                ", token_hash, created_at, created_by, generation) VALUES (:p, "
                                ":o, :h, :t, :b, :g)",
                            soci::use(programme_.value), soci::use(owner_id), soci::use(token_hash),
                            soci::use(now), soci::use(created_by), soci::use(generation));
  });
}

namespace {

struct FeedStateRow {
  Store::FeedState state;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(state.generation));
    st.exchange(soci::into(state.token_hash));
    st.exchange(soci::into(state.created_at));
  }
  Store::FeedState Get() const { return state; }
};

}  // namespace

std::optional<Store::FeedState> Store::FeedStateOf(FeedKind kind, long long owner_id) {
  // Kept per connection: the account page and /api/v1/me show the member's feed on every visit.
  return db::First(db::FetchKept<FeedStateRow>(
      lease_,
      std::string("SELECT generation, token_hash, created_at FROM calendar_feeds WHERE "
                  "programme_id = :p AND ") +
          FeedOwnerColumn(kind) + " = :o",
      programme_.value, owner_id));
}

std::optional<std::string> Store::ServerSecret(const std::string& name) {
  std::string value;
  soci::indicator ind = soci::i_null;
  auto st = db::ExecOnce(lease_.sql(), "SELECT value FROM server_secrets WHERE name = :n",
                         soci::use(name), soci::into(value, ind));
  if (ind != soci::i_ok) return std::nullopt;
  return value;
}

void Store::AddServerSecret(const std::string& name, const std::string& value) {
  // Two servers starting at once on one database: the first secret written wins, the other
  // insert does nothing, and both then read the same one.
  const long long now = core::Now();
  db::ExecOnce(lease_.sql(),
               "INSERT INTO server_secrets (name, value, created_at) VALUES (:n, :v, "
               ":t) ON CONFLICT (name) DO NOTHING",
               soci::use(name), soci::use(value), soci::use(now));
}

}  // namespace sohosolo::workspaces
