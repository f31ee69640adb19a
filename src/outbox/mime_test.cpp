#include "outbox/mime.hpp"

#include <gtest/gtest.h>

#include "outbox/sender.hpp"
#include "outbox/smtp.hpp"

namespace sohosolo::outbox {
namespace {

Envelope Sample() {
  Envelope e;
  e.from_address = "soho-solo@example.org";
  e.from_name = "Soho Solo Gers";
  e.to = "ines@example.org";
  e.subject = "Réservation confirmée";
  e.text = "Bonjour Inès,\nà demain.";
  e.date = 1796112000;
  e.message_id = "outbox.1.2.3@example.org";
  return e;
}

TEST(Mime, HeadersAreEncodedAndLinesEndInCrLf) {
  const auto text = BuildMessage(Sample());
  EXPECT_NE(text.find("Subject: =?UTF-8?B?UsOpc2VydmF0aW9uIGNvbmZpcm3DqWU=?="), std::string::npos)
      << text;
  EXPECT_NE(text.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Bonjour In=C3=A8s,\r\n=C3=A0 demain."), std::string::npos) << text;
  EXPECT_NE(text.find("Message-Id: <outbox.1.2.3@example.org>\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Date: "), std::string::npos);
  EXPECT_NE(text.find("From: Soho Solo Gers <soho-solo@example.org>\r\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos);
  for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1))
    ASSERT_EQ(text[i - 1], '\r') << "bare LF at " << i;
}

TEST(Mime, ARichMessageHasBothPartsAndOneClickUnsubscribe) {
  auto e = Sample();
  e.html = "<p>Bonjour <strong>Inès</strong></p>";
  e.unsubscribe_url = "https://gers.example.org/newsletter/unsubscribe/AbC-12_x";
  const auto text = BuildMessage(e);
  EXPECT_NE(text.find("Content-Type: multipart/alternative; boundary="), std::string::npos) << text;
  const auto plain = text.find("Content-Type: text/plain; charset=utf-8");
  const auto html = text.find("Content-Type: text/html; charset=utf-8");
  ASSERT_NE(plain, std::string::npos) << text;
  ASSERT_NE(html, std::string::npos) << text;
  EXPECT_LT(plain, html);  // RFC 2046: the richest alternative last
  EXPECT_NE(text.find("List-Unsubscribe: "
                      "<https://gers.example.org/newsletter/unsubscribe/AbC-12_x>\r\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
  EXPECT_EQ(BuildMessage(Sample()).find("List-Unsubscribe"), std::string::npos);
}

TEST(Mime, ASubjectWithCrLfStaysOneHeader) {
  auto e = Sample();
  e.subject = "Bonjour\r\nBcc: evil@example.org";
  const auto text = BuildMessage(e);
  EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos) << text;
}

TEST(Mime, PlainAddresses) {
  EXPECT_TRUE(IsPlainAddress("ines.martin+club@example.org"));
  EXPECT_FALSE(IsPlainAddress("ines@example.org\r\nRCPT TO:<x@example.org>"));
  EXPECT_FALSE(IsPlainAddress("<ines@example.org>"));
  EXPECT_FALSE(IsPlainAddress("ines@"));
  EXPECT_FALSE(IsPlainAddress("@example.org"));
  EXPECT_FALSE(IsPlainAddress("a@b@example.org"));
  EXPECT_FALSE(IsPlainAddress("ines martin@example.org"));
  EXPECT_FALSE(IsPlainAddress(std::string("ines\0@example.org", 17)));
}

TEST(Sender, RetriesBackOffAndStopAtTheCap) {
  DeliveryPolicy p;
  EXPECT_EQ(RetryDelay(p, 1), 60);
  EXPECT_EQ(RetryDelay(p, 2), 120);
  EXPECT_EQ(RetryDelay(p, 5), 960);
  EXPECT_EQ(RetryDelay(p, 30), 6 * 3600);
}

TEST(Smtp, SettingsFromTheUrl) {
  auto s =
      ParseSmtpSettings("smtps://mailer:s%40cret@mail.example.org:465", "Soho <a@example.org>");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->server, "smtps://mail.example.org:465");
  EXPECT_EQ(s->tls, SmtpSettings::Tls::kRequired);
  EXPECT_EQ(s->user, "mailer");
  EXPECT_EQ(s->password, "s@cret");
  EXPECT_EQ(s->from_name, "Soho");
  EXPECT_EQ(s->from_address, "a@example.org");
  auto plain = ParseSmtpSettings("smtp://127.0.0.1:2525?starttls=never", "a@example.org");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->tls, SmtpSettings::Tls::kNone);
  EXPECT_EQ(ParseSmtpSettings("smtp://127.0.0.1:2525", "a@example.org")->tls,
            SmtpSettings::Tls::kTry);
  EXPECT_FALSE(ParseSmtpSettings("http://127.0.0.1", "a@example.org"));
  EXPECT_FALSE(ParseSmtpSettings("smtp://127.0.0.1?starttls=maybe", "a@example.org"));
  EXPECT_FALSE(ParseSmtpSettings("smtps://127.0.0.1?starttls=never", "a@example.org"));
  EXPECT_FALSE(ParseSmtpSettings("smtp://127.0.0.1", "Soho <a@example.org"));
  EXPECT_FALSE(ParseSmtpSettings("smtp://127.0.0.1", "Soho\r\nBcc: x <a@example.org>"));
}

}  // namespace
}  // namespace sohosolo::outbox
