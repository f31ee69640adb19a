#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "territory/communes/store.hpp"
#include "territory/villages/edit.hpp"

namespace sohosolo::territory {

/// One telephone exchange at a time, as advisors correct the imported list: add, move, delete.
/// Each change is logged like an import, which bumps the territory's version, so every server's
/// cached connectivity, coverage and map layers are rebuilt at their next request.
class ExchangeEditor {
 public:
  explicit ExchangeEditor(db::Pool& pool) : pool_(pool) {}

  std::vector<ExchangeRecord> List(core::ProgrammeId p);
  /// Fields: code (letters, digits, '-' and '_', up to 32), name, lon, lat. kConflict when the
  /// code exists.
  core::Result<ExchangeRecord> Add(core::ProgrammeId p, const EditInput& input);
  /// Fields: lon and lat (both), name. kNotFound for an unknown code.
  core::Result<ExchangeRecord> Move(core::ProgrammeId p, const std::string& code,
                                    const EditInput& input);
  core::Status Delete(core::ProgrammeId p, const std::string& code);

 private:
  db::Pool& pool_;
};

/// Checks an exchange code: letters, digits, '-' and '_', 1 to 32 characters.
bool IsExchangeCode(const std::string& code);

}  // namespace sohosolo::territory
