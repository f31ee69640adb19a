#pragma once
// Storage tests run once against a real SQLite file and once against the throw-away PostgreSQL
// server of the test run (SOHOSOLO_TEST_ENGINE=postgresql). Each test gets a fresh database with
// two programmes, Gers and Lot, so that every store is also checked for isolation.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <random>
#include <string>

#include "auth/service.hpp"
#include "core/crypto.hpp"
#include "db/migrations.hpp"
#include "portal/service.hpp"

namespace sohosolo {

inline std::string Engine() {
  const char* e = std::getenv("SOHOSOLO_TEST_ENGINE");
  return e ? e : "sqlite";
}

/// A fresh database for one test: a new SQLite file, or a new PostgreSQL schema-less database.
class Storage : public ::testing::Test {
 protected:
  void SetUp() override {
    core::InitCrypto();
    std::random_device rd;
    const auto suffix = std::to_string(rd()) + std::to_string(rd());
    if (Engine() == "postgresql") {
      std::ifstream in(std::getenv("SOHOSOLO_TEST_PG_URL_FILE"));
      std::getline(in, base_url_);
      db_name_ = "s_" + suffix;
      {
        db::Pool admin(db::Url::Parse(base_url_), 1);
        admin.Acquire().sql() << "CREATE DATABASE " + db_name_;
      }
      url_ = base_url_.substr(0, base_url_.rfind('/') + 1) + db_name_;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("sohosolo-storage-" + suffix);
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "test.db").string();
    }
    pool_ = std::make_unique<db::Pool>(db::Url::Parse(url_), 4);
    db::Migrate(*pool_, MigrateUpTo());
    portal::Programmes programmes(*pool_);
    gers_ = core::ProgrammeId(*programmes.Create("gers", "Soho Solo Gers", "", {"gers.localhost"}));
    lot_ = core::ProgrammeId(*programmes.Create("lot", "Soho Solo Lot", "", {"lot.localhost"}));
  }

  /// The schema version a test starts from (an upgrade test starts below the latest).
  virtual int MigrateUpTo() const { return std::numeric_limits<int>::max(); }

  void TearDown() override {
    pool_.reset();
    if (!db_name_.empty()) {
      db::Pool admin(db::Url::Parse(base_url_), 1);
      admin.Acquire().sql() << "DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)";
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::string url_, base_url_, db_name_;
  std::filesystem::path dir_;
  std::unique_ptr<db::Pool> pool_;
  core::ProgrammeId gers_{0}, lot_{0};
};

/// A test database's account with a role in programme `p`; returns its id.
inline long long AddAccount(db::Pool& pool, core::ProgrammeId p, const std::string& email,
                            const std::string& role = "member",
                            const std::string& name = "Inès Martin") {
  auth::Service service(pool, {});
  return *service.CreateAccount(p, email, name, role, "", "fr");
}

}  // namespace sohosolo
