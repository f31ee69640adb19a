#include "outbox/mime.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace sohosolo::outbox {

namespace {

void InitGMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

struct Unref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using Ref = std::unique_ptr<T, Unref>;

/// A quoted-printable text/`subtype` part in UTF-8 (g_mime_text_part_set_text would pick a
/// narrower charset and convert to it).
Ref<GMimePart> TextPart(const char* subtype, const std::string& text) {
  Ref<GMimePart> part(g_mime_part_new_with_type("text", subtype));
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(part.get()), "charset", "utf-8");
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
  Ref<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part.get(), content.get());
  g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return part;
}

}  // namespace

bool IsPlainAddress(const std::string& address) {
  if (address.empty() || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == 0 || at == std::string::npos || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string::npos) return false;
  return std::none_of(address.begin(), address.end(), [](unsigned char c) {
    return c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
           c == '(' || c == ')' || c == '\\' || c == '[' || c == ']';
  });
}

std::string BuildMessage(const Envelope& e) {
  InitGMime();
  Ref<GMimeMessage> message(g_mime_message_new(TRUE));
  g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM,
                             e.from_name.empty() ? nullptr : e.from_name.c_str(),
                             e.from_address.c_str());
  g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, nullptr, e.to.c_str());
  g_mime_message_set_subject(message.get(), e.subject.c_str(), "utf-8");
  g_mime_message_set_message_id(message.get(), e.message_id.c_str());
  GDateTime* date = g_date_time_new_from_unix_utc(e.date);
  g_mime_message_set_date(message.get(), date);
  g_date_time_unref(date);

  if (!e.unsubscribe_url.empty()) {
    const auto list = "<" + e.unsubscribe_url + ">";
    g_mime_object_set_header(GMIME_OBJECT(message.get()), "List-Unsubscribe", list.c_str(),
                             nullptr);
    g_mime_object_set_header(GMIME_OBJECT(message.get()), "List-Unsubscribe-Post",
                             "List-Unsubscribe=One-Click", nullptr);
  }
  auto text = TextPart("plain", e.text);
  if (e.html.empty()) {
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(text.get()));
  } else {
    Ref<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
    // Our own boundary: GMime's default reads /dev/urandom for each message. "=_" cannot occur
    // in quoted-printable text (it encodes "=" as "=3D"), so it never meets the parts' content.
    const auto boundary = "=_" + e.message_id;
    g_mime_multipart_set_boundary(alternative.get(), boundary.c_str());
    auto html = TextPart("html", e.html);
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(text.get()));
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(alternative.get()));
  }

  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  char* wire = g_mime_object_to_string(GMIME_OBJECT(message.get()), options);
  g_mime_format_options_free(options);
  std::string out(wire);
  g_free(wire);
  return out;
}

}  // namespace sohosolo::outbox
