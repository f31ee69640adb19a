#pragma once
// One SMTP client over libcurl: plain, STARTTLS (opportunistic or required) or implicit TLS,
// optional authentication, one connection kept open for a batch of messages.

#include <curl/curl.h>

#include <memory>
#include <string>

#include "core/error.hpp"

namespace sohosolo::outbox {

/// Where and how mail leaves, from `--smtp-url` and `--mail-from`.
struct SmtpSettings {
  /// "smtp://HOST:PORT" or "smtps://HOST:PORT" (implicit TLS), without credentials.
  std::string server;
  enum class Tls { kNone, kTry, kRequired } tls = Tls::kTry;
  std::string user;
  std::string password;
  std::string from_address;
  std::string from_name;
};

/// Reads "smtp[s]://[USER[:PASSWORD]@]HOST[:PORT][?starttls=required|never]" and the sender
/// address ("Name <address>" or "address"). `password_file`, when not empty, holds the password
/// (first line). kInvalid with what is wrong.
core::Result<SmtpSettings> ParseSmtpSettings(const std::string& url, const std::string& from,
                                             const std::string& password_file = "");
/// The server's part of ParseSmtpSettings (no sender address).
core::Result<SmtpSettings> ParseSmtpServer(const std::string& url,
                                           const std::string& password_file = "");
/// Sets the sender of `settings` from "Name <address>" or "address"; false when it is not one.
bool SetMailFrom(const std::string& from, SmtpSettings& settings);

/// How one message went.
struct SendResult {
  enum class Outcome { kSent, kTemporary, kPermanent } outcome = Outcome::kSent;
  /// The server's reply or the connection error, for the queue's "last error".
  std::string reply;
};

class SmtpClient {
 public:
  explicit SmtpClient(SmtpSettings settings);
  ~SmtpClient();
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;

  /// Sends one built message (see BuildMessage) to one recipient. 5xx replies to the envelope
  /// are permanent; 4xx replies, refused connections, TLS failures, refused credentials and
  /// time-outs are temporary.
  SendResult Send(const std::string& recipient, const std::string& message);

  const SmtpSettings& settings() const { return settings_; }

 private:
  SmtpSettings settings_;
  CURL* curl_ = nullptr;
};

}  // namespace sohosolo::outbox
