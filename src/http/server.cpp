#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "http/wire.hpp"

namespace sohosolo::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

/// A connection's executor: a strand named by its type, not asio::any_io_executor, whose copies
/// and indirect calls cost every completion (GET /account +3 %, GET / +1 %: bench/README.md).
using Strand = asio::strand<asio::io_context::executor_type>;
using Socket = tcp::socket::rebind_executor<Strand>::other;
using Stream = beast::basic_stream<tcp, Strand, beast::unlimited_rate_policy>;
using Clock = std::chrono::steady_clock;

class Connection;

/// What connections need from the server, shared so that connections may outlive Run().
struct Shared {
  ServerOptions options;
  RequestHandler handler;
  EarlyErrorHandler early_error;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> connections;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Socket socket, std::shared_ptr<Shared> shared)
      : stream_(std::move(socket)), shared_(std::move(shared)) {}

  void Start() {
    {
      std::lock_guard lock(shared_->mutex);
      shared_->connections.insert(weak_from_this());
    }
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  /// Whether the read or write under way is past its deadline (Expire).
  bool Late(Clock::time_point now) const {
    const auto deadline = deadline_.load();
    return deadline != 0 && deadline <= now.time_since_epoch().count();
  }

  /// Closes the connection if still late on its strand: the read or write under way ends with
  /// operation_aborted, and its handler lets the connection go.
  void CloseIfLate() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->Late(Clock::now())) return;
      self->deadline_ = 0;
      self->busy_ = false;
      self->stream_.close();
    });
  }

  /// Called at shutdown: an idle connection is closed now; a busy one closes after its reply.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

  ~Connection() {
    std::lock_guard lock(shared_->mutex);
    shared_->connections.erase(weak_from_this());
  }

 private:
  void Read() {
    if (shared_->stopping) return Close();
    parser_.emplace();
    parser_->body_limit(shared_->options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(shared_->options.header_limit));
    Expire(shared_->options.read_timeout);
    busy_ = false;
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    busy_ = true;
    deadline_ = 0;  // a request being answered has no deadline; its answer's write has one
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::bad_descriptor) {
      return Close();
    }
    // Read whole just as the sweeper closed it (its close was queued first): too late, as a
    // timeout would have been; not answered, so not acted on either.
    if (!ec && !stream_.socket().is_open()) return Close();
    if (ec == bhttp::error::body_limit) return RespondEarly(413);
    if (ec == bhttp::error::header_limit) return RespondEarly(431);
    if (ec) return RespondEarly(400);
    Handle(parser_->release());
  }

  Request Convert(const bhttp::request<bhttp::string_body>& in) {
    Request req;
    req.method = std::string(in.method_string());
    req.target = std::string(in.target());
    for (const auto& field : in)
      req.headers[std::string(field.name_string())] = std::string(field.value());
    req.body = in.body();
    // A connection's peer never changes: asked of the kernel once, not on every request.
    if (!peer_known_) {
      beast::error_code ec;
      const auto endpoint = stream_.socket().remote_endpoint(ec);
      if (!ec) {
        peer_ = endpoint.address().to_string();
        peer_known_ = true;
      }
    }
    req.client_address = peer_;
    return req;
  }

  void Handle(bhttp::request<bhttp::string_body> in) {
    auto req = std::make_shared<Request>(Convert(in));
    const bool head = in.method() == bhttp::verb::head;
    const auto version = in.version();
    const bool keep_alive = in.keep_alive();
    // The answer may come from a worker thread (heavy routes): back to this connection's strand.
    shared_->handler(req, [self = shared_from_this(), head, version,
                           keep_alive](Response response) {
      asio::dispatch(self->stream_.get_executor(), [self, head, version, keep_alive,
                                                    r = std::move(response)]() mutable {
        self->Write(ToWire(std::move(r), version, keep_alive && !self->shared_->stopping, head));
      });
    });
  }

  void RespondEarly(int status) {
    Request req;
    if (parser_ && (parser_->is_header_done() || status == 413)) {
      const auto& header = parser_->get();
      req.method = std::string(header.method_string());
      req.target = std::string(header.target());
      for (const auto& field : header)
        req.headers[std::string(field.name_string())] = std::string(field.value());
      req.ParseTarget();
    } else if (parser_ && !parser_->get().target().empty()) {
      // The header is too large, but its start line was read already: enough to know the
      // target, so that an API client gets a problem document.
      req.method = std::string(parser_->get().method_string());
      req.target = std::string(parser_->get().target());
      req.ParseTarget();
    } else {
      // Not even the start line fitted: what was read of it tells whether it was for the API.
      const auto bytes = buffer_.data();
      const std::string_view data(static_cast<const char*>(bytes.data()),
                                  std::min<std::size_t>(bytes.size(), 64));
      const auto space = data.find(' ');
      if (space != std::string_view::npos && data.substr(space + 1).starts_with("/api/"))
        req.target = "/api/";
    }
    // The rest of the request is unread, so the connection cannot be reused. Close it gently:
    // closing with unread data would send a reset that makes the client lose this response.
    Write(ToWire(shared_->early_error(req, status), 11, false, false), /*linger=*/true);
  }

  /// After an early error: half-close, then read and drop what the client still sends (at most
  /// 8 MiB or 2 s), so that the client reads the answer instead of a reset (RFC 9112, 9.6).
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    Expire(std::chrono::seconds(2));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > 8 * 1024 * 1024) {
                                self->busy_ = false;
                                self->stream_.close();
                                return;
                              }
                              self->Drain();
                            });
  }

  void Write(WireResponse response, bool linger = false) {
    auto message = std::make_shared<WireResponse>(std::move(response));
    Expire(shared_->options.read_timeout);
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(message->head),
                                                    asio::buffer(message->body)};
    asio::async_write(
        stream_, buffers,
        [self = shared_from_this(), message, linger](beast::error_code ec, std::size_t) {
          if (!ec && linger) return self->Linger();
          if (ec || !message->keep_alive) return self->Close();
          self->Read();
        });
  }

  /// The read or write that starts now must end within `after`, or the sweeper closes the
  /// connection (Server::Impl::Sweep): where Beast's timeouts armed and cancelled a timer around
  /// every read and write under the reactor's lock, most of the futex calls (bench/README.md).
  void Expire(Clock::duration after) {
    deadline_ = (Clock::now() + after).time_since_epoch().count();
  }

  void Close() {
    busy_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<Shared> shared_;
  bool busy_ = false;
  bool peer_known_ = false;
  std::string peer_;  // the peer's address, "" if the kernel could not say
  std::array<char, 16384> discard_{};
  std::size_t drained_ = 0;
  std::atomic<Clock::rep> deadline_{0};  // steady clock ticks; 0: none
};

}  // namespace

