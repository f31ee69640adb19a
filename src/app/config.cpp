#include "app/config.hpp"

#include <stdexcept>

namespace sohosolo::app {

std::pair<std::string, unsigned short> ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw std::invalid_argument("--listen wants HOST:PORT, got " + listen);
  std::string host = listen.substr(0, colon);
  if (host.starts_with("[") && host.ends_with("]")) host = host.substr(1, host.size() - 2);
  const auto port_text = listen.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos) {
    throw std::invalid_argument("--listen: bad port in " + listen);
  }
  const int port = std::stoi(port_text);
  if (port > 65535) throw std::invalid_argument("--listen: bad port in " + listen);
  return {host, static_cast<unsigned short>(port)};
}

}  // namespace sohosolo::app
