#include "console/admin_session.h"

#include <optional>
#include <vector>

#include "base/crypto.h"
#include "base/database.h"
#include "base/paths.h"
#include "domain/password_hash.h"
#include "store/audit.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

const char kFindOperatorForLogin[] =
    "SELECT id, login, display_name, password_hash, failed_logins, "
    "locked_until, disabled FROM operators WHERE login = ? FOR UPDATE";
const char kRecordFailure[] =
    "UPDATE operators SET failed_logins = ?, locked_until = ?, updated_at = ? "
    "WHERE id = ?";
const char kClearFailures[] =
    "UPDATE operators SET failed_logins = 0, locked_until = NULL, "
    "updated_at = ? WHERE id = ?";
const char kInsertSession[] =
    "INSERT INTO operator_sessions (token_hash, operator_id, client_address, "
    "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)";
const char kFindSession[] =
    "SELECT s.id, s.created_at, s.last_seen_at, o.id, o.login, "
    "o.display_name, o.disabled FROM operator_sessions s "
    "JOIN operators o ON o.id = s.operator_id "
    "WHERE s.token_hash = ? AND s.ended_at IS NULL";
const char kTouchSession[] =
    "UPDATE operator_sessions SET last_seen_at = ? "
    "WHERE id = ? AND ended_at IS NULL";
const char kEndSession[] =
    "UPDATE operator_sessions SET ended_at = ? "
    "WHERE id = ? AND ended_at IS NULL";
const char kEndSessionOfToken[] =
    "UPDATE operator_sessions SET ended_at = ? "
    "WHERE token_hash = ? AND ended_at IS NULL";

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

