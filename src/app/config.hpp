#pragma once

#include <string>
#include <vector>

#include "auth/model.hpp"
#include "workspaces/model.hpp"
#include "http/server.hpp"

namespace sohosolo::app {

/// Everything configurable. Sources, strongest first: command-line flags, the configuration file
/// (--config, TOML/INI), SOHOSOLO_* environment variables, then these defaults.
struct Config {
  std::string db = "sqlite:var/sohosolo.db";
  std::string listen = "127.0.0.1:8080";
  int threads = 0;  ///< 0: one per core.
  bool migrate = false;
  std::string default_programme;  ///< Empty: the first programme created.
  std::string public_url;         ///< Base of links in mails; empty: from the Host header.
  std::string static_dir;         ///< Empty: web/static of the source tree.
  std::size_t body_limit = 1024 * 1024;
  int read_timeout_seconds = 15;
  auth::Policy auth;
  workspaces::Quota quota;
  std::string log_level = "info";
};

/// Splits "HOST:PORT" (or "[v6]:PORT"); throws std::invalid_argument on a bad value.
std::pair<std::string, unsigned short> ParseListen(const std::string& listen);

}  // namespace sohosolo::app
