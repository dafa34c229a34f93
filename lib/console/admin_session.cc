#include "console/admin_session.h"

#include <optional>
#include <vector>

#include "base/client_address.h"
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

// A hash no password matches, verified for an unknown, disabled or locked
// login so that the answer takes as long as for an open one.
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
                         ClientAddressGroup(attempt.request.client_address()),
                         attempt.now);
}

// A login's wrong passwords in a row and its lock: the operator's row keeps
// them for a real operator, rate-limit events for a login that names none
// (ReadUnknownLogin). One rule, CountFailure, moves both on, so the two are
// answered alike.
struct FailureState {
  int64_t failures = 0;  // wrong passwords in a row since the last lock
  std::optional<system_clock::time_point> locked_until;

  bool LockedAt(system_clock::time_point now) const {
    return locked_until && now < *locked_until;
  }
};

// Where a failed attempt at `now` leaves a login of `state`, and how it is
// answered (`result`): locked until the lock's end while a lock holds;
// else one failure more, the kMaxOperatorFailures-th in a row locking it
// for kOperatorLockTime from now.
FailureState CountFailure(const FailureState& state,
                          system_clock::time_point now, LoginResult* result) {
  if (state.LockedAt(now)) {
    result->outcome = LoginOutcome::kLocked;
    result->retry_at = *state.locked_until;
    return state;
  }
  const int64_t failures = state.failures + 1;
  if (failures >= kMaxOperatorFailures) {
    result->outcome = LoginOutcome::kLocked;
    result->retry_at = now + kOperatorLockTime;
    return {0, result->retry_at};
  }
  result->outcome = LoginOutcome::kWrong;
  return {failures, std::nullopt};
}

// The state of a login that names no enabled operator, kept under
// `subject` (the login's SHA-256): its last lock (kAdminUnknownLoginLocks)
// and its failures since (kAdminUnknownLoginFailures). The housekeeper
// forgets events after two days; an operator's row keeps its count.
Status ReadUnknownLogin(SqlSession* session, const std::string& subject,
                        system_clock::time_point now, FailureState* state) {
  RateEvents locks;
  Status s = ReadRateEvents(session, kAdminUnknownLoginLocks, subject,
                            system_clock::time_point{}, now, &locks);
  if (!s.ok()) return s;
  RateEvents failures;
  s = ReadRateEvents(session, kAdminUnknownLoginFailures, subject,
                     locks.latest.value_or(system_clock::time_point{}), now,
                     &failures);
  if (!s.ok()) return s;
  *state = FailureState{};
  state->failures = failures.count;
  if (locks.latest) state->locked_until = *locks.latest + kOperatorLockTime;
  return Status::Ok();
}

// Stores and audits a failed attempt at a login that names no enabled
// operator (`known` is the disabled one, if any), whose state was
// `before` and is now `after`.
Status StoreUnknownLoginFailure(SqlSession* session,
                                const LoginAttempt& attempt,
                                const std::optional<OperatorAccount>& known,
                                const std::string& subject,
                                const FailureState& before,
                                const FailureState& after) {
  if (!before.LockedAt(attempt.now)) {
    Status s = RecordRateEvent(session,
                               after.locked_until ? kAdminUnknownLoginLocks
                                                  : kAdminUnknownLoginFailures,
                               subject, attempt.now);
    if (!s.ok()) return s;
  }
  const bool locked = attempt.result->outcome == LoginOutcome::kLocked;
  return AppendAudit(session, attempt.request.caller(), attempt.now,
                     {locked ? "admin_login_refused" : "admin_login_failed", "",
                      known ? known->login : "",
                      known ? "disabled" : "no such operator (unknown login)"});
}

// Stores and audits a failed attempt at operator `op`, whose state was
// `before` and is now `after`.
Status StoreOperatorFailure(SqlSession* session, const LoginAttempt& attempt,
                            const OperatorAccount& op,
                            const FailureState& before,
                            const FailureState& after) {
  if (before.LockedAt(attempt.now)) {
    return AppendAudit(
        session, attempt.request.caller(), attempt.now,
        {"admin_login_refused", "", op.login, "operator locked"});
  }
  Status s = RecordOperatorFailures(session, op.id, after.failures,
                                    after.locked_until, attempt.now);
  if (!s.ok()) return s;
  if (after.locked_until) {
    return AppendAudit(
        session, attempt.request.caller(), attempt.now,
        {"admin_login_locked", "", op.login,
         std::to_string(kMaxOperatorFailures) + " wrong passwords"});
  }
  return AppendAudit(session, attempt.request.caller(), attempt.now,
                     {"admin_login_failed", "", op.login,
                      "wrong password " + std::to_string(after.failures)});
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
                     ClientAddressGroup(attempt.request.client_address()),
                     attempt.now, &retry_at);
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
  const bool known = op && !op->disabled;
  const std::string subject = HexEncode(Sha256(attempt.login));
  FailureState before;
  if (known) {
    before.failures = op->failed_logins;
    before.locked_until = op->locked_until;
  } else {
    s = ReadUnknownLogin(session, subject, attempt.now, &before);
    if (!s.ok()) return s;
  }
  // One scrypt run whatever the case (unknown, disabled, locked, wrong or
  // right), so the time of the answer tells none of them apart: against
  // the operator's own hash when it could let the login in, else against a
  // hash no password matches.
  const bool open = known && !before.LockedAt(attempt.now);
  bool match = false;
  // A stored hash that cannot be read matches no password.
  (void)VerifyPassword(attempt.password,
                       open ? op->password_hash : attempt.dummy_hash, &match);
  if (open && match) return OpenSession(session, attempt, *op);
  s = CountAddressFailure(session, attempt);
  if (!s.ok()) return s;
  const FailureState after = CountFailure(before, attempt.now, attempt.result);
  if (known) return StoreOperatorFailure(session, attempt, *op, before, after);
  return StoreUnknownLoginFailure(session, attempt, op, subject, before, after);
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
