#pragma once
// Messages as they go on the wire, built by GMime: UTF-8 headers encoded as RFC 2047 says, a
// quoted-printable text part (and an HTML alternative for rich mail), Date and Message-ID,
// List-Unsubscribe for newsletters, CRLF line ends.

#include <string>

#include "core/time.hpp"

namespace sohosolo::outbox {

struct Envelope {
  std::string from_address;
  std::string from_name;
  std::string to;
  std::string subject;
  std::string text;
  core::UnixSeconds date = 0;
  /// Without angle brackets; the same for every attempt of one message, so that a receiver can
  /// recognise a message sent twice after a crash.
  std::string message_id;
  /// When not empty, the message is multipart/alternative: `text`, then this HTML.
  std::string html;
  /// When not empty: List-Unsubscribe and List-Unsubscribe-Post (RFC 8058, one click).
  std::string unsubscribe_url;
};

/// The RFC 5322 message of `envelope`, CRLF line ends, ready for SMTP's DATA.
std::string BuildMessage(const Envelope& envelope);

/// True when `address` can be put in a header and an SMTP command: one addr-spec with an @, no
/// spaces, control characters, angle brackets or commas.
bool IsPlainAddress(const std::string& address);

}  // namespace sohosolo::outbox
