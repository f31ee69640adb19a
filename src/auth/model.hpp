#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace sohosolo::auth {

/// The roles an account can hold in a programme.
inline bool IsKnownRole(const std::string& role) {
  return role == "member" || role == "site_host" || role == "advisor" || role == "admin";
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
struct Policy {
  long long session_idle_seconds = 2 * 3600;
  long long session_absolute_seconds = 7 * 24 * 3600;
  int max_failures_per_account = 5;
  int max_failures_per_address = 20;
  long long failure_window_seconds = 15 * 60;
  long long invitation_seconds = 7 * 24 * 3600;
  long long reset_seconds = 3600;
  bool secure_cookies = false;
};

}  // namespace sohosolo::auth
