// `sohosolo mail send-pending`: what cron runs when no server sends mail (or beside them: senders
// claim their messages, so none is sent twice).
#include "app/commands/mail.hpp"

#include <iostream>

#include "app/app.hpp"
#include "app/application.hpp"
#include "app/commands/command_db.hpp"

namespace sohosolo::app {

std::optional<outbox::SmtpSettings> MailSettings(const Config& config) {
  if (config.mail_from.empty()) {
    std::cerr << "sohosolo: --mail-from is needed with --smtp-url (the sender's address, e.g. "
                 "\"Soho Solo <soho-solo@example.org>\")\n";
    return std::nullopt;
  }
  auto settings =
      outbox::ParseSmtpSettings(config.smtp_url, config.mail_from, config.smtp_password_file);
  if (!settings) {
    const auto& field = settings.error().fields.empty() ? std::string("smtp_url")
                                                        : settings.error().fields.front().field;
    if (field == "mail_from")
      std::cerr << "sohosolo: --mail-from must be an address, optionally with a name: "
                   "\"Name <address@example.org>\"\n";
    else if (field == "smtp_password_file")
      std::cerr << "sohosolo: cannot read the SMTP password from --smtp-password-file\n";
    else
      std::cerr << "sohosolo: --smtp-url must be smtp://HOST:PORT or smtps://HOST:PORT, with "
                   "optional USER:PASSWORD@ and ?starttls=required or ?starttls=never\n";
    return std::nullopt;
  }
  return *settings;
}

outbox::DeliveryPolicy MailPolicy(const Config& config) {
  outbox::DeliveryPolicy policy;
  policy.per_second = config.mail_per_second;
  return policy;
}

int MailSendPending(const Config& config) {
  if (config.smtp_url.empty()) {
    std::cerr << "sohosolo: mail send-pending needs --smtp-url (or SOHOSOLO_SMTP_URL)\n";
    return kExitUsage;
  }
  const auto settings = MailSettings(config);
  if (!settings) return kExitUsage;
  int exit_code = kExitOk;
  const auto pool = OpenCommandPool(config.db, Schema::kRequireCurrent, exit_code);
  if (!pool) return exit_code;
  // Mail due by the clock (the club's reminders) is queued first, then everything due leaves.
  const int reminders = Application(*pool, config).QueueScheduledMail(core::Now());
  if (reminders > 0) std::cout << "reminders: " << reminders << " queued\n";
  outbox::Sender sender(*pool, *settings, MailPolicy(config));
  const auto counts = sender.DrainAll();
  std::cout << "mail: " << counts.sent << " sent, " << counts.retried << " to retry later, "
            << counts.failed << " failed\n";
  return kExitOk;  // Failures are in the queue, for the staff to see and retry.
}

}  // namespace sohosolo::app
