#include "console/admin_session.h"

#include <optional>
#include <vector>

#include "base/crypto.h"
#include "base/database.h"
#include "base/paths.h"
#include "domain/password_hash.h"
#include "store/audit.h"
#include "store/operators.h"
#include "web/csrf.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

constexpr size_t kSessionTokenBytes = 32;
constexpr size_t kMaxLoginLength = 64;
constexpr size_t kMaxPasswordLength = 128;
constexpr size_t kMinPasswordLength = 10;

ScryptParams ParamsFrom(const Config& config) {
  ScryptParams params;
  params.log2_n = static_cast<int>(config.scrypt_log2_n);
  return params;
}

// A hash no password matches, verified for an unknown login so that the
// answer takes as long as for a known one.
const std::string& DummyHash(const Config& config) {
  static const std::string* hash = [&config] {
    auto* h = new std::string;
    if (!HashPassword("no operator has this password",
                      std::string(kScryptSaltLength, '\0'), ParamsFrom(config),
                      h)
             .ok()) {
      h->clear();
    }
    return h;
  }();
  return *hash;
}

// One login attempt, as the steps of LogIn share it. Each step audits its
// outcome with the login of an existing operator, or none (not looked up,
// or naming no operator): a typed login is never stored as such, since it
// may be a password typed into the wrong field.
struct LoginAttempt {
  const Request& request;
  const std::string& login;
  const std::string& password;
  const std::string& token;  // the new session's cookie value
  const std::string& dummy_hash;
  system_clock::time_point now;
  LoginResult* result;
};

Status CountAddressFailure(SqlSession* session, const LoginAttempt& attempt) {
  return RecordRateEvent(session, kAdminLoginFailuresPerAddress,
                         attempt.request.client_address(), attempt.now);
}

// A login that names no enabled operator (`known` is the disabled one, if
// any): answered as a real operator's would be, wrong and then locked.
Status AnswerNoOperator(SqlSession* session, const LoginAttempt& attempt,
                        const std::optional<OperatorAccount>& known) {
  bool ignored = false;
  // Spends the time of a real check, so timing tells no login apart.
  (void)VerifyPassword(attempt.password, attempt.dummy_hash, &ignored);
  Status s = CountAddressFailure(session, attempt);
  if (!s.ok()) return s;
  const std::string known_login = known ? known->login : "";
  const std::string why =
      known ? "disabled" : "no such operator (unknown login)";
  const std::string subject = HexEncode(Sha256(attempt.login));
  std::optional<system_clock::time_point> locked_until;
  s = CheckRateLimit(session, kAdminUnknownLoginFailures, subject, attempt.now,
                     &locked_until);
  if (!s.ok()) return s;
  if (locked_until) {
    attempt.result->outcome = LoginOutcome::kLocked;
    attempt.result->retry_at = *locked_until;
    return AppendAudit(session, attempt.request.caller(), attempt.now,
                       {"admin_login_refused", "", known_login, why});
  }
  s = RecordRateEvent(session, kAdminUnknownLoginFailures, subject,
                      attempt.now);
  if (!s.ok()) return s;
  attempt.result->outcome = LoginOutcome::kWrong;
  return AppendAudit(session, attempt.request.caller(), attempt.now,
                     {"admin_login_failed", "", known_login, why});
}

// A wrong password for `op`: counted, and the kMaxOperatorFailures-th in a
// row locks the operator.
Status AnswerWrongPassword(SqlSession* session, const LoginAttempt& attempt,
                           const OperatorAccount& op) {
  Status s = CountAddressFailure(session, attempt);
  if (!s.ok()) return s;
  const int64_t failures = op.failed_logins + 1;
  if (failures >= kMaxOperatorFailures) {
    attempt.result->outcome = LoginOutcome::kLocked;
    attempt.result->retry_at = attempt.now + kOperatorLockTime;
    s = RecordOperatorFailures(session, op.id, 0, attempt.result->retry_at,
                               attempt.now);
    if (!s.ok()) return s;
    return AppendAudit(
        session, attempt.request.caller(), attempt.now,
        {"admin_login_locked", "", op.login,
         std::to_string(kMaxOperatorFailures) + " wrong passwords"});
  }
  attempt.result->outcome = LoginOutcome::kWrong;
  s = RecordOperatorFailures(session, op.id, failures, std::nullopt,
                             attempt.now);
  if (!s.ok()) return s;
  return AppendAudit(session, attempt.request.caller(), attempt.now,
                     {"admin_login_failed", "", op.login,
                      "wrong password " + std::to_string(failures)});
}

