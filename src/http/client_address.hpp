#pragma once

#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sohosolo::http {

/// The reverse proxies whose X-Forwarded-For the server believes (--trusted-proxy). Without any,
/// the client is the peer of the connection, whatever the request says.
class TrustedProxies {
 public:
  /// Adds "ADDRESS" or "ADDRESS/PREFIX" (IPv4 or IPv6); false when it is neither.
  bool Add(std::string_view text);
  bool Contains(std::string_view address) const;
  bool empty() const { return v4_.empty() && v6_.empty(); }

  /// The client's address: the connection's peer, unless the peer is a trusted proxy; then the
  /// right-most address of X-Forwarded-For that is not a trusted proxy (the left-most entries
  /// are the client's own say and can be forged).
  std::string ClientOf(const std::string& peer, std::string_view forwarded_for) const;

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

}  // namespace sohosolo::http
