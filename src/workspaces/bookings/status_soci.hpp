#pragma once
// A booking's status read from and written to the database as its word ("confirmed", ...), so
// that stores bind `booking.status` like any other column. An unknown word in the table is an
// error (the CHECK constraint keeps them out).

#include <soci/soci.h>

#include <string>

#include "workspaces/model.hpp"

namespace soci {

template <>
struct type_conversion<sohosolo::workspaces::BookingStatus> {
  using base_type = std::string;
  static void from_base(const std::string& word, indicator ind,
                        sohosolo::workspaces::BookingStatus& out) {
    const auto status = sohosolo::workspaces::ParseBookingStatus(word);
    if (ind == i_null || !status) throw soci_error("unknown booking status '" + word + "'");
    out = *status;
  }
  static void to_base(const sohosolo::workspaces::BookingStatus& status, std::string& out,
                      indicator& ind) {
    out = std::string(sohosolo::workspaces::StatusName(status));
    ind = i_ok;
  }
};

}  // namespace soci
