#pragma once
// Reading many rows with SOCI through a row buffer, so that a store names its columns once.

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sohosolo::db {

/// Runs `text` with `uses` bound (soci::use values), calling `row.Bind(statement)` once to bind
/// the columns into the buffer, and collects `row.Get()` for every row fetched.
template <typename Row, typename... Uses>
auto FetchRows(soci::session& sql, const std::string& text, Row& row, Uses&&... uses) {
  soci::statement st(sql);
  (st.exchange(std::forward<Uses>(uses)), ...);
  row.Bind(st);
  st.alloc();
  // A one-time query: PostgreSQL runs it in one round trip (PQexecParams) instead of three
  // (PREPARE, EXECUTE, DEALLOCATE when the statement dies); SQLite prepares either way.
  st.prepare(text, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute();
  std::vector<decltype(row.Get())> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
}

/// Runs `text` once with `exchanges` bound (soci::use and soci::into values that outlive the
/// statement): one round trip on PostgreSQL. Call fetch() for each row.
template <typename... Exchanges>
soci::statement RunOnce(soci::session& sql, const std::string& text, Exchanges&&... exchanges) {
  soci::statement st(sql);
  (st.exchange(std::forward<Exchanges>(exchanges)), ...);
  st.alloc();
  st.prepare(text, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute();
  return st;
}

/// Runs `text` once with `exchanges` bound and reads its first row, if any, into the intos: an
/// INSERT, UPDATE or DELETE (get_affected_rows() after), or a SELECT of one row. One round trip
/// on PostgreSQL, where a `prepare <<` statement costs three (PREPARE, EXECUTE, DEALLOCATE).
template <typename... Exchanges>
soci::statement ExecOnce(soci::session& sql, const std::string& text, Exchanges&&... exchanges) {
  soci::statement st(sql);
  (st.exchange(std::forward<Exchanges>(exchanges)), ...);
  st.alloc();
  st.prepare(text, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(true);
  return st;
}

/// FetchRows with a fresh row buffer of type Row: `db::Fetch<BookingRow>(sql, text, uses...)`.
template <typename Row, typename... Uses>
auto Fetch(soci::session& sql, const std::string& text, Uses&&... uses) {
  Row row;
  return FetchRows(sql, text, row, std::forward<Uses>(uses)...);
}

/// The first of the rows found, if any (a lookup by key).
template <typename T>
std::optional<T> First(std::vector<T> found) {
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

/// A nullable column: its value when the indicator says it was not NULL.
template <typename V>
std::optional<V> Optional(const V& value, soci::indicator ind) {
  return ind == soci::i_ok ? std::optional<V>(value) : std::nullopt;
}

/// An account id bound as NULL when there is none (0: the command line, not an account).
struct NullableId {
  long long id;
  soci::indicator ind;
  explicit NullableId(long long account)
      : id(account), ind(account > 0 ? soci::i_ok : soci::i_null) {}
};

}  // namespace sohosolo::db
