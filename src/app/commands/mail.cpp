// `sohosolo mail send-pending`: what cron runs when no server sends mail (or beside them: senders
// claim their messages, so none is sent twice).
#include "app/commands/mail.hpp"

#include <iostream>
#include <map>

#include "app/app.hpp"
#include "app/application.hpp"
#include "app/commands/command_db.hpp"
#include "community/newsletters/service.hpp"
#include "portal/service.hpp"

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
  policy.connections = config.mail_connections;
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
  // Mail due by the clock (the club's reminders, scheduled newsletters) is queued first, then
  // everything due leaves. Links start with each programme's address, else --public-url.
  std::map<long long, std::string> urls;
  for (const auto& p : portal::AllProgrammes(*pool))
    urls[p.id.value] = p.public_url.empty() ? config.public_url : p.public_url;
  const int scheduled =
      Application(*pool, config).QueueScheduledMail(core::Now(), [&urls](core::ProgrammeId p) {
        return urls[p.value];
      });
  if (scheduled > 0) std::cout << "scheduled mail: " << scheduled << " queued\n";
  outbox::Sender sender(*pool, *settings, MailPolicy(config));
  const auto counts = sender.DrainAll();
  std::cout << "mail: " << counts.sent << " sent, " << counts.retried << " to retry later, "
            << counts.failed << " failed\n";
  return kExitOk;  // Failures are in the queue, for the staff to see and retry.
}

int MailNewsletters(const Config& config, const std::string& programme) {
  int exit_code = kExitOk;
  const auto pool = OpenCommandPool(config.db, Schema::kRequireCurrent, exit_code);
  if (!pool) return exit_code;
  community::Club club(*pool,
                       [](core::ProgrammeId) { return std::vector<community::EventPlace>{}; });
  community::Letters letters(*pool, club);
  bool found = programme.empty();
  for (const auto& p : portal::AllProgrammes(*pool)) {
    if (!programme.empty() && p.slug != programme) continue;
    found = true;
    std::cout << "programme " << p.slug << "\n";
    std::cout << "  id\tstate\trecipients\tsent\tfailed\tleft\tsubject\n";
    for (const auto& n : letters.Archive(p.id, true, true)) {
      const auto progress = letters.ProgressOf(p.id, n.id);
      std::cout << "  " << n.id << "\t" << n.state << "\t" << progress->recipients << "\t"
                << progress->sent << "\t" << progress->failed << "\t" << progress->left << "\t"
                << n.subject << "\n";
    }
  }
  if (!found) {
    std::cerr << "sohosolo: no programme '" << programme << "'\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace sohosolo::app
