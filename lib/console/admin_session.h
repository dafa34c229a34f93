// Operator sessions of the console under /cgi-bin/passwd-admin/: login with
// the operator's own scrypt-hashed password (with lockouts per operator and
// per client address), a session cookie scoped to the console's path with
// idle and absolute timeouts, and logout. RunConsolePage
// (console/admin_page.h) calls RequireOperator for every page that needs an
// operator.
#ifndef PASSWD_LIB_CONSOLE_ADMIN_SESSION_H_
#define PASSWD_LIB_CONSOLE_ADMIN_SESSION_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "base/env.h"
#include "base/status.h"
#include "store/rate_limit.h"
#include "web/request.h"
#include "web/response.h"

namespace passwd {

// A session unused this long is over.
inline constexpr std::chrono::minutes kAdminIdleTimeout{30};
// A session is over this long after its login, however busy.
inline constexpr std::chrono::hours kAdminAbsoluteTimeout{8};
// Wrong passwords in a row that lock an operator, and for how long.
inline constexpr int kMaxOperatorFailures = 5;
inline constexpr std::chrono::minutes kOperatorLockTime{15};
// A login that names no enabled operator answers like a real one: its
// wrong passwords in a row and its lock are kept as rate-limit events of the
// login's SHA-256 (failures since its last lock; locks), read and counted by
// the same rule as an operator's row, so neither the answers, nor their
// retry times, nor their timing (one scrypt run either way) tell which
// logins exist. Only the scopes of these "limits" are used: they are not
// checked per window, and their refusals are not counted as rate-limited
// (a real operator's lock is not, and the metrics must not tell the two
// apart either).
inline constexpr RateLimit kAdminUnknownLoginFailures = {
    "admin_login_unknown", kMaxOperatorFailures - 1,
    std::chrono::duration_cast<std::chrono::seconds>(kOperatorLockTime),
    /*counted=*/false};
inline constexpr RateLimit kAdminUnknownLoginLocks = {
    "admin_login_unknown_lock", 1,
    std::chrono::duration_cast<std::chrono::seconds>(kOperatorLockTime),
    /*counted=*/false};
// Failed logins allowed from one client address (its ClientAddressGroup: an
// IPv6 /64 counts as one) in an hour.
inline constexpr RateLimit kAdminLoginFailuresPerAddress = {
    "admin_login_address", 20, std::chrono::hours(1)};

// The operator behind a console request.
struct Operator {
  int64_t id = 0;  // 0: nobody is signed in
  std::string login;
  std::string display_name;
  int64_t session_id = 0;
  // The session-bound CSRF token (SessionCsrfToken) every form of this
  // operator's pages carries and every POST must send back.
  std::string csrf_token;

  bool signed_in() const { return id != 0; }
};

// Where a session stands at a given time.
enum class SessionAge {
  kLive,     // in use
  kIdle,     // unused for kAdminIdleTimeout or more
  kExpired,  // kAdminAbsoluteTimeout or more since its login
};

// Classifies a session created at `created` and last used at `last_seen`.
SessionAge SessionAgeAt(std::chrono::system_clock::time_point created,
                        std::chrono::system_clock::time_point last_seen,
                        std::chrono::system_clock::time_point now);

// True for a login name add_operator accepts: 2 to 64 of [a-z0-9._-],
// starting with a letter or digit.
bool ValidOperatorLogin(const std::string& login);

// True for a password add_operator accepts: 10 to 128 printable ASCII
// characters.
bool AcceptableOperatorPassword(const std::string& password);

// What a login attempt came to.
enum class LoginOutcome {
  kSignedIn,     // `session_token` holds the new session's cookie value
  kWrong,        // unknown login or wrong password (one answer for both)
  kLocked,       // the operator is locked until `retry_at`
  kRateLimited,  // too many failures from this address until `retry_at`
};

// A login attempt's outcome, with what the page needs to answer it.
struct LoginResult {
  LoginOutcome outcome = LoginOutcome::kWrong;
  Operator op;
  std::string session_token;
  std::chrono::system_clock::time_point retry_at;
};

// Checks `login` and `password`: counts failures per operator (the fifth in
// a row locks it for kOperatorLockTime) and per client address, opens a
// session on success, and audits every outcome.
Status LogIn(Env* env, const Request& request, const std::string& login,
             const std::string& password, LoginResult* result);

// Sets the session cookie (HttpOnly, SameSite=Strict, the console's path).
void SetAdminSessionCookie(const std::string& token, Response* response);

// Fills `*out` with the operator of the request's session and marks the
// session used. Without a valid session (none, unknown, logged out, idle or
// expired) it answers 303 to the login page, leaves `out->signed_in()`
// false and returns OK: the caller then returns at once.
Status RequireOperator(const Request& request, Env* env, Response* response,
                       Operator* out);

// Ends the session of `op`, audits the logout and clears the cookie.
Status LogOut(const Request& request, Env* env, const Operator& op,
              Response* response);

// Hashes an operator's password with scrypt at the configured cost.
Status HashOperatorPassword(Env* env, const std::string& password,
                            std::string* hash);

// SHA-256 of a session token, hex, as stored.
std::string AdminSessionTokenHash(const std::string& token);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_ADMIN_SESSION_H_
