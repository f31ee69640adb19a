#pragma once
// SQL of the members' board, scoped to one programme. Authors' and correspondents' names,
// addresses and languages come from `accounts`, as in the events store (docs/structure.md).

#include <optional>
#include <string>
#include <vector>

#include "community/board/model.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::community {

/// Whom a board mail goes to.
struct Correspondent {
  long long id = 0;
  std::string name;
  std::string email;
  std::string language;
};

class BoardStore {
 public:
  BoardStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}

  long long Insert(const Post& post, core::UnixSeconds now);
  std::optional<Post> Find(long long id);
  /// Published posts not expired at `now`, newest first, optionally of one kind and category.
  std::vector<Post> Published(core::UnixSeconds now, const std::string& kind,
                              const std::string& category, int limit);
  /// Posts waiting for an advisor, oldest first.
  std::vector<Post> Pending(int limit);
  /// Every post of `author_id`, newest first.
  std::vector<Post> ByAuthor(long long author_id, int limit);
  /// pending -> published | rejected; false when it was not pending.
  bool Moderate(long long id, const std::string& state, const std::string& note,
                long long moderator_id, core::UnixSeconds now);
  bool Withdraw(long long id);

  void AddMessage(long long post_id, long long from, long long to, const std::string& body,
                  core::UnixSeconds now);
  /// Messages of a post, oldest first; with `party` not 0, only those `party` sent or received.
  std::vector<BoardMessage> Messages(long long post_id, long long party);
  /// Every message `account_id` sent or received, oldest first (for the account's export).
  std::vector<BoardMessage> MessagesOf(long long account_id);
  /// Messages `account_id` sent since `since`, every post of the programme.
  long long SentSince(long long account_id, core::UnixSeconds since);
  /// True when `account_id` wrote about the post (so its author may answer them).
  bool WroteAbout(long long post_id, long long account_id);
  std::optional<Correspondent> FindCorrespondent(long long account_id);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::community
