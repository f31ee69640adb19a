#include "outbox/smtp.hpp"

#include <boost/url/parse.hpp>
#include <cstring>
#include <fstream>
#include <mutex>

#include "outbox/mime.hpp"

namespace sohosolo::outbox {

namespace {

void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

core::Error Bad(const std::string& field, const std::string& key) {
  return core::Invalid({{field, key}}, key);
}

/// "Name <address>" or "address".
bool ParseFrom(const std::string& from, SmtpSettings& s) {
  const auto open = from.rfind('<');
  if (open == std::string::npos) {
    s.from_address = from;
  } else {
    if (from.back() != '>') return false;
    s.from_address = from.substr(open + 1, from.size() - open - 2);
    s.from_name = from.substr(0, open);
    while (!s.from_name.empty() && s.from_name.back() == ' ') s.from_name.pop_back();
    if (s.from_name.find_first_of("\r\n") != std::string::npos) return false;
  }
  return IsPlainAddress(s.from_address);
}

struct Upload {
  const std::string& data;
  std::size_t offset = 0;
};

std::size_t Read(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

core::Result<SmtpSettings> ParseSmtpSettings(const std::string& url, const std::string& from,
                                             const std::string& password_file) {
  auto s = ParseSmtpServer(url, password_file);
  if (!s) return s;
  if (!ParseFrom(from, *s)) return Bad("mail_from", "error.smtp.from");
  return s;
}

bool SetMailFrom(const std::string& from, SmtpSettings& settings) {
  SmtpSettings parsed;
  if (!ParseFrom(from, parsed)) return false;
  settings.from_address = parsed.from_address;
  settings.from_name = parsed.from_name;
  return true;
}

core::Result<SmtpSettings> ParseSmtpServer(const std::string& url,
                                           const std::string& password_file) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return Bad("smtp_url", "error.smtp.url");
  const auto& u = *parsed;
  SmtpSettings s;
  const std::string scheme(u.scheme());
  if ((scheme != "smtp" && scheme != "smtps") || u.host().empty())
    return Bad("smtp_url", "error.smtp.url");
  const std::string host(u.encoded_host_and_port());
  s.server = scheme + "://" + host;
  if (scheme == "smtps") s.tls = SmtpSettings::Tls::kRequired;
  if (u.has_userinfo()) {
    s.user = u.user();
    s.password = u.password();
  }
  for (const auto& param : u.params()) {
    if (param.key == "starttls" && param.value == "required") {
      s.tls = SmtpSettings::Tls::kRequired;
    } else if (param.key == "starttls" && param.value == "never" && scheme == "smtp") {
      s.tls = SmtpSettings::Tls::kNone;
    } else {
      return Bad("smtp_url", "error.smtp.url");
    }
  }
  if (!password_file.empty()) {
    std::ifstream in(password_file);
    if (!in || !std::getline(in, s.password)) return Bad("smtp_password_file", "error.smtp.file");
  }
  return s;
}

SmtpClient::SmtpClient(SmtpSettings settings) : settings_(std::move(settings)) {
  InitCurl();
  curl_ = curl_easy_init();
}

SmtpClient::~SmtpClient() {
  if (curl_) curl_easy_cleanup(curl_);
}

SendResult SmtpClient::Send(const std::string& recipient, const std::string& message) {
  if (!IsPlainAddress(recipient))
    return {SendResult::Outcome::kPermanent, "not a mail address this sender can use"};
  if (!curl_) return {SendResult::Outcome::kTemporary, "libcurl could not start"};
  char error[CURL_ERROR_SIZE] = {};
  Upload upload{message};
  const std::string from = "<" + settings_.from_address + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + recipient + ">").c_str());
  CURL* c = curl_;
  curl_easy_setopt(c, CURLOPT_URL, settings_.server.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, Read);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   settings_.tls == SmtpSettings::Tls::kRequired ? CURLUSESSL_ALL
                   : settings_.tls == SmtpSettings::Tls::kTry    ? CURLUSESSL_TRY
                                                                 : CURLUSESSL_NONE);
  if (!settings_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (rc == CURLE_OK) return {SendResult::Outcome::kSent, std::to_string(code)};
  std::string reply = (code ? std::to_string(code) + " " : "") +
                      (error[0] ? std::string(error) : curl_easy_strerror(rc));
  // Refused credentials are the sender's configuration, not the message: keep it for later.
  const bool permanent = code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED;
  return {permanent ? SendResult::Outcome::kPermanent : SendResult::Outcome::kTemporary, reply};
}

}  // namespace sohosolo::outbox
