#pragma once
// Newsletters: plain data, no db, no http.

#include <array>
#include <string>

#include "core/time.hpp"

namespace sohosolo::community {

/// Whom a newsletter goes to (migrations/0015_newsletters.sql says what each one means).
inline constexpr std::array<const char*, 6> kSegments = {"members", "village", "status",
                                                         "skill",   "event",   "subscribers"};

inline constexpr std::size_t kMaxSubjectChars = 150;
inline constexpr std::size_t kMaxMarkdownBytes = 100 * 1024;
/// How long a subscription's confirmation link works.
inline constexpr core::UnixSeconds kConfirmSeconds = 7 * 86400;
/// How far ahead a newsletter may be scheduled.
inline constexpr core::UnixSeconds kMaxScheduleSeconds = 366 * 86400;

struct Newsletter {
  long long id = 0;
  std::string subject;
  std::string markdown;
  std::string segment_kind = "members";
  std::string segment_value;
  bool is_public = false;       ///< In the public archive once sent (else members only).
  std::string state = "draft";  ///< draft | scheduled | sent
  core::UnixSeconds scheduled_at = 0;
  core::UnixSeconds sent_at = 0;
  long long recipients = 0;
  bool demo = false;
  core::UnixSeconds created_at = 0;
  core::UnixSeconds updated_at = 0;

  /// The outbox batch of its messages, for progress and retries.
  std::string Batch() const { return "newsletter-" + std::to_string(id); }
};

/// Someone a newsletter goes to.
struct Recipient {
  std::string email;
  std::string key;  ///< The address folded to lower case: one message per key.
  std::string language = "fr";
};

/// A newsletter's delivery so far (from the outbox).
struct Progress {
  long long recipients = 0;
  long long sent = 0;
  long long failed = 0;
  long long left = 0;
};

}  // namespace sohosolo::community