// The right password for `op`: opens a session, ending the one this
// browser still had.
Status OpenSession(SqlSession* session, const LoginAttempt& attempt,
                   const OperatorAccount& account) {
  Status s = ClearOperatorFailures(session, account.id, attempt.now);
  const std::string previous = attempt.request.Cookie(kAdminSessionCookie);
  if (s.ok() && !previous.empty()) {
    s = EndOperatorSessionOfToken(session, AdminSessionTokenHash(previous),
                                  attempt.now);
  }
  Operator op;
  op.id = account.id;
  op.login = account.login;
  op.display_name = account.display_name;
  if (s.ok()) {
    s = OpenOperatorSession(session, AdminSessionTokenHash(attempt.token),
                            op.id, attempt.request.client_address(),
                            attempt.now, &op.session_id);
  }
  if (!s.ok()) return s;
  attempt.result->outcome = LoginOutcome::kSignedIn;
  attempt.result->op = op;
  attempt.result->session_token = attempt.token;
  return AppendAudit(session, attempt.request.caller(), attempt.now,
                     {"admin_login", "", op.login, ""});
}

// One try of LogIn's transaction.
Status TryLogIn(SqlSession* session, const LoginAttempt& attempt) {
  *attempt.result = LoginResult{};
  std::optional<system_clock::time_point> retry_at;
  Status s =
      CheckRateLimit(session, kAdminLoginFailuresPerAddress,
                     attempt.request.client_address(), attempt.now, &retry_at);
  if (!s.ok()) return s;
  if (retry_at) {
    attempt.result->outcome = LoginOutcome::kRateLimited;
    attempt.result->retry_at = *retry_at;
    return AppendAudit(session, attempt.request.caller(), attempt.now,
                       {"admin_login_refused", "", "", "address rate limit"});
  }
  std::optional<OperatorAccount> op;
  if (ValidOperatorLogin(attempt.login)) {
    s = FindOperatorForUpdate(session, attempt.login, &op);
    if (!s.ok()) return s;
  }
  if (!op || op->disabled) return AnswerNoOperator(session, attempt, op);
  if (op->locked_until && attempt.now < *op->locked_until) {
    attempt.result->outcome = LoginOutcome::kLocked;
    attempt.result->retry_at = *op->locked_until;
    s = CountAddressFailure(session, attempt);
    if (!s.ok()) return s;
    return AppendAudit(
        session, attempt.request.caller(), attempt.now,
        {"admin_login_refused", "", op->login, "operator locked"});
  }
  bool match = false;
  // A stored hash that cannot be read matches no password.
  (void)VerifyPassword(attempt.password, op->password_hash, &match);
  if (!match) return AnswerWrongPassword(session, attempt, *op);
  return OpenSession(session, attempt, *op);
}

// Ends session `session_id` because of `age` (or because its operator was
// disabled, when `age` is kLive) and audits why.
Status EndTimedOutSession(SqlSession* session, const Request& request,
                          const OperatorSession& open, SessionAge age,
                          system_clock::time_point now) {
  Status s = EndOperatorSession(session, open.id, now);
  if (!s.ok()) return s;
  return AppendAudit(session, request.caller(), now,
                     {"admin_session_ended", "", open.login,
                      age == SessionAge::kIdle      ? "idle timeout"
                      : age == SessionAge::kExpired ? "absolute timeout"
                                                    : "operator disabled"});
}

