// What the database tests share: the running stack's configuration, an Env
// whose clock a test can move, so its rows stay out of the running workers'
// way, and a scratch database for a test that must not see the stack's rows.
#ifndef PASSWD_TESTS_DB_DB_FIXTURE_H_
#define PASSWD_TESTS_DB_DB_FIXTURE_H_

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "base/config.h"
#include "base/env.h"
#include "store/schema_migrations.h"

namespace passwd {

// The configuration named by PASSWD_CONFIG (the dev stack's); fails the test
// when it cannot be read.
inline Config TestConfig() {
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  BOOST_REQUIRE_MESSAGE(s.ok(), "PASSWD_CONFIG: " + s.ToString());
  return config;
}

// The process Env with its clock moved by a settable shift.
class ShiftedEnv : public ProcessEnv {
 public:
  using ProcessEnv::ProcessEnv;
  std::chrono::system_clock::time_point Now() override {
    return ProcessEnv::Now() + shift_;
  }
  void set_shift(std::chrono::seconds shift) { shift_ = shift; }

 private:
  std::chrono::seconds shift_{0};
};

// A database of the test's own on the stack's MariaDB, every migration of
// sql/ applied, dropped again when the object goes: for a test whose figures
// (rows read, counts) must not depend on what the stack's database holds. It
// is reached as the migration account (migrate_user, as `umin-passwdctl
// migrate` is), the one allowed to create and drop databases; one left by a
// test that crashed is dropped first.
class ScratchDatabase {
 public:
  // `suffix` names it: "<the stack's db_name>_<suffix>".
  explicit ScratchDatabase(const std::string& suffix) : config_(TestConfig()) {
    BOOST_REQUIRE_MESSAGE(!config_.migrate_user.empty(),
                          "a scratch database needs migrate_user in "
                          "PASSWD_CONFIG (an account allowed DDL)");
    config_.db_user = config_.migrate_user;
    config_.db_password = config_.migrate_password;
    name_ = config_.db_name + "_" + suffix;
    Status s = OnServer("DROP DATABASE IF EXISTS `" + name_ + "`");
    if (s.ok()) s = OnServer("CREATE DATABASE `" + name_ + "`");
    BOOST_REQUIRE_MESSAGE(s.ok(), name_ + ": " + s.ToString());
    config_.db_name = name_;
    std::vector<MigrationFile> files;
    s = ReadMigrationFiles(config_.sql_dir, BuiltMigrations(), &files);
    std::vector<std::string> done;
    if (s.ok()) {
      ProcessEnv env(config_);
      s = Migrate(env.db(), files, env.Now(), &done);
    }
    BOOST_REQUIRE_MESSAGE(s.ok(), name_ + ": migrate: " + s.ToString());
  }
  ~ScratchDatabase() {
    Status s = OnServer("DROP DATABASE IF EXISTS `" + name_ + "`");
    BOOST_TEST(s.ok(), name_ + ": " + s.ToString());
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  // The stack's configuration, naming the scratch database and the
  // migration account.
  const Config& config() const { return config_; }

 private:
  // Runs `statement` through a connection to the stack's own database.
  Status OnServer(const std::string& statement) {
    Config server = config_;
    server.db_name = TestConfig().db_name;
    ProcessEnv env(server);
    return env.db()->Transaction([&](SqlSession* session) {
      return session->ExecuteScriptStatement(statement);
    });
  }

  Config config_;
  std::string name_;
};

}  // namespace passwd

#endif  // PASSWD_TESTS_DB_DB_FIXTURE_H_
