#pragma once
// Statements prepared once per connection and run again with new values: for the reads on hot
// paths (every page, every availability query). SQLite then parses and plans a statement once
// instead of on every request, and PostgreSQL runs an EXECUTE of a statement it already holds.

#include <soci/soci.h>

#include <string>
#include <tuple>
#include <typeinfo>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace sohosolo::db {

/// A SELECT prepared on one connection with its own parameter values and row buffer (a Row as
/// for db::Fetch: Bind(statement) once, Get() per row). Each Run reads every row, so that a
/// SQLite statement never stays open on a row (which would keep its read snapshot).
template <typename Row, typename... Params>
class KeptQuery {
 public:
  KeptQuery(soci::session& sql, const std::string& text) : st_(sql) {
    std::apply([this](auto&... p) { (st_.exchange(soci::use(p)), ...); }, params_);
    row_.Bind(st_);
    st_.alloc();
    st_.prepare(text);
    st_.define_and_bind();
  }
  KeptQuery(const KeptQuery&) = delete;
  KeptQuery& operator=(const KeptQuery&) = delete;

  auto Run(const Params&... values) {
    params_ = std::tuple<Params...>(values...);
    std::vector<decltype(row_.Get())> out;
    st_.execute();
    while (st_.fetch()) out.push_back(row_.Get());
    return out;
  }

 private:
  std::tuple<Params...> params_;
  Row row_;
  soci::statement st_;
};

/// One number (a COUNT, a flag) as a row of FetchKept.
struct CountRow {
  long long n = 0;
  void Bind(soci::statement& st) { st.exchange(soci::into(n)); }
  long long Get() const { return n; }
};

/// db::Fetch through a statement kept on the lease's connection: the first call on a connection
/// prepares `text`, later calls with the same text and types run it again. `text` must be the
/// same for the same call site (no values spliced in: bind them).
template <typename Row, typename... Params>
auto FetchKept(Lease& lease, const std::string& text, const Params&... values) {
  using Query = KeptQuery<Row, Params...>;
  // The type is part of the key, so that one text used with two row types cannot mix them.
  const std::string key = std::string(typeid(Query).name()) + '\n' + text;
  auto& query = lease.Keep<Query>(key, text);
  try {
    return query.Run(values...);
  } catch (...) {
    // SQLite: a statement that failed is prepared again next time. PostgreSQL: the server's
    // statement is still good after an error, and forgetting it here would send its DEALLOCATE
    // inside the failed transaction, which the server refuses (25P02) and SOCI ignores: one more
    // statement left on the server for the connection's life at every refused booking.
    if (lease.dialect() == Dialect::kSqlite) lease.Forget(key);
    throw;
  }
}

}  // namespace sohosolo::db
