#pragma once
// Newsletters: drafts in Markdown, previews, a test to oneself, sending to a segment now or at a
// set time, progress and retries, the archive, the public's double opt-in and one-click
// unsubscribe. No HTTP, no SQL.

#include <functional>
#include <string>
#include <vector>

#include "community/events/service.hpp"
#include "community/newsletters/model.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"

namespace sohosolo::community {

struct NewsletterInput {
  std::string subject;
  std::string markdown;
  std::string segment_kind = "members";
  std::string segment_value;
  bool is_public = false;
  bool demo = false;
};

/// A newsletter as mail: the text part and the HTML part, for one language of the footer.
struct NewsletterMail {
  std::string text;
  std::string html;
};

class Letters {
 public:
  /// The public address of a programme's links, for newsletters sent by the clock.
  using PublicUrl = std::function<std::string(core::ProgrammeId)>;
  Letters(db::Pool& pool, Club& club) : pool_(pool), club_(club) {}

  core::Result<Newsletter> Create(core::ProgrammeId p, long long author_id,
                                  const NewsletterInput& input);
  /// Changes a draft (or a scheduled one, which stays scheduled). kConflict once sent.
  core::Result<Newsletter> Update(core::ProgrammeId p, long long id, const NewsletterInput& input);
  core::Result<Newsletter> Find(core::ProgrammeId p, long long id);
  /// The archive: sent newsletters (public ones only for visitors), newest first; staff also see
  /// drafts and scheduled ones, first.
  std::vector<Newsletter> Archive(core::ProgrammeId p, bool member, bool staff);
  core::Result<Progress> ProgressOf(core::ProgrammeId p, long long id);

  /// The newsletter as a recipient would read it (unsubscribe link `unsubscribe_url`).
  NewsletterMail Compose(const Newsletter& n, const std::string& lang,
                         const std::string& unsubscribe_url, const std::string& base_url) const;
  /// Sends the newsletter to `email` alone, marked as a test; nothing else changes.
  core::Status TestSend(core::ProgrammeId p, long long id, const std::string& email,
                        const std::string& lang, const std::string& base_url);
  /// Queues one message per recipient of the segment (opt-outs aside, one per address), in one
  /// transaction; kConflict when it was sent already.
  core::Result<Newsletter> Send(core::ProgrammeId p, long long id, const std::string& base_url);
  /// Sends it at `at` (the mail sender's round after that instant); kInvalid for the past or more
  /// than a year ahead.
  core::Result<Newsletter> Schedule(core::ProgrammeId p, long long id, core::UnixSeconds at);
  /// Puts its failed messages back in the queue; returns how many.
  core::Result<long long> RetryFailed(core::ProgrammeId p, long long id);
  /// Sends the scheduled newsletters that are due; returns how many were sent.
  int SendDue(core::UnixSeconds now, const PublicUrl& public_url);

  /// The public's sign-up: a confirmation link by mail (double opt-in). The answer is the same
  /// whether the address is new, pending or confirmed, so it tells nobody who subscribed.
  core::Status Subscribe(core::ProgrammeId p, const std::string& email, const std::string& lang,
                         const std::string& base_url);
  /// Confirms the subscription of a link; kNotFound for an unknown, used or expired one.
  core::Status Confirm(core::ProgrammeId p, const std::string& token);
  /// The address an unsubscribe link is for (shown masked before the one click).
  core::Result<std::string> UnsubscribeAddress(core::ProgrammeId p, const std::string& token);
  /// No more newsletters of the programme for the link's address; kNotFound for an unknown link.
  core::Status Unsubscribe(core::ProgrammeId p, const std::string& token);
  /// A member's own choice, from the archive page.
  bool Receives(core::ProgrammeId p, const std::string& email);
  void SetReceives(core::ProgrammeId p, const std::string& email, bool receives);

 private:
  core::Result<Newsletter> Check(core::ProgrammeId p, const NewsletterInput& input);
  db::Pool& pool_;
  Club& club_;
};

/// The address folded as newsletters compare it.
std::string NewsletterKey(const std::string& email);
/// "i***@example.org": enough for its owner to recognise it.
std::string MaskAddress(const std::string& email);

}  // namespace sohosolo::community