// One try of RequireOperator's transaction: `*op` becomes the operator of
// the live session of `token_hash`, marked used; a session a timeout ends
// sets `*ended`.
Status ResumeSession(SqlSession* session, const Request& request,
                     const std::string& token_hash,
                     system_clock::time_point now, Operator* op,
                     std::optional<SessionAge>* ended) {
  ended->reset();
  *op = Operator{};
  std::optional<OperatorSession> open;
  Status s = FindOpenOperatorSession(session, token_hash, &open);
  if (!s.ok() || !open) return s;
  const SessionAge age =
      SessionAgeAt(open->created_at, open->last_seen_at, now);
  if (age != SessionAge::kLive || open->operator_disabled) {
    *ended = age;
    return EndTimedOutSession(session, request, *open, age, now);
  }
  s = TouchOperatorSession(session, open->id, now);
  if (!s.ok()) return s;
  op->id = open->operator_id;
  op->login = open->login;
  op->display_name = open->display_name;
  op->session_id = open->id;
  return Status::Ok();
}

}  // namespace

SessionAge SessionAgeAt(system_clock::time_point created,
                        system_clock::time_point last_seen,
                        system_clock::time_point now) {
  if (now - created >= kAdminAbsoluteTimeout) return SessionAge::kExpired;
  if (now - last_seen >= kAdminIdleTimeout) return SessionAge::kIdle;
  return SessionAge::kLive;
}

bool ValidOperatorLogin(const std::string& login) {
  if (login.size() < 2 || login.size() > kMaxLoginLength) return false;
  for (size_t i = 0; i < login.size(); ++i) {
    char c = login[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
  }
  return true;
}

bool AcceptableOperatorPassword(const std::string& password) {
  if (password.size() < kMinPasswordLength ||
      password.size() > kMaxPasswordLength) {
    return false;
  }
  for (char c : password) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

std::string AdminSessionTokenHash(const std::string& token) {
  return StoredTokenHash(token);
}

Status HashOperatorPassword(Env* env, const std::string& password,
                            std::string* hash) {
  std::string salt;
  Status s = env->RandomBytes(kScryptSaltLength, &salt);
  if (!s.ok()) return s;
  return HashPassword(password, salt, ParamsFrom(env->config()), hash);
}

void SetAdminSessionCookie(const std::string& token, Response* response) {
  response->SetCookie(kAdminSessionCookie, token, kAdminPrefix);
}

Status LogIn(Env* env, const Request& request, const std::string& login,
             const std::string& password, LoginResult* result) {
  std::string token_bytes;
  Status s = env->RandomBytes(kSessionTokenBytes, &token_bytes);
  if (!s.ok()) return s;
  const std::string token = Base64UrlEncode(token_bytes);
  const std::string& dummy = DummyHash(env->config());
  if (dummy.empty()) return Status::Internal("cannot hash the dummy password");
  return env->db()->Transaction([&](SqlSession* session) {
    return TryLogIn(
        session, {request, login, password, token, dummy, env->Now(), result});
  });
}

Status RequireOperator(const Request& request, Env* env, Response* response,
                       Operator* out) {
  *out = Operator{};
  const std::string token = request.Cookie(kAdminSessionCookie);
  std::optional<SessionAge> ended;  // set when a timeout ends the session
  Operator op;
  if (!token.empty()) {
    Status s = env->db()->Transaction([&](SqlSession* session) {
      return ResumeSession(session, request, AdminSessionTokenHash(token),
                           env->Now(), &op, &ended);
    });
    if (!s.ok()) return s;
  }
  if (op.signed_in()) {
    op.csrf_token = SessionCsrfToken(env->config(), token);
    *out = op;
    return Status::Ok();
  }
  if (!token.empty()) {
    response->ClearCookie(kAdminSessionCookie, kAdminPrefix);
  }
  response->Redirect(ended ? std::string(kAdminLoginPath) + "?timeout=1"
                           : std::string(kAdminLoginPath));
  return Status::Ok();
}

Status LogOut(const Request& request, Env* env, const Operator& op,
              Response* response) {
  Status s = env->db()->Transaction([&](SqlSession* session) {
    const system_clock::time_point now = env->Now();
    Status t = EndOperatorSession(session, op.session_id, now);
    if (!t.ok()) return t;
    return AppendAudit(session, request.caller(), now,
                       {"admin_logout", "", op.login, ""});
  });
  if (!s.ok()) return s;
  response->ClearCookie(kAdminSessionCookie, kAdminPrefix);
  return Status::Ok();
}

}  // namespace passwd
