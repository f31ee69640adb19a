#pragma once
// Mail settings of serve and `sohosolo mail`, read once from the configuration.

#include <optional>

#include "app/config.hpp"
#include "outbox/sender.hpp"

namespace sohosolo::app {

/// The SMTP settings of `config`, or nullopt after saying on stderr what is wrong. Call only
/// when config.smtp_url is set.
std::optional<outbox::SmtpSettings> MailSettings(const Config& config);

/// The sender's policy from the configuration (rate limit) and the defaults.
outbox::DeliveryPolicy MailPolicy(const Config& config);

}  // namespace sohosolo::app
