#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"

namespace sohosolo::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 2;
  std::size_t body_limit = 1024 * 1024;
  std::size_t header_limit = 16 * 1024;
  /// Deadline for reading one whole request (headers and body): a client that trickles bytes
  /// is cut off when it passes. Also how long an idle keep-alive connection is kept.
  std::chrono::seconds read_timeout{15};
  /// How long shutdown waits for requests in flight before it gives up.
  std::chrono::seconds shutdown_grace{20};
};

/// Turns a request into a response, given to `done` (at once, or later from another thread);
/// called on the server's threads.
using RequestHandler =
    std::function<void(std::shared_ptr<Request>, std::function<void(Response)> done)>;
/// Renders an error found before the handler runs (413, 431, 400).
using EarlyErrorHandler = std::function<Response(Request&, int status)>;

/// An asynchronous HTTP/1.1 server on Boost.Beast: keep-alive, limits and timeouts on every
/// read, graceful shutdown on SIGTERM/SIGINT.
class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, EarlyErrorHandler early_error);
  ~Server();

  /// Binds the listening socket; throws std::system_error with the address when it cannot.
  void Listen();
  /// The bound port (useful with port 0).
  unsigned short port() const;
  /// Serves until SIGTERM/SIGINT or Stop(), then finishes requests in flight and returns.
  void Run(const std::function<void()>& on_ready = {});
  /// Starts a graceful stop from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sohosolo::http
