#pragma once
// What the community module keeps about an account, for the account's own data export
// (GET /account/export, GET /api/v1/me/export): its profile with whom each field is shown to,
// its club registrations, its board posts and messages, its newsletter choice.

#include <boost/json.hpp>

#include "community/board/service.hpp"
#include "community/events/service.hpp"
#include "community/newsletters/service.hpp"
#include "community/profiles/service.hpp"

namespace sohosolo::community {

struct Modules {
  Directory& directory;
  Club& club;
  Letters& letters;
  Board& board;
};

/// Adds "profile", "club_registrations", "board_posts", "board_messages" and "newsletters" to
/// `out` (which holds the account's own part, "account" with its e-mail and name).
void AddExport(const Modules& modules, core::ProgrammeId p, long long account_id,
               boost::json::object& out);

}  // namespace sohosolo::community
