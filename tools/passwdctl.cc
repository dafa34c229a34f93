// umin-passwdctl, the administration command (build/tools/passwdctl):
//
//   passwdctl init FILE                  fresh random keys where missing
//   passwdctl check-config [FILE]        refuses what start-up would refuse
//   passwdctl migrate [--status] [--sql-dir DIR]
//   passwdctl add-operator LOGIN 'DISPLAY NAME'   (password on stdin)
//   passwdctl disable-operator LOGIN
//   passwdctl enable-operator LOGIN
//   passwdctl import-accounts FILE [--full] [--dry-run]
//
// The configuration comes from PASSWD_CONFIG or the compiled-in default. A
// password is read from standard input only (the command line is visible to
// other users), up to the first newline; on a terminal it is asked twice
// without echo. The work is done by lib/; this file parses and reports.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "base/config.h"
#include "base/env.h"
#include "console/operator_accounts.h"
#include "flow/account_import.h"
#include "store/schema_migrations.h"

namespace passwd {
namespace {

int Usage() {
  std::fprintf(
      stderr,
      "usage: umin-passwdctl init FILE\n"
      "       umin-passwdctl check-config [FILE]\n"
      "       umin-passwdctl migrate [--status] [--sql-dir DIR]\n"
      "       printf '%%s' PASSWORD | umin-passwdctl add-operator LOGIN "
      "'DISPLAY NAME'\n"
      "       umin-passwdctl disable-operator LOGIN\n"
      "       umin-passwdctl enable-operator LOGIN\n"
      "       umin-passwdctl import-accounts FILE [--full] [--dry-run]\n");
  return 2;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "umin-passwdctl: %s\n", s.ToString().c_str());
  return 1;
}

// Reads one line from `in` without its line break.
std::string ReadLine(std::FILE* in) {
  std::string line;
  int c;
  while ((c = std::fgetc(in)) != EOF && c != '\n') {
    line.push_back(static_cast<char>(c));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Asks for the password on the terminal without echo.
std::string AskWithoutEcho(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  termios saved{};
  bool restore = tcgetattr(0, &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(0, TCSAFLUSH, &quiet);
  }
  std::string line = ReadLine(stdin);
  if (restore) tcsetattr(0, TCSAFLUSH, &saved);
  std::fprintf(stderr, "\n");
  return line;
}

bool ReadPassword(std::string* password) {
  if (!isatty(0)) {
    *password = ReadLine(stdin);
    return true;
  }
  *password = AskWithoutEcho("Password: ");
  if (AskWithoutEcho("Password again: ") != *password) {
    std::fprintf(stderr, "umin-passwdctl: the two passwords differ\n");
    return false;
  }
  return true;
}

int Init(const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage();
  std::vector<std::string> written;
  Status s = InitConfigFile(args[0], &written);
  if (!s.ok()) return Fail(s);
  for (const auto& key : written) {
    std::printf("umin-passwdctl: wrote a random %s to %s\n", key.c_str(),
                args[0].c_str());
  }
  if (written.empty()) std::printf("umin-passwdctl: every key is set\n");
  return 0;
}

int CheckConfig(const std::vector<std::string>& args) {
  if (args.size() > 1) return Usage();
  const std::string path = args.empty() ? ConfigPath() : args[0];
  Config config;
  std::vector<std::string> problems;
  if (LoadCheckedConfig(path, &config, &problems).ok()) {
    std::printf("%s: ok\n", path.c_str());
    return 0;
  }
  for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
  return 1;
}

int Migrate(const std::vector<std::string>& args) {
  bool status_only = false;
  std::string sql_dir;  // --sql-dir, else the configuration's sql_dir
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--status") {
      status_only = true;
    } else if (args[i] == "--sql-dir" && i + 1 < args.size()) {
      sql_dir = args[++i];
    } else {
      return Usage();
    }
  }
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  if (!s.ok()) return Fail(s);
  if (sql_dir.empty()) sql_dir = config.sql_dir;
  // Schema changes need an account with DDL rights, which the pages' must
  // not have.
  if (!config.migrate_user.empty()) {
    config.db_user = config.migrate_user;
    config.db_password = config.migrate_password;
  }
  std::vector<MigrationFile> files;
  s = ReadMigrationFiles(sql_dir, BuiltMigrations(), &files);
  if (!s.ok()) return Fail(s);
  ProcessEnv env(config);
  if (status_only) {
    std::vector<MigrationState> states;
    s = ReadMigrationStates(env.db(), files, &states);
    if (!s.ok()) return Fail(s);
    for (const auto& m : states) {
      std::printf("%-8s %s\n", m.applied ? "applied" : "pending",
                  m.name.c_str());
    }
    return 0;
  }
  std::vector<std::string> done;
  s = passwd::Migrate(env.db(), files, env.Now(), &done);
  for (const auto& name : done) std::printf("applied %s\n", name.c_str());
  if (!s.ok()) return Fail(s);
  if (done.empty()) std::printf("the schema is current\n");
  return 0;
}

int AddOperator(const std::vector<std::string>& args) {
  if (args.size() != 2) return Usage();
  std::string password;
  if (!ReadPassword(&password)) return 2;
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  if (!s.ok()) return Fail(s);
  ProcessEnv env(config);
  OperatorSaveOutcome outcome = OperatorSaveOutcome::kCreated;
  s = SaveOperatorAccount(&env, args[0], args[1], password, &outcome);
  if (!s.ok()) {
    Fail(s);
    return s.code() == Status::Code::kInvalidInput ? 2 : 1;
  }
  const char* what = outcome == OperatorSaveOutcome::kCreated   ? "created"
                     : outcome == OperatorSaveOutcome::kUpdated ? "updated"
                                                                : "unchanged";
  std::printf("umin-passwdctl: operator %s %s\n", args[0].c_str(), what);
  return 0;
}

int SetEnabled(const std::vector<std::string>& args, bool enabled) {
  if (args.size() != 1) return Usage();
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  if (!s.ok()) return Fail(s);
  ProcessEnv env(config);
  s = SetOperatorEnabled(&env, args[0], enabled);
  if (!s.ok()) return Fail(s);
  std::printf("umin-passwdctl: operator %s %s\n", args[0].c_str(),
              enabled ? "enabled" : "disabled");
  return 0;
}

int DisableOperator(const std::vector<std::string>& args) {
  return SetEnabled(args, false);
}

int EnableOperator(const std::vector<std::string>& args) {
  return SetEnabled(args, true);
}

// Problems printed at most; the rest are counted in one line.
constexpr size_t kMaxPrintedProblems = 100;

int ImportAccounts(const std::vector<std::string>& args) {
  std::string path;
  ImportOptions options;
  for (const auto& arg : args) {
    if (arg == "--full") {
      options.full = true;
    } else if (arg == "--dry-run") {
      options.dry_run = true;
    } else if (path.empty() && !arg.empty() && arg[0] != '-') {
      path = arg;
    } else {
      return Usage();
    }
  }
  if (path.empty()) return Usage();
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  if (!s.ok()) return Fail(s);
  ProcessEnv env(config);
  ImportResult result;
  s = ImportAccountFile(&env, path, options, &result);
  if (!s.ok()) return Fail(s);
  for (size_t i = 0; i < result.problems.size() && i < kMaxPrintedProblems;
       ++i) {
    std::fprintf(stderr, "line %zu: %s\n", result.problems[i].line,
                 result.problems[i].reason.c_str());
  }
  if (result.problems.size() > kMaxPrintedProblems) {
    std::fprintf(stderr, "and %zu more\n",
                 result.problems.size() - kMaxPrintedProblems);
  }
  std::printf("%s\n", FormatImportCounts(result.counts).c_str());
  if (!result.problems.empty()) {
    std::fprintf(stderr, "umin-passwdctl: %s refused, nothing written\n",
                 path.c_str());
    return 1;
  }
  if (options.dry_run) std::printf("dry run, nothing written\n");
  return 0;
}

// The subcommands, by name.
const struct {
  const char* name;
  int (*run)(const std::vector<std::string>& args);
} kCommands[] = {
    {"init", Init},
    {"check-config", CheckConfig},
    {"migrate", Migrate},
    {"add-operator", AddOperator},
    {"disable-operator", DisableOperator},
    {"enable-operator", EnableOperator},
    {"import-accounts", ImportAccounts},
};

int Run(int argc, char** argv) {
  if (argc < 2) return Usage();
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& command : kCommands) {
    if (std::strcmp(argv[1], command.name) == 0) return command.run(args);
  }
  return Usage();
}

}  // namespace
}  // namespace passwd

int main(int argc, char** argv) { return passwd::Run(argc, argv); }
