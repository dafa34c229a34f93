#include "console/operator_accounts.h"

#include <optional>

#include "base/text.h"
#include "console/admin_session.h"
#include "domain/password_hash.h"
#include "store/audit.h"
#include "store/operators.h"

namespace passwd {
namespace {

constexpr size_t kMaxDisplayNameChars = 128;

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

// One try of SaveOperatorAccount's transaction.
Status Save(SqlSession* session, const std::string& login,
            const std::string& display_name, const std::string& password,
            const std::string& hash, std::chrono::system_clock::time_point now,
            OperatorSaveOutcome* outcome) {
  std::optional<OperatorAccount> op;
  Status s = FindOperatorForUpdate(session, login, &op);
  if (!s.ok()) return s;
  *outcome = op ? OperatorSaveOutcome::kUpdated : OperatorSaveOutcome::kCreated;
  if (op && Unchanged(*op, display_name, password)) {
    *outcome = OperatorSaveOutcome::kUnchanged;
    return Status::Ok();
  }
  s = SaveOperator(session, login, display_name, hash, now);
  if (s.ok() && op) s = EndOperatorSessionsOf(session, login, now);
  if (!s.ok()) return s;
  return AppendAudit(session, kAdministrationCommand, now,
                     {op ? "operator_updated" : "operator_created", "", login,
                      "by umin-passwdctl"});
}

// One try of SetOperatorEnabled's transaction.
Status SetEnabled(SqlSession* session, const std::string& login, bool enabled,
                  std::chrono::system_clock::time_point now) {
  std::optional<OperatorAccount> op;
  Status s = FindOperatorForUpdate(session, login, &op);
  if (!s.ok()) return s;
  if (!op) return Status::NotFound("no operator " + login);
  if (op->disabled == !enabled) return Status::Ok();
  s = SetOperatorDisabled(session, op->id, !enabled, now);
  // A disabled operator's open sessions end now, not at their next request.
  if (s.ok() && !enabled) s = EndOperatorSessionsOf(session, login, now);
  if (!s.ok()) return s;
  return AppendAudit(session, kAdministrationCommand, now,
                     {enabled ? "operator_enabled" : "operator_disabled", "",
                      login, "by umin-passwdctl"});
}

}  // namespace

bool ValidOperatorDisplayName(const std::string& name) {
  if (name.empty() || !IsValidUtf8Text(name)) return false;
  for (char c : name) {
    if (c == '\t' || c == '\r' || c == '\n') return false;
  }
  return Utf8Length(name) <= kMaxDisplayNameChars;
}

Status SaveOperatorAccount(Env* env, const std::string& login,
                           const std::string& display_name,
                           const std::string& password,
                           OperatorSaveOutcome* outcome) {
  if (!ValidOperatorLogin(login)) {
    return Status::InvalidInput(
        "a login is 2 to 64 of a-z 0-9 . _ - starting with a letter or digit");
  }
  if (!ValidOperatorDisplayName(display_name)) {
    return Status::InvalidInput(
        "the display name must be 1 to 128 characters of UTF-8 on one line");
  }
  if (!AcceptableOperatorPassword(password)) {
    return Status::InvalidInput(
        "the password must be 10 to 128 printable ASCII characters without "
        "spaces");
  }
  std::string hash;
  Status s = HashOperatorPassword(env, password, &hash);
  if (!s.ok()) return s;
  return env->db()->Transaction([&](SqlSession* session) {
    return Save(session, login, display_name, password, hash, env->Now(),
                outcome);
  });
}

Status SetOperatorEnabled(Env* env, const std::string& login, bool enabled) {
  return env->db()->Transaction([&](SqlSession* session) {
    return SetEnabled(session, login, enabled, env->Now());
  });
}

}  // namespace passwd