// Audits a login event. `known_login` is the login of an existing operator,
// or empty (not looked up, or naming no operator): a typed login is never
// stored as such, since it may be a password typed into the wrong field.
Status AuditLogin(SqlSession* session, const Request& request,
                  system_clock::time_point now, const std::string& event,
                  const std::string& known_login, const std::string& detail) {
  return AppendAudit(session, request.caller(), now, {event, "", known_login, detail});
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
  return HexEncode(Sha256(token));
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
    *result = LoginResult{};
    const system_clock::time_point now = env->Now();
    const std::string& address = request.client_address();
    std::optional<system_clock::time_point> retry_at;
    Status t = CheckRateLimit(session, kAdminLoginFailuresPerAddress, address,
                              now, &retry_at);
    if (!t.ok()) return t;
    if (retry_at) {
      result->outcome = LoginOutcome::kRateLimited;
      result->retry_at = *retry_at;
      return AuditLogin(session, request, now, "admin_login_refused", "",
                        "address rate limit");
    }

    std::vector<SqlRow> rows;
    if (ValidOperatorLogin(login)) {
      t = session->Query(kFindOperatorForLogin, {login}, &rows);
      if (!t.ok()) return t;
    }
    if (rows.empty() || rows[0].Int(6) != 0) {
      bool ignored = false;
      // Spends the time of a real check, so timing tells no login apart.
      (void)VerifyPassword(password, dummy, &ignored);
      t = RecordRateEvent(session, kAdminLoginFailuresPerAddress, address, now);
      if (!t.ok()) return t;
      const std::string known = rows.empty() ? "" : rows[0].Text(1);
      const std::string why =
          rows.empty() ? "no such operator (unknown login)" : "disabled";
      // Answer as a real operator's login would: wrong, then locked.
      const std::string subject = HexEncode(Sha256(login));
      std::optional<system_clock::time_point> locked_until;
      t = CheckRateLimit(session, kAdminUnknownLoginFailures, subject, now,
                         &locked_until);
      if (!t.ok()) return t;
      if (locked_until) {
        result->outcome = LoginOutcome::kLocked;
        result->retry_at = *locked_until;
        return AuditLogin(session, request, now, "admin_login_refused", known,
                          why);
      }
      t = RecordRateEvent(session, kAdminUnknownLoginFailures, subject, now);
      if (!t.ok()) return t;
      result->outcome = LoginOutcome::kWrong;
      return AuditLogin(session, request, now, "admin_login_failed", known,
                        why);
    }
    const SqlRow& row = rows[0];
    Operator op;
    op.id = row.Int(0);
    op.login = row.Text(1);
    op.display_name = row.Text(2);
    const int64_t failures = row.Int(4);
    if (!row.IsNull(5)) {
      system_clock::time_point locked_until;
      t = ParseSqlTime(row.Text(5), &locked_until);
      if (!t.ok()) return t;
      if (now < locked_until) {
        result->outcome = LoginOutcome::kLocked;
        result->retry_at = locked_until;
        t = RecordRateEvent(session, kAdminLoginFailuresPerAddress, address,
                            now);
        if (!t.ok()) return t;
        return AuditLogin(session, request, now, "admin_login_refused",
                          op.login, "operator locked");
      }
    }

    bool match = false;
    // A stored hash that cannot be read matches no password.
    (void)VerifyPassword(password, row.Text(3), &match);
    if (!match) {
      t = RecordRateEvent(session, kAdminLoginFailuresPerAddress, address, now);
      if (!t.ok()) return t;
      if (failures + 1 >= kMaxOperatorFailures) {
        result->outcome = LoginOutcome::kLocked;
        result->retry_at = now + kOperatorLockTime;
        t = session->Execute(
            kRecordFailure,
            {int64_t{0}, SqlTime(result->retry_at), SqlTime(now), op.id});
        if (!t.ok()) return t;
        return AuditLogin(
            session, request, now, "admin_login_locked", op.login,
            std::to_string(kMaxOperatorFailures) + " wrong passwords");
      }
      result->outcome = LoginOutcome::kWrong;
      t = session->Execute(kRecordFailure,
                           {failures + 1, nullptr, SqlTime(now), op.id});
      if (!t.ok()) return t;
      return AuditLogin(session, request, now, "admin_login_failed", op.login,
                        "wrong password " + std::to_string(failures + 1));
    }

    t = session->Execute(kClearFailures, {SqlTime(now), op.id});
    // A login from a browser still signed in ends the session it had.
    const std::string previous = request.Cookie(kAdminSessionCookie);
    if (t.ok() && !previous.empty()) {
      t = session->Execute(kEndSessionOfToken,
                           {SqlTime(now), AdminSessionTokenHash(previous)});
    }
    if (t.ok()) {
      t = session->Execute(kInsertSession,
                           {AdminSessionTokenHash(token), op.id, address,
                            SqlTime(now), SqlTime(now)});
    }
    uint64_t session_id = 0;
    if (t.ok()) t = session->LastInsertId(&session_id);
    if (!t.ok()) return t;
    op.session_id = static_cast<int64_t>(session_id);
    result->outcome = LoginOutcome::kSignedIn;
    result->op = op;
    result->session_token = token;
    return AuditLogin(session, request, now, "admin_login", op.login, "");
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
      ended.reset();
      op = Operator{};
      const system_clock::time_point now = env->Now();
      std::vector<SqlRow> rows;
      Status t =
          session->Query(kFindSession, {AdminSessionTokenHash(token)}, &rows);
      if (!t.ok() || rows.empty()) return t;
      const SqlRow& row = rows[0];
      system_clock::time_point created, last_seen;
      t = ParseSqlTime(row.Text(1), &created);
      if (t.ok()) t = ParseSqlTime(row.Text(2), &last_seen);
      if (!t.ok()) return t;
      const int64_t session_id = row.Int(0);
      SessionAge age = SessionAgeAt(created, last_seen, now);
      if (age != SessionAge::kLive || row.Int(6) != 0) {
        ended = age;
        t = session->Execute(kEndSession, {SqlTime(now), session_id});
        if (!t.ok()) return t;
        return AppendAudit(
            session, request.caller(), now,
            {"admin_session_ended", "", row.Text(4),
             age == SessionAge::kIdle      ? "idle timeout"
             : age == SessionAge::kExpired ? "absolute timeout"
                                           : "operator disabled"});
      }
      t = session->Execute(kTouchSession, {SqlTime(now), session_id});
      if (!t.ok()) return t;
      op.id = row.Int(3);
      op.login = row.Text(4);
      op.display_name = row.Text(5);
      op.session_id = session_id;
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  if (op.signed_in()) {
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
    Status t = session->Execute(kEndSession, {SqlTime(now), op.session_id});
    if (!t.ok()) return t;
    return AppendAudit(session, request.caller(), now,
                       {"admin_logout", "", op.login, ""});
  });
  if (!s.ok()) return s;
  response->ClearCookie(kAdminSessionCookie, kAdminPrefix);
  return Status::Ok();
}

}  // namespace passwd
