#pragma once
// A programme's own mail settings over the instance's: its SMTP server, its sender address, its
// rate. Set by `sohosolo programme mail` (the instance's administrator: a server's password is
// a file on the server, never a column), read by the sender at each round.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "outbox/smtp.hpp"

namespace sohosolo::outbox {

struct ProgrammeMail {
  core::ProgrammeId programme{0};
  std::string smtp_url;       ///< Empty: the instance's server. Never with a password.
  std::string password_file;  ///< The server's password, first line (with smtp_url only).
  std::string mail_from;      ///< "Name <address>" or "address"; empty: the instance's.
  double per_second = 0;      ///< This programme's rate; 0: the instance's alone.
};

/// kInvalid naming the field at fault (smtp_url, smtp_password_file, mail_from,
/// mail_per_second): a URL that is not smtp[s]://HOST[:PORT], a password in the URL, a password
/// file that cannot be read or without a URL, a sender that is not an address, a negative rate.
core::Status CheckProgrammeMail(const ProgrammeMail& m);

/// The instance's settings with the programme's over them (its server read again, so a changed
/// password file is seen at the next round).
core::Result<SmtpSettings> MergeSettings(const SmtpSettings& instance, const ProgrammeMail& m);

class ProgrammeMailStore {
 public:
  explicit ProgrammeMailStore(db::Lease& lease) : lease_(lease) {}
  std::optional<ProgrammeMail> Find(core::ProgrammeId p);
  /// Every programme's own settings, by programme id.
  std::map<long long, ProgrammeMail> All();
  void Save(const ProgrammeMail& m, core::UnixSeconds now);
  /// false when the programme had no settings of its own.
  bool Clear(core::ProgrammeId p);

 private:
  db::Lease& lease_;
};

}  // namespace sohosolo::outbox
