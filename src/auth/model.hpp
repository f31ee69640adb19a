#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace sohosolo::auth {

/// Attempts of some kind (failed logins, reset requests) within a window.
struct Attempts {
  int count = 0;
  core::UnixSeconds oldest = 0;
  core::UnixSeconds latest = 0;
};

/// The roles an account can hold in a programme.
inline bool IsKnownRole(const std::string& role) {
  return role == "member" || role == "site_host" || role == "advisor" || role == "admin" ||
         role == "committee" || role == "newcomer";
}

struct AccountRow {
  long long id = 0;
  std::string email;
  std::string display_name;
  std::string language;
  std::string password_hash;
  core::UnixSeconds created_at = 0;
};

struct SessionRow {
  long long account_id = 0;
  std::string csrf_token;
  core::UnixSeconds created_at = 0;
  core::UnixSeconds last_seen_at = 0;
};

struct TokenRow {
  long long id = 0;
  std::string name;
  core::UnixSeconds created_at = 0;
  std::optional<core::UnixSeconds> last_used_at;
};

enum class LinkPurpose { kInvitation, kPasswordReset };

struct LinkRow {
  long long id = 0;
  long long account_id = 0;
  std::string purpose;
  core::UnixSeconds expires_at = 0;
  bool used = false;
};

/// An account of this programme with its roles, for the people page.
struct Person {
  AccountRow account;
  std::vector<std::string> roles;
  bool has_password = false;
};

/// Session and throttling settings, from the configuration.
///
/// Failed logins slow down rather than lock: once an account has `free_failures_per_account`
/// failures within the window, the next attempt waits `first_account_delay_seconds` after the
/// latest failure, and each further failure doubles the wait, up to `max_account_delay_seconds`.
/// The same per client address, with a shorter wait, because a village's shared connection or a
/// proxy puts many people behind one address. The owner of an account can always reset its
/// password, which clears its failures.
struct Policy {
  long long session_idle_seconds = 2 * 3600;
  long long session_absolute_seconds = 7 * 24 * 3600;
  int free_failures_per_account = 5;
  long long first_account_delay_seconds = 30;
  long long max_account_delay_seconds = 15 * 60;
  int free_failures_per_address = 30;
  long long first_address_delay_seconds = 5;
  long long max_address_delay_seconds = 60;
  long long failure_window_seconds = 15 * 60;
  /// Password-reset requests per e-mail address and per client address within the hour.
  int resets_per_email_per_hour = 3;
  int resets_per_address_per_hour = 10;
  long long invitation_seconds = 7 * 24 * 3600;
  long long reset_seconds = 3600;
  bool secure_cookies = false;
};

}  // namespace sohosolo::auth
