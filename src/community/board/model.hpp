#pragma once
// The members' board: plain data, no db, no http.

#include <array>
#include <string>

#include "core/time.hpp"

namespace sohosolo::community {

inline constexpr std::array<const char*, 2> kPostKinds = {"offer", "request"};
inline constexpr std::array<const char*, 4> kPostCategories = {"mission", "subcontracting",
                                                               "skills", "equipment"};
inline constexpr std::size_t kMaxPostTitleChars = 120;
inline constexpr std::size_t kMaxPostBodyChars = 4000;
inline constexpr std::size_t kMaxMessageChars = 4000;
/// A post lasts at most this long; without a date, kDefaultPostDays.
inline constexpr int kMaxPostDays = 90;
inline constexpr int kDefaultPostDays = 30;
/// Messages a member may send in an hour, all posts together: the board relays mail, it must
/// not relay a flood.
inline constexpr int kMessagesPerHour = 20;

struct Post {
  long long id = 0;
  long long author_id = 0;
  std::string author_name;
  std::string kind;
  std::string category;
  std::string title;
  std::string body;
  core::UnixSeconds expires_at = 0;
  std::string state;  ///< pending | published | rejected | withdrawn
  std::string moderation_note;
  bool demo = false;
  core::UnixSeconds created_at = 0;
};

struct BoardMessage {
  long long id = 0;
  long long post_id = 0;
  long long from_id = 0;
  std::string from_name;
  long long to_id = 0;
  std::string to_name;
  std::string body;
  core::UnixSeconds created_at = 0;
};

}  // namespace sohosolo::community
