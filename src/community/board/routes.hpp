#pragma once

#include "community/board/service.hpp"
#include "http/router.hpp"

namespace sohosolo::community {

/// /api/v1/board: posts, messages, moderation.
void AddBoardApi(http::Router& router, Board& board);
/// /board pages: the list, a post with its messages, the form, the moderation queue.
void AddBoardPages(http::Router& router, Board& board);

}  // namespace sohosolo::community
