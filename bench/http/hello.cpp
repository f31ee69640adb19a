// bench_hello: the reference of the HTTP benchmark. A bare Boost.Beast HTTP/1.1 server, built the
// same way as sohosolo's (asynchronous, one strand per connection, keep-alive, N threads on one
// io_context), that answers 200 "hello" to every request. What sohosolo costs on top of Beast is
// measured against it, in the same run (bench/http/run.sh).
//
//   bench_hello PORT THREADS [ADDRESS [BODY_BYTES [like-sohosolo]]]
//
// PORT 0: any free port; ADDRESS defaults to 127.0.0.1. BODY_BYTES (default: "hello") answers a
// body of that many bytes instead. "like-sohosolo" also adds what sohosolo's pipeline puts on
// the wire and the console for every page (its nine other header fields, with a fresh request id
// and CSRF cookie from libsodium, and one flushed log line on stderr), so that the same bytes
// with nothing else behind them give the ceiling of a page of that size (bench/README.md).
//
// Prints "bench_hello listening on http://ADDRESS:PORT/" once it accepts; stops on SIGINT/SIGTERM.
#include <sodium.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(tcp::socket socket) : stream_(std::move(socket)) {}

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

 private:
  void Read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(
        stream_, buffer_, request_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec) return Close();
    response_ = {http::status::ok, request_.version()};
    response_.set(http::field::content_type, "text/plain; charset=utf-8");
    response_.keep_alive(request_.keep_alive());
    if (like_sohosolo) AddPipelineFields();
    if (request_.method() != http::verb::head) response_.body() = body;
    response_.prepare_payload();
    if (like_sohosolo) {
      std::fprintf(stderr, "2026-12-03T00:00:00.000+00:00 info %s GET %s 200 %zuB 0.01ms\n",
                   request_id_.c_str(), std::string(request_.target()).c_str(), body.size());
      std::fflush(stderr);
    }
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec || !self->response_.keep_alive()) return self->Close();
                        self->Read();
                      });
  }

  void AddPipelineFields() {
    request_id_ = Random(9);
    response_.set(http::field::set_cookie,
                  "csrf=" + Random(24) + "; Path=/; SameSite=Lax; HttpOnly");
    response_.set("X-Request-Id", request_id_);
    response_.set("Content-Security-Policy",
                  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    response_.set("X-Content-Type-Options", "nosniff");
    response_.set("Referrer-Policy", "same-origin");
    response_.set("X-Frame-Options", "DENY");
    response_.set(http::field::cache_control, "no-store");
    response_.set(http::field::content_language, "fr");
  }

  static std::string Random(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  std::string request_id_;

 public:
  static inline std::string body = "hello";
  static inline bool like_sohosolo = false;
};

void Accept(tcp::acceptor& acceptor, asio::io_context& io) {
  acceptor.async_accept(asio::make_strand(io),
                        [&acceptor, &io](beast::error_code ec, tcp::socket socket) {
                          if (!acceptor.is_open()) return;
                          if (!ec) {
                            socket.set_option(tcp::no_delay(true), ec);
                            std::make_shared<Connection>(std::move(socket))->Start();
                          }
                          Accept(acceptor, io);
                        });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_hello PORT THREADS [ADDRESS]\n";
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  const int threads = std::max(1, std::atoi(argv[2]));
  const std::string address = argc > 3 ? argv[3] : "127.0.0.1";
  if (argc > 4) Connection::body.assign(static_cast<std::size_t>(std::atol(argv[4])), 'x');
  Connection::like_sohosolo = argc > 5 && std::string(argv[5]) == "like-sohosolo";
  if (sodium_init() < 0) {
    std::cerr << "bench_hello: libsodium could not be initialised\n";
    return 1;
  }
  try {
    asio::io_context io{threads};
    tcp::acceptor acceptor{io};
    const tcp::endpoint endpoint{asio::ip::make_address(address), port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    asio::signal_set signals{io, SIGINT, SIGTERM};
    signals.async_wait([&](beast::error_code, int) {
      beast::error_code ignored;
      acceptor.close(ignored);
      io.stop();
    });
    Accept(acceptor, io);
    std::cout << "bench_hello listening on http://" << address << ":"
              << acceptor.local_endpoint().port() << "/" << std::endl;
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : pool) t.join();
  } catch (const std::exception& e) {
    std::cerr << "bench_hello: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
