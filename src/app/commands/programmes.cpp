#include <iostream>
#include <string>

#include "app/app.hpp"
#include "auth/service.hpp"
#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "db/migrations.hpp"
#include "journeys/service.hpp"
#include "outbox/programme_mail.hpp"
#include "portal/service.hpp"

namespace sohosolo::app {

namespace {

void PrintErrors(const core::Error& error) {
  const auto& catalogue = core::Catalogue::Get();
  std::cerr << "sohosolo: " << catalogue.Translate("en", error.message_key) << "\n";
  for (const auto& f : error.fields)
    std::cerr << "  " << f.field << ": " << catalogue.Translate("en", f.message_key) << "\n";
}

int ExitFor(const core::Error& error) {
  return error.code == core::ErrorCode::kUnavailable ? kExitUnavailable : kExitInvalid;
}

/// Opens the database and brings the schema up to date (CLI commands migrate implicitly).
std::unique_ptr<db::Pool> OpenMigrated(const Config& config) {
  try {
    auto pool = std::make_unique<db::Pool>(db::Url::Parse(config.db), 1);
    db::Migrate(*pool);
    return pool;
  } catch (const std::exception& e) {
    std::cerr << "sohosolo: " << e.what() << "\n";
    return nullptr;
  }
}

}  // namespace

int UserAdd(const Config& config, const std::string& email, const std::string& role,
            const std::string& programme, const std::string& name, std::istream& password_in) {
  core::InitCrypto();
  std::string password;
  std::getline(password_in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    std::cerr << "sohosolo: give the password on standard input (one line)\n";
    return kExitUsage;
  }
  auto pool = OpenMigrated(config);
  if (!pool) return kExitUnavailable;
  std::optional<http::Programme> found;
  if (!programme.empty()) {
    found = portal::FindProgramme(*pool, programme);
    if (!found) {
      std::cerr << "sohosolo: no programme '" << programme << "'\n";
      return kExitInvalid;
    }
  } else {
    // No --programme: the database's default, as `serve` takes it (the first created).
    const auto all = portal::AllProgrammes(*pool);
    if (all.empty()) {
      std::cerr << "sohosolo: the database has no programme yet; run `sohosolo programme add` (or "
                   "`sohosolo demo`) first\n";
      return kExitInvalid;
    }
    found = all.front();
    if (all.size() > 1)
      std::cerr << "sohosolo: the database has " << all.size() << " programmes; using '"
                << found->slug << "', the first created (choose with --programme SLUG)\n";
  }
  auth::Service service(*pool, config.auth);
  auto id = service.CreateAccount(found->id, email,
                                  name.empty() ? email.substr(0, email.find('@')) : name, role,
                                  password, "fr");
  if (!id) {
    PrintErrors(id.error());
    return ExitFor(id.error());
  }
  std::cout << "account " << *id << " (" << email << ") is " << role << " of " << found->slug
            << "\n";
  return kExitOk;
}

int ProgrammeAdd(const Config& config, const std::string& slug, const std::string& name,
                 const std::vector<std::string>& hosts, const std::string& public_url) {
  auto pool = OpenMigrated(config);
  if (!pool) return kExitUnavailable;
  portal::Programmes programmes(*pool);
  auto id = programmes.Create(slug, name, "", hosts, public_url);
  if (!id) {
    PrintErrors(id.error());
    return ExitFor(id.error());
  }
  std::cout << "programme " << slug << " created\n";
  return kExitOk;
}

int ProgrammeSet(const Config& config, const std::string& slug, const ProgrammeSettings& settings) {
  if (!settings.public_url && !settings.abandoned_years) {
    std::cerr << "sohosolo: give --public-url or --abandoned-years\n";
    return kExitUsage;
  }
  auto pool = OpenMigrated(config);
  if (!pool) return kExitUnavailable;
  const auto programme = portal::FindProgramme(*pool, slug);
  if (!programme) {
    std::cerr << "sohosolo: no programme '" << slug << "'\n";
    return kExitInvalid;
  }
  // Each setting is checked before any is stored.
  if (settings.abandoned_years &&
      (*settings.abandoned_years < 1 || *settings.abandoned_years > 50)) {
    std::cerr << "sohosolo: --abandoned-years: from 1 to 50\n";
    return kExitInvalid;
  }
  if (settings.public_url) {
    portal::Programmes programmes(*pool);
    if (auto done = programmes.SetPublicUrl(slug, *settings.public_url); !done) {
      PrintErrors(done.error());
      return ExitFor(done.error());
    }
    std::cout << "programme " << slug << ": links now start with " << *settings.public_url
              << " (running servers see it when restarted)\n";
  }
  if (settings.abandoned_years) {
    journeys::Journeys files(*pool, {});
    if (auto done = files.SetAbandonedYears(programme->id, *settings.abandoned_years); !done) {
      PrintErrors(done.error());
      return ExitFor(done.error());
    }
    std::cout << "programme " << slug << ": files abandoned more than " << *settings.abandoned_years
              << " years ago are anonymised by maintenance\n";
  }
  return kExitOk;
}

int ProgrammeMail(const Config& config, const std::string& slug, const ProgrammeMailOptions& o) {
  auto pool = OpenMigrated(config);
  if (!pool) return kExitUnavailable;
  const auto programme = portal::FindProgramme(*pool, slug);
  if (!programme) {
    std::cerr << "sohosolo: no programme '" << slug << "'\n";
    return kExitInvalid;
  }
  auto lease = pool->Acquire();
  outbox::ProgrammeMailStore store(lease);
  if (o.clear) {
    store.Clear(programme->id);
    std::cout << "programme " << slug << ": mail leaves with the instance's settings\n";
    return kExitOk;
  }
  auto m = store.Find(programme->id).value_or(outbox::ProgrammeMail{programme->id});
  const bool change = o.smtp_url || o.password_file || o.mail_from || o.per_second;
  if (o.smtp_url) m.smtp_url = *o.smtp_url;
  if (o.password_file) m.password_file = *o.password_file;
  if (o.mail_from) m.mail_from = *o.mail_from;
  if (o.per_second) m.per_second = *o.per_second;
  if (change) {
    if (auto checked = outbox::CheckProgrammeMail(m); !checked) {
      PrintErrors(checked.error());
      return kExitInvalid;
    }
    store.Save(m, core::Now());
  }
  const auto or_instance = [](const std::string& v) {
    return v.empty() ? std::string("(the instance's)") : v;
  };
  std::cout << "programme " << slug
            << (change ? ": mail settings saved (running senders use "
                         "them from their next round)\n"
                       : ": mail settings\n")
            << "  smtp server:   " << or_instance(m.smtp_url) << "\n"
            << "  password file: " << (m.password_file.empty() ? "(none)" : m.password_file) << "\n"
            << "  sender:        " << or_instance(m.mail_from) << "\n"
            << "  rate:          "
            << (m.per_second > 0 ? std::to_string(m.per_second) + " per second"
                                 : std::string("(the instance's)"))
            << "\n";
  return kExitOk;
}

}  // namespace sohosolo::app
