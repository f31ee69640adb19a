#pragma once
// SQL of newsletters, their recipients, the public's subscriptions and opt-outs, scoped to one
// programme. Segments read members' addresses and languages from `accounts` and
// `account_roles`, their profiles and their club seats, as the events store does
// (docs/structure.md, written exceptions).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "community/newsletters/model.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::community {

struct Subscriber {
  long long id = 0;
  std::string email;
  std::string state;  ///< pending | confirmed
  core::UnixSeconds confirm_expires_at = 0;
  std::string language;
};

class NewsletterStore {
 public:
  NewsletterStore(db::Lease& lease, core::ProgrammeId programme)
      : lease_(lease), programme_(programme) {}

  long long Insert(const Newsletter& n, long long author_id, core::UnixSeconds now);
  void Update(const Newsletter& n, core::UnixSeconds now);
  std::optional<Newsletter> Find(long long id);
  /// Sent newsletters, newest first (public ones only when `public_only`), and with
  /// `with_drafts` the drafts and scheduled ones first.
  std::vector<Newsletter> List(bool public_only, bool with_drafts, int limit);
  /// draft/scheduled -> sent (its recipients counted after, SetRecipients); false when it is
  /// not (any more) draft or scheduled.
  bool MarkSent(long long id, core::UnixSeconds now);
  void SetRecipients(long long id, long long recipients);
  /// draft -> scheduled at `at`; false when it is not a draft or scheduled.
  bool Schedule(long long id, core::UnixSeconds at);
  /// Newsletters scheduled at or before `now`, every programme: (programme, id).
  static std::vector<std::pair<long long, long long>> Due(db::Lease& lease, core::UnixSeconds now);

  /// Everyone in the segment, before opt-outs (duplicates possible).
  std::vector<Recipient> Segment(const std::string& kind, const std::string& value);
  std::set<std::string> OptedOut();
  bool IsOptedOut(const std::string& key);
  /// The programme and address of an unsubscribe token's hash.
  static std::optional<std::pair<long long, std::string>> ByUnsubscribeHash(
      db::Lease& lease, const std::string& hash);
  void OptOut(const std::string& key, core::UnixSeconds now);
  void OptIn(const std::string& key);

  std::optional<Subscriber> FindSubscriber(const std::string& key);
  /// A new pending subscription, or a pending one's new link.
  void PutPending(const std::string& email, const std::string& key, const std::string& hash,
                  core::UnixSeconds expires_at, const std::string& language, core::UnixSeconds now);
  /// The subscription whose link's hash is `hash`, if still pending and not expired.
  static std::optional<std::pair<long long, std::string>> PendingByHash(db::Lease& lease,
                                                                        const std::string& hash,
                                                                        core::UnixSeconds now);
  void Confirm(const std::string& key, core::UnixSeconds now);

 private:
  db::Lease& lease_;
  core::ProgrammeId programme_;
};

}  // namespace sohosolo::community
