// Creates an operator of the console, or resets one's password and display
// name (which also unlocks it, re-enables it and ends its sessions):
//
//   printf '%s' 'password' | add_operator <login> '<display name>'
//
// The password comes from standard input (never the command line, which
// other users can see), up to the first newline; on a terminal it is asked
// twice without echo. Configuration from PASSWD_CONFIG. When the operator
// already has this password and name and is neither locked nor disabled,
// nothing changes, so `make run` can call it every time.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "base/config.h"
#include "base/env.h"
#include "base/text.h"
#include "console/admin_session.h"
#include "domain/password_hash.h"
#include "store/audit.h"
#include "store/operators.h"
#include "web/request.h"

namespace passwd {
namespace {

constexpr size_t kMaxDisplayNameChars = 128;

int Usage() {
  std::fprintf(stderr,
               "usage: printf '%%s' PASSWORD | add_operator LOGIN "
               "'DISPLAY NAME'\n");
  return 2;
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
    std::fprintf(stderr, "add_operator: the two passwords differ\n");
    return false;
  }
  return true;
}

bool ValidDisplayName(const std::string& name) {
  if (name.empty() || !IsValidUtf8Text(name)) return false;
  for (char c : name) {
    if (c == '\t' || c == '\r' || c == '\n') return false;
  }
  return Utf8Length(name) <= kMaxDisplayNameChars;
}

// What saving the operator came to.
enum class SaveOutcome { kCreated, kUpdated, kUnchanged };

// True when `op` already has `display_name` and `password` and is neither
// locked nor disabled, so that saving would change nothing.
bool Unchanged(const OperatorAccount& op, const std::string& display_name,
               const std::string& password) {
  if (op.display_name != display_name || op.disabled || op.failed_logins != 0 ||
      op.locked_until) {
    return false;
  }
  bool same = false;
  // A stored hash that cannot be read counts as a different password.
  (void)VerifyPassword(password, op.password_hash, &same);
  return same;
}

// One try of the transaction: creates or resets the operator, ending its
// sessions when it existed, audited.
Status Save(SqlSession* session, const std::string& login,
            const std::string& display_name, const std::string& password,
            const std::string& hash, std::chrono::system_clock::time_point now,
            SaveOutcome* done) {
  std::optional<OperatorAccount> op;
  Status s = FindOperatorForUpdate(session, login, &op);
  if (!s.ok()) return s;
  *done = op ? SaveOutcome::kUpdated : SaveOutcome::kCreated;
  if (op && Unchanged(*op, display_name, password)) {
    *done = SaveOutcome::kUnchanged;
    return Status::Ok();
  }
  s = SaveOperator(session, login, display_name, hash, now);
  if (s.ok() && *done == SaveOutcome::kUpdated) {
    s = EndOperatorSessionsOf(session, login, now);
  }
  if (!s.ok()) return s;
  return AppendAudit(
      session, {"", "add_operator"}, now,
      {*done == SaveOutcome::kCreated ? "operator_created" : "operator_updated",
       "", login, "by add_operator"});
}

int Run(int argc, char** argv) {
  if (argc != 3) return Usage();
  const std::string login = argv[1];
  const std::string display_name = argv[2];
  if (!ValidOperatorLogin(login)) {
    std::fprintf(stderr,
                 "add_operator: a login is 2 to 64 of a-z 0-9 . _ - "
                 "starting with a letter or digit\n");
    return 2;
  }
  if (!ValidDisplayName(display_name)) {
    std::fprintf(stderr,
                 "add_operator: the display name must be 1 to 128 characters "
                 "of UTF-8 on one line\n");
    return 2;
  }
  std::string password;
  if (!ReadPassword(&password)) return 2;
  if (!AcceptableOperatorPassword(password)) {
    std::fprintf(stderr,
                 "add_operator: the password must be 10 to 128 printable "
                 "ASCII characters without spaces\n");
    return 2;
  }

  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  if (!s.ok()) {
    std::fprintf(stderr, "add_operator: %s\n", s.ToString().c_str());
    return 1;
  }
  ProcessEnv env(config);
  std::string hash;
  s = HashOperatorPassword(&env, password, &hash);
  if (!s.ok()) {
    std::fprintf(stderr, "add_operator: %s\n", s.ToString().c_str());
    return 1;
  }

  SaveOutcome done = SaveOutcome::kCreated;
  s = env.db()->Transaction([&](SqlSession* session) {
    return Save(session, login, display_name, password, hash, env.Now(), &done);
  });
  if (!s.ok()) {
    std::fprintf(stderr, "add_operator: %s\n", s.ToString().c_str());
    return 1;
  }
  const char* what = done == SaveOutcome::kCreated   ? "created"
                     : done == SaveOutcome::kUpdated ? "updated"
                                                     : "unchanged";
  std::printf("add_operator: operator %s %s\n", login.c_str(), what);
  return 0;
}

}  // namespace
}  // namespace passwd

int main(int argc, char** argv) { return passwd::Run(argc, argv); }
