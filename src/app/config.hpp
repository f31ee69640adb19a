#pragma once

#include <string>
#include <vector>

#include "auth/model.hpp"
#include "http/server.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::app {

/// Everything configurable. Sources, strongest first: command-line flags, the configuration file
/// (--config, TOML/INI), SOHOSOLO_* environment variables, then these defaults.
struct Config {
  std::string db = "sqlite:var/sohosolo.db";
  std::string listen = "127.0.0.1:8080";
  int threads = 0;  ///< 0: two per core, at most 32.
  bool migrate = false;
  std::string default_programme;  ///< Empty: the first programme created.
  /// Public address of the programmes that have none of their own (`programme set
  /// --public-url`); empty: the address the server listens on. Never a request's Host header.
  std::string public_url;
  std::string static_dir;  ///< Empty: web/static of the source tree.
  std::size_t body_limit = 1024 * 1024;
  int read_timeout_seconds = 15;
  auth::Policy auth;
  workspaces::Quota quota;
  /// How long an availability answer read from the database may be reused by this process, in
  /// milliseconds, while it commits nothing (another process's writes show within that time);
  /// 0: never reused, every question reads the database.
  int kept_availability_ms = 1000;
  std::string log_level = "info";
  int access_log_interval_ms = 100;  ///< How long access-log lines may wait to be written.
  std::string metrics_token;         ///< Bearer token of /metrics; empty: /metrics is not served.
  /// Reverse proxies (addresses or networks) whose X-Forwarded-For header names the client.
  std::vector<std::string> trusted_proxies;
  /// Heavy routes (coverage, WiFi plans, the finder): threads, queued jobs beyond which 503, and
  /// how many an anonymous client address may start per minute.
  int heavy_workers = 2;
  std::size_t heavy_queue = 32;
  double heavy_per_minute = 20;
  /// Mail: the SMTP server ("smtp://HOST:PORT", "smtps://HOST:PORT" for implicit TLS,
  /// "?starttls=required"), the sender ("Name <address>"), a file with the SMTP password. Without
  /// an SMTP server messages wait in the outbox.
  std::string smtp_url;
  std::string mail_from;
  std::string smtp_password_file;
  int mail_interval_seconds = 10;  ///< How often serve's sender looks for due messages.
  double mail_per_second = 0;      ///< Rate limit of the sender; 0: none.
  int mail_connections = 2;        ///< SMTP connections the sender uses at once.
};

/// Splits "HOST:PORT" (or "[v6]:PORT"); throws std::invalid_argument on a bad value.
std::pair<std::string, unsigned short> ParseListen(const std::string& listen);

}  // namespace sohosolo::app
