#pragma once
// Reading many rows with SOCI through a row buffer, so that a store names its columns once.

#include <soci/soci.h>

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
  st.prepare(text);
  st.define_and_bind();
  st.execute();
  std::vector<decltype(row.Get())> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
}

}  // namespace sohosolo::db
