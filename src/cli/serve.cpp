// serve and mail: where the server listens, what it protects itself with, how mail leaves.
#include <memory>
#include <string>

#include "app/app.hpp"
#include "cli/cli.hpp"

namespace sohosolo::cli {

namespace {

/// Where serve listens, what it serves and for whom.
void AddServeOptions(CLI::App& serve, Config& config) {
  serve.add_option("--listen", config.listen, "HOST:PORT to listen on")
      ->envname("SOHOSOLO_LISTEN")
      ->capture_default_str();
  serve.add_option("--threads", config.threads, "Server threads (0: two per core, at most 32)")
      ->envname("SOHOSOLO_THREADS");
  serve.add_flag("--migrate", config.migrate, "Apply pending migrations at start")
      ->envname("SOHOSOLO_MIGRATE");
  serve.add_option("--programme", config.default_programme, "Default programme slug")
      ->envname("SOHOSOLO_PROGRAMME");
  serve
      .add_option("--public-url", config.public_url,
                  "Base URL of links (mails, calendar feeds) for programmes without their own")
      ->envname("SOHOSOLO_PUBLIC_URL");
  serve.add_option("--static-dir", config.static_dir, "Folder of static files")
      ->envname("SOHOSOLO_STATIC_DIR");
  serve.add_option("--body-limit", config.body_limit, "Largest request body in bytes")
      ->envname("SOHOSOLO_BODY_LIMIT");
  serve.add_option("--read-timeout", config.read_timeout_seconds, "Seconds to read one request")
      ->envname("SOHOSOLO_READ_TIMEOUT");
  serve
      .add_option("--session-idle", config.auth.session_idle_seconds,
                  "Seconds of inactivity that end a session")
      ->envname("SOHOSOLO_SESSION_IDLE");
  serve
      .add_option("--session-max", config.auth.session_absolute_seconds,
                  "Seconds after which any session ends")
      ->envname("SOHOSOLO_SESSION_MAX");
  serve
      .add_option("--quota-week-hours", config.quota.hours_per_week,
                  "Booking hours per member and week")
      ->envname("SOHOSOLO_QUOTA_WEEK_HOURS");
  serve
      .add_option("--quota-month-hours", config.quota.hours_per_month,
                  "Booking hours per member and month")
      ->envname("SOHOSOLO_QUOTA_MONTH_HOURS");
  serve
      .add_option("--kept-availability-ms", config.kept_availability_ms,
                  "How long an availability answer may be reused while this process writes "
                  "nothing (0: never; other processes' writes show within it)")
      ->check(CLI::Range(0, 600000))
      ->envname("SOHOSOLO_KEPT_AVAILABILITY_MS");
  serve
      .add_option("--access-log-interval-ms", config.access_log_interval_ms,
                  "How long access-log lines may wait to be written in one batch (0: at once; "
                  "a crash loses at most that much of the log)")
      ->check(CLI::Range(0, 10000))
      ->envname("SOHOSOLO_ACCESS_LOG_INTERVAL_MS");
  serve
      .add_flag("--secure-cookies", config.auth.secure_cookies,
                "Mark cookies Secure (behind HTTPS)")
      ->envname("SOHOSOLO_SECURE_COOKIES");
}

/// What serve protects itself with: metrics access, the heavy pool and trusted proxies.
void AddServeProtections(CLI::App& serve, Config& config) {
  serve
      .add_option("--metrics-token", config.metrics_token,
                  "Bearer token that /metrics asks for (unset: no /metrics)")
      ->envname("SOHOSOLO_METRICS_TOKEN");
  serve
      .add_option("--heavy-workers", config.heavy_workers,
                  "Threads for heavy computations (coverage, plans)")
      ->envname("SOHOSOLO_HEAVY_WORKERS")
      ->check(CLI::Range(1, 64));
  serve
      .add_option("--heavy-queue", config.heavy_queue,
                  "Heavy computations waiting at most (then 503)")
      ->envname("SOHOSOLO_HEAVY_QUEUE")
      ->check(CLI::Range(1, 10000));
  serve
      .add_option("--heavy-per-minute", config.heavy_per_minute,
                  "Heavy computations an anonymous client address may start per minute")
      ->envname("SOHOSOLO_HEAVY_PER_MINUTE")
      ->check(CLI::Range(0.1, 100000.0));
  serve
      .add_option("--trusted-proxy", config.trusted_proxies,
                  "Address or network of a reverse proxy whose X-Forwarded-For names the client "
                  "(repeatable)")
      ->envname("SOHOSOLO_TRUSTED_PROXY");
}

/// How mail leaves: the SMTP server and the sender's address (serve and `mail send-pending`).
void AddMailOptions(CLI::App& cmd, Config& config) {
  cmd.add_option("--smtp-url", config.smtp_url,
                 "SMTP server: smtp://HOST:PORT, smtps://HOST:PORT (implicit TLS), with optional "
                 "USER:PASSWORD@ and ?starttls=required|never (unset: mail waits in the outbox)")
      ->envname("SOHOSOLO_SMTP_URL");
  cmd.add_option("--mail-from", config.mail_from,
                 "Sender of every mail, e.g. \"Soho Solo <soho-solo@example.org>\"")
      ->envname("SOHOSOLO_MAIL_FROM");
  cmd.add_option("--smtp-password-file", config.smtp_password_file,
                 "File whose first line is the SMTP password")
      ->envname("SOHOSOLO_SMTP_PASSWORD_FILE");
  cmd.add_option("--mail-per-second", config.mail_per_second,
                 "Messages sent per second at most (0: no limit)")
      ->envname("SOHOSOLO_MAIL_PER_SECOND")
      ->check(CLI::Range(0.0, 100000.0));
  cmd.add_option("--mail-connections", config.mail_connections,
                 "SMTP connections sending at once (default 2)")
      ->envname("SOHOSOLO_MAIL_CONNECTIONS")
      ->check(CLI::Range(1, 16));
}

}  // namespace

void AddServe(CLI::App& app, Config& config, Commands& commands) {
  auto* serve = app.add_subcommand("serve", "Serve the web site and the JSON API");
  AddDbOption(*serve, config);
  AddServeOptions(*serve, config);
  AddServeProtections(*serve, config);
  AddMailOptions(*serve, config);
  serve
      ->add_option("--mail-interval", config.mail_interval_seconds,
                   "Seconds between two looks at the outbox")
      ->envname("SOHOSOLO_MAIL_INTERVAL")
      ->check(CLI::Range(1, 3600));
  commands.push_back({serve, [&config] { return sohosolo::app::Serve(config); }});
}

void AddMail(CLI::App& app, Config& config, Commands& commands) {
  auto* mail =
      app.add_subcommand("mail", "Send the mail waiting in the outbox, follow newsletters");
  mail->require_subcommand(1);
  auto* send = mail->add_subcommand(
      "send-pending", "Send every message due now (others senders may run at the same time)");
  AddDbOption(*send, config);
  AddMailOptions(*send, config);
  commands.push_back({send, [&config] { return sohosolo::app::MailSendPending(config); }});
  auto* newsletters = mail->add_subcommand("newsletters",
                                           "Each newsletter's state and delivery: recipients, "
                                           "sent, failed, left");
  AddDbOption(*newsletters, config);
  auto programme = std::make_shared<std::string>();
  newsletters->add_option("--programme", *programme, "Programme slug (default: every programme)");
  commands.push_back({newsletters, [&config, programme] {
                        return sohosolo::app::MailNewsletters(config, *programme);
                      }});
}

}  // namespace sohosolo::cli
