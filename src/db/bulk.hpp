#pragma once
// Statements whose placeholders are counted at run time: values bound in the order their
// placeholders appear (SOCI binds by position), and INSERTs of many rows per statement (one
// round trip for hundreds of rows on PostgreSQL, where a row per statement costs one each).

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace sohosolo::db {

/// Values for a statement built at run time, bound in order.
class Params {
 public:
  void Text(std::string value) {
    texts_.push_back(std::move(value));
    auto* bound = &texts_.back();
    order_.push_back([bound](soci::statement& st) { st.exchange(soci::use(*bound)); });
  }
  void Int(long long value) {
    ints_.push_back(value);
    auto* bound = &ints_.back();
    order_.push_back([bound](soci::statement& st) { st.exchange(soci::use(*bound)); });
  }
  void BindTo(soci::statement& st) const {
    for (const auto& bind : order_) bind(st);
  }
  std::size_t size() const { return order_.size(); }
  void Clear() {
    texts_.clear();
    ints_.clear();
    order_.clear();
  }

 private:
  std::deque<std::string> texts_;  // deques: what is bound never moves
  std::deque<long long> ints_;
  std::vector<std::function<void(soci::statement&)>> order_;
};

/// A statement built at run time, `params` bound and its columns bound into `row`, executed:
/// fetch() it and read `row` (db::Fetch for statements whose placeholders are counted at run
/// time).
template <typename Row>
soci::statement Prepared(soci::session& sql, const std::string& text, const Params& params,
                         Row& row) {
  soci::statement st(sql);
  params.BindTo(st);
  row.Bind(st);
  st.alloc();
  st.prepare(text, soci::details::st_one_time_query);  // one round trip on PostgreSQL (rows.hpp)
  st.define_and_bind();
  st.execute();
  return st;
}

/// Every row of a statement built at run time, as `Row::Get` gives them.
template <typename Row>
auto FetchAll(soci::session& sql, const std::string& text, const Params& params) {
  Row row;
  auto st = Prepared(sql, text, params, row);
  std::vector<decltype(row.Get())> out;
  while (st.fetch()) out.push_back(row.Get());
  return out;
}

/// Rows for one table, sent `rows_per_statement` at a time as one multi-row INSERT, in the
/// caller's transaction. Give each row's values in the columns' order, then EndRow; Flush sends
/// what is left (the destructor does not: a flush may fail, and must fail in the transaction).
class BulkInsert {
 public:
  BulkInsert(Lease& lease, std::string table, std::vector<std::string> columns,
             int rows_per_statement = 500)
      : lease_(lease),
        table_(std::move(table)),
        columns_(std::move(columns)),
        per_statement_(rows_per_statement) {}

  BulkInsert& Text(std::string value) {
    params_.Text(std::move(value));
    return *this;
  }
  BulkInsert& Int(long long value) {
    params_.Int(value);
    return *this;
  }
  void EndRow() {
    if (++rows_ >= per_statement_) Flush();
  }
  void Flush() {
    if (rows_ == 0) return;
    // Every placeholder its own name: SQLite binds one name once, wherever it appears.
    std::string sql = "INSERT INTO " + table_ + " (";
    for (std::size_t i = 0; i < columns_.size(); ++i) sql += (i ? ", " : "") + columns_[i];
    sql += ") VALUES ";
    for (int r = 0; r < rows_; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t i = 0; i < columns_.size(); ++i)
        sql += (i ? ", :v" : ":v") + std::to_string(r) + "_" + std::to_string(i);
      sql += ")";
    }
    soci::statement st(lease_.sql());
    params_.BindTo(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(true);
    params_.Clear();
    rows_ = 0;
  }

 private:
  Lease& lease_;
  std::string table_;
  std::vector<std::string> columns_;
  int per_statement_;
  int rows_ = 0;
  Params params_;
};

}  // namespace sohosolo::db