struct Server::Impl {
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::unique_ptr<asio::steady_timer> deadline;
  asio::steady_timer sweeper{asio::make_strand(io)};

  /// The connections still open. They are released by the caller, outside the lock: a
  /// connection's last owner runs its destructor, which takes the lock.
  std::vector<std::shared_ptr<Connection>> Live() {
    std::vector<std::shared_ptr<Connection>> live;
    std::lock_guard lock(shared->mutex);
    for (const auto& weak : shared->connections)
      if (auto c = weak.lock()) live.push_back(std::move(c));
    return live;
  }

  /// Closes the connections past their deadline every eighth of the read timeout (50 ms to 1 s),
  /// until none is left at shutdown (WaitForDrain then cancels it, so that Run() returns).
  /// `sweeper` is only touched on its strand.
  void Sweep() {
    const auto period =
        std::clamp<Clock::duration>(Clock::duration(shared->options.read_timeout) / 8,
                                    std::chrono::milliseconds(50), std::chrono::seconds(1));
    sweeper.expires_after(period);
    sweeper.async_wait([this](beast::error_code ec) {
      if (ec) return;
      const auto now = Clock::now();
      const auto live = Live();
      if (shared->stopping && live.empty()) return;
      for (const auto& c : live)
        if (c->Late(now)) c->CloseIfLate();
      Sweep();
    });
  }

  void Accept() {
    acceptor.async_accept(asio::make_strand(io.get_executor()),
                          [this](beast::error_code ec, Socket socket) {
                            if (ec) {
                              if (!acceptor.is_open()) return;
                              spdlog::warn("accept failed: {}", ec.message());
                            } else {
                              socket.set_option(tcp::no_delay(true), ec);
                              std::make_shared<Connection>(std::move(socket), shared)->Start();
                            }
                            Accept();
                          });
  }

  void BeginShutdown() {
    if (shared->stopping.exchange(true)) return;
    spdlog::info("shutting down: no new connections, finishing requests in flight");
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    for (auto& c : Live()) c->CloseIfIdle();
    deadline = std::make_unique<asio::steady_timer>(io, shared->options.shutdown_grace);
    deadline->async_wait([this](beast::error_code ec) {
      if (!ec) io.stop();
    });
    // When the last connection is gone nothing keeps the timer useful: poll for it.
    WaitForDrain();
  }

  void WaitForDrain() {
    auto timer = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(20));
    timer->async_wait([this, timer](beast::error_code) {
      bool empty;
      {
        std::lock_guard lock(shared->mutex);
        empty = shared->connections.empty();
      }
      if (empty) {
        beast::error_code ignored;
        if (deadline) deadline->cancel();
        asio::post(sweeper.get_executor(), [this] { sweeper.cancel(); });
        return;
      }
      WaitForDrain();
    });
  }
};

Server::Server(ServerOptions options, RequestHandler handler, EarlyErrorHandler early_error)
    : impl_(std::make_unique<Impl>()) {
  impl_->shared->options = std::move(options);
  impl_->shared->handler = std::move(handler);
  impl_->shared->early_error = std::move(early_error);
}

Server::~Server() = default;

void Server::Listen() {
  const auto& o = impl_->shared->options;
  const tcp::endpoint endpoint{asio::ip::make_address(o.host), o.port};
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run(const std::function<void()>& on_ready) {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->BeginShutdown();
  });
  impl_->Accept();
  impl_->Sweep();
  if (on_ready) on_ready();
  const int n = std::max(1, impl_->shared->options.threads);
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& t : threads) t.join();
}

void Server::Stop() {
  asio::post(impl_->io, [this] { impl_->BeginShutdown(); });
}

}  // namespace sohosolo::http
