#include "http/client_address.hpp"

#include <boost/asio/ip/address.hpp>
#include <optional>

#include "core/text.hpp"

namespace sohosolo::http {

namespace ip = boost::asio::ip;

namespace {

/// An address as the server writes it: IPv4-mapped IPv6 addresses in their IPv4 form.
std::optional<ip::address> ParseAddress(std::string_view text) {
  boost::system::error_code ec;
  auto address = ip::make_address(std::string(core::Trim(text)), ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

}  // namespace

bool TrustedProxies::Add(std::string_view text) {
  const auto slash = text.find('/');
  const auto address = ParseAddress(text.substr(0, slash));
  if (!address) return false;
  const bool v4 = address->is_v4();
  unsigned prefix = v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    prefix = static_cast<unsigned>(std::stoul(std::string(digits)));
    if (prefix > (v4 ? 32u : 128u)) return false;
  }
  if (v4) {
    v4_.push_back(ip::make_network_v4(address->to_v4(), prefix).canonical());
  } else {
    v6_.push_back(ip::make_network_v6(address->to_v6(), prefix).canonical());
  }
  return true;
}

bool TrustedProxies::Contains(std::string_view text) const {
  const auto address = ParseAddress(text);
  if (!address) return false;
  if (address->is_v4()) {
    const ip::network_v4 host(address->to_v4(), 32);
    for (const auto& n : v4_) {
      if (host == n || host.is_subnet_of(n)) return true;
    }
    return false;
  }
  const ip::network_v6 host(address->to_v6(), 128);
  for (const auto& n : v6_) {
    if (host == n || host.is_subnet_of(n)) return true;
  }
  return false;
}

std::string TrustedProxies::ClientOf(const std::string& peer,
                                     std::string_view forwarded_for) const {
  if (empty() || !Contains(peer)) return peer;
  std::string client = peer;
  const auto hops = core::Split(forwarded_for, ',');
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    const auto hop = ParseAddress(*it);
    if (!hop) break;  // Garbage: believe nothing further left.
    client = hop->to_string();
    if (!Contains(client)) break;
  }
  return client;
}

}  // namespace sohosolo::http
