#include "outbox/programme_mail.hpp"

#include "db/rows.hpp"

namespace sohosolo::outbox {

namespace {

core::Error Bad(const std::string& field, const std::string& key) {
  return core::Invalid({{field, key}}, key);
}

}  // namespace

core::Status CheckProgrammeMail(const ProgrammeMail& m) {
  if (!m.smtp_url.empty()) {
    auto server = ParseSmtpServer(m.smtp_url);
    if (!server) return server.error();
    // A password in a column would be a secret at rest in every backup: a file names it.
    if (!server->password.empty()) return Bad("smtp_url", "error.smtp.password_in_url");
    if (!m.password_file.empty()) {
      if (auto read = ParseSmtpServer(m.smtp_url, m.password_file); !read) return read.error();
    }
  } else if (!m.password_file.empty()) {
    return Bad("smtp_password_file", "error.smtp.file_without_url");
  }
  SmtpSettings probe;
  if (!m.mail_from.empty() && !SetMailFrom(m.mail_from, probe))
    return Bad("mail_from", "error.smtp.from");
  if (!(m.per_second >= 0 && m.per_second <= 100000))
    return Bad("mail_per_second", "error.smtp.rate");
  return core::Ok();
}

core::Result<SmtpSettings> MergeSettings(const SmtpSettings& instance, const ProgrammeMail& m) {
  SmtpSettings out = instance;
  if (!m.smtp_url.empty()) {
    auto server = ParseSmtpServer(m.smtp_url, m.password_file);
    if (!server) return server.error();
    out.server = server->server;
    out.tls = server->tls;
    out.user = server->user;
    out.password = server->password;
  }
  if (!m.mail_from.empty() && !SetMailFrom(m.mail_from, out))
    return Bad("mail_from", "error.smtp.from");
  return out;
}

std::optional<ProgrammeMail> ProgrammeMailStore::Find(core::ProgrammeId p) {
  auto all = All();
  const auto it = all.find(p.value);
  if (it == all.end()) return std::nullopt;
  return it->second;
}

std::map<long long, ProgrammeMail> ProgrammeMailStore::All() {
  std::map<long long, ProgrammeMail> out;
  ProgrammeMail m;
  long long id = 0;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT programme_id, smtp_url, password_file, "
                        "mail_from, per_second FROM programme_mail",
                        soci::into(id), soci::into(m.smtp_url), soci::into(m.password_file),
                        soci::into(m.mail_from), soci::into(m.per_second));
  while (st.fetch()) {
    m.programme = core::ProgrammeId(id);
    out[id] = m;
  }
  return out;
}

void ProgrammeMailStore::Save(const ProgrammeMail& m, core::UnixSeconds now) {
  lease_.sql() << "INSERT INTO programme_mail (programme_id, smtp_url, password_file, mail_from, "
                  "per_second, updated_at) VALUES (:p, :u, :f, :m, :r, :t) ON CONFLICT "
                  "(programme_id) DO UPDATE SET smtp_url = excluded.smtp_url, password_file = "
                  "excluded.password_file, mail_from = excluded.mail_from, per_second = "
                  "excluded.per_second, updated_at = excluded.updated_at",
      soci::use(m.programme.value), soci::use(m.smtp_url), soci::use(m.password_file),
      soci::use(m.mail_from), soci::use(m.per_second), soci::use(now);
}

bool ProgrammeMailStore::Clear(core::ProgrammeId p) {
  auto st = db::ExecOnce(lease_.sql(), "DELETE FROM programme_mail WHERE programme_id = :p",
                         soci::use(p.value));
  return st.get_affected_rows() > 0;
}

}  // namespace sohosolo::outbox
