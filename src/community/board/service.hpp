#pragma once
// The members' board: posts moderated by advisors, with an expiry date; messages between a
// post's author and the members who answer it, relayed by mail without anyone's address. No
// HTTP, no SQL.

#include <string>
#include <vector>

#include "community/board/model.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::community {

struct PostInput {
  std::string kind;
  std::string category;
  std::string title;
  std::string body;
  std::string expires_on;  ///< YYYY-MM-DD (the end of that day in the programme's zone); empty:
                           ///< kDefaultPostDays from now.
  bool demo = false;
};

/// Who asks: an account, and whether it is staff (advisors and admins moderate).
struct BoardViewer {
  long long account_id = 0;
  bool staff = false;
};

/// A post with the messages its viewer may read.
struct PostPage {
  Post post;
  std::vector<BoardMessage> messages;
};

class Board {
 public:
  explicit Board(db::Pool& pool) : pool_(pool) {}

  /// A member's post waits for an advisor; staff's posts are published at once.
  core::Result<Post> Create(core::ProgrammeId p, const BoardViewer& author, const PostInput& in);
  std::vector<Post> Published(core::ProgrammeId p, const std::string& kind,
                              const std::string& category);
  std::vector<Post> Pending(core::ProgrammeId p);
  std::vector<Post> Mine(core::ProgrammeId p, long long account_id);
  /// Every message the account sent or received (for its own data export).
  std::vector<BoardMessage> MessagesOf(core::ProgrammeId p, long long account_id);
  /// The post as `viewer` may see it: published and current for every member; any state for
  /// its author and staff. Messages: all of them for the author, one's own exchange otherwise.
  core::Result<PostPage> Find(core::ProgrammeId p, long long id, const BoardViewer& viewer);
  /// Publishes or rejects a pending post (staff); the author is told by mail.
  core::Result<Post> Moderate(core::ProgrammeId p, long long id, const BoardViewer& moderator,
                              bool publish, const std::string& note);
  core::Status Withdraw(core::ProgrammeId p, long long id, const BoardViewer& viewer);
  /// A message about a post: from a member to its author (`to` ignored), or from the author to
  /// a member who wrote about it (`to`). Mailed to its recipient, with neither address.
  core::Result<BoardMessage> Write(core::ProgrammeId p, long long id, const BoardViewer& from,
                                   long long to, const std::string& body,
                                   const std::string& base_url);

 private:
  db::Pool& pool_;
};

}  // namespace sohosolo::community
