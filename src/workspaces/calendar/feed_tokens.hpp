#pragma once

#include <string>

#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

/// The secret token of a feed, derived rather than stored: keyed BLAKE2b-256 (libsodium's
/// crypto_generichash with the server secret as key) of the programme, the feed's kind, its owner
/// (account or resource) and its generation, URL-safe base64 without padding (43 characters).
/// The same inputs always give the same token, so the address can be shown again; regenerating
/// bumps the generation, so the old address stops matching. `secret` is 32 bytes or more.
std::string DeriveFeedToken(const std::string& secret, long long programme_id, FeedKind kind,
                            long long owner_id, int generation);

/// A new random server secret (32 bytes, hex), made once per installation and kept in the database.
std::string NewServerSecret();

/// The raw bytes of a hex secret; empty when it is not valid hex of at least 32 bytes.
std::string SecretBytes(const std::string& hex);

}  // namespace sohosolo::workspaces
