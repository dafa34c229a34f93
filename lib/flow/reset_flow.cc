#include "flow/reset_flow.h"

#include <openssl/crypto.h>

#include "base/crypto.h"
#include "domain/access_code.h"
#include "flow/not_me.h"
#include "flow/password_sync.h"
#include "mail/mail_texts.h"
#include "mail/outbox.h"
#include "store/audit.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

const char kVoidFlows[] =
    "UPDATE reset_flows SET state = 'voided', code_hash = NULL, "
    "updated_at = ? WHERE umin_id = ? AND state IN ('code_sent', 'verified')";
const char kInsertFlow[] =
    "INSERT INTO reset_flows (token_hash, umin_id, via, state, code_hash, "
    "code_expires_at, client_address, created_at, updated_at) "
    "VALUES (?, ?, ?, 'code_sent', ?, ?, ?, ?, ?)";
const char kFindFlow[] =
    "SELECT id, umin_id, via, state, code_expires_at, code_tries, "
    "verified_at FROM reset_flows WHERE token_hash = ?";
const char kFlowCodeHash[] =
    "SELECT code_hash, code_tries FROM reset_flows WHERE id = ?";
// Counts the try before the code is compared; only a flow still waiting
// for its code, in time, with tries left, gets one.
const char kReserveTry[] =
    "UPDATE reset_flows SET code_tries = code_tries + 1, updated_at = ? "
    "WHERE id = ? AND state = 'code_sent' AND code_expires_at > ? "
    "AND code_tries < ?";
const char kVerifyFlow[] =
    "UPDATE reset_flows SET state = 'verified', code_hash = NULL, "
    "token_hash = ?, verified_at = ?, updated_at = ? "
    "WHERE id = ? AND state = 'code_sent'";
const char kLockFlow[] =
    "UPDATE reset_flows SET state = 'locked', code_hash = NULL, "
    "updated_at = ? WHERE id = ? AND state = 'code_sent'";
const char kExpireFlow[] =
    "UPDATE reset_flows SET state = 'expired', code_hash = NULL, "
    "updated_at = ? WHERE id = ? AND state IN ('code_sent', 'verified')";
// Closes the flow, if it is still verified and in time.
const char kCloseFlow[] =
    "UPDATE reset_flows SET state = 'done', updated_at = ? "
    "WHERE id = ? AND state = 'verified' AND verified_at > ?";

Status NewToken(Env* env, std::string* token) {
  std::string bytes;
  Status s = env->RandomBytes(32, &bytes);
  if (s.ok()) *token = Base64UrlEncode(bytes);
  return s;
}

Status Audit(Env* env, SqlSession* session, const Caller& caller,
             const std::string& event, const std::string& umin_id,
             const std::string& detail = "") {
  return AppendAudit(session, caller, env->Now(),
                     {event, umin_id, "", detail});
}

}  // namespace

Status VoidPendingFlows(SqlSession* session, const std::string& umin_id,
                        system_clock::time_point now, uint64_t* voided) {
  uint64_t affected = 0;
  Status s = session->Execute(kVoidFlows, {SqlTime(now), umin_id}, &affected);
  if (s.ok() && voided != nullptr) *voided = affected;
  return s;
}

FlowLimits::FlowLimits(const Config& config)
    : sends_per_account{"code_send_account", config.code_sends_per_account_hour,
                        std::chrono::hours(1)},
      sends_per_address{"code_send_address", config.code_sends_per_address_hour,
                        std::chrono::hours(1)},
      failures_per_account{"code_failure_account",
                           config.code_failures_per_account_day,
                           std::chrono::hours(24)} {}

std::string FlowTokenHash(const std::string& token) {
  return HexEncode(Sha256(token));
}

std::string MaskMailAddress(const std::string& address) {
  size_t at = address.find('@');
  if (at == std::string::npos || at == 0) return "***";
  return address.substr(0, 1) + "***" + address.substr(at);
}

Status IssueAccessCode(Env* env, SqlSession* session, const Caller& caller,
                       const Account& account, const std::string& via,
                       std::string* flow_token) {
  const Config& config = env->config();
  system_clock::time_point now = env->Now();
  system_clock::time_point expires = now + kCodeLifetime;
  std::string code;
  Status s = GenerateAccessCode(
      [env](size_t n, std::string* out) { return env->RandomBytes(n, out); },
      &code);
  if (s.ok()) s = NewToken(env, flow_token);
  if (s.ok()) {
    s = VoidPendingFlows(session, account.umin_id, now);
  }
  if (s.ok()) {
    s = session->Execute(
        kInsertFlow,
        {FlowTokenHash(*flow_token), account.umin_id, via,
         AccessCodeHash(config.code_hmac_key, code), SqlTime(expires),
         caller.client_address, SqlTime(now), SqlTime(now)});
  }
  std::string not_me_url;
  if (s.ok()) s = CreateNotMeLink(env, session, account.umin_id, &not_me_url);
  for (const auto& to : AccountRecipients(account, config.umin_mail_domain)) {
    if (!s.ok()) break;
    s = EnqueueMail(env, session,
                    AccessCodeMail(config, to, code, expires, not_me_url));
  }
  if (s.ok()) {
    s = RecordRateEvent(session, FlowLimits(config).sends_per_account,
                        account.umin_id, now);
  }
  if (s.ok())
    s = Audit(env, session, caller, "code_sent", account.umin_id,
              "via " + via);
  OPENSSL_cleanse(code.data(), code.size());
  return s;
}

Status CountCodeRequest(Env* env, SqlSession* session, const Caller& caller,
                        const std::string& umin_id,
                        std::optional<system_clock::time_point>* retry_at) {
  FlowLimits limits(env->config());
  system_clock::time_point now = env->Now();
  Status s = CheckRateLimit(session, limits.sends_per_address,
                            caller.client_address, now, retry_at);
  if (!s.ok()) return s;
  if (*retry_at) {
    return Audit(env, session, caller, "send_refused", umin_id,
                 "address rate limit");
  }
  return RecordRateEvent(session, limits.sends_per_address,
                         caller.client_address, now);
}

Status SendCodeWithinLimit(Env* env, SqlSession* session,
                           const Caller& caller, const Account& account,
                           const std::string& via, SendOutcome* outcome,
                           std::optional<system_clock::time_point>* retry_at,
                           std::string* flow_token) {
  Status s =
      CheckRateLimit(session, FlowLimits(env->config()).sends_per_account,
                     account.umin_id, env->Now(), retry_at);
  if (!s.ok()) return s;
  if (*retry_at) {
    *outcome = SendOutcome::kRateLimited;
    return Audit(env, session, caller, "send_refused", account.umin_id,
                 "account rate limit");
  }
  *outcome = SendOutcome::kSent;
  return IssueAccessCode(env, session, caller, account, via, flow_token);
}

Status FindFlow(SqlSession* session, const std::string& token,
                std::optional<ResetFlow>* flow) {
  flow->reset();
  if (token.empty()) return Status::Ok();
  std::vector<SqlRow> rows;
  Status s = session->Query(kFindFlow, {FlowTokenHash(token)}, &rows);
  if (!s.ok() || rows.empty()) return s;
  const SqlRow& row = rows[0];
  ResetFlow f;
  f.id = row.Int(0);
  f.umin_id = row.Text(1);
  f.via = row.Text(2);
  f.state = row.Text(3);
  s = ParseSqlTime(row.Text(4), &f.code_expires_at);
  if (!s.ok()) return s;
  f.code_tries = static_cast<int>(row.Int(5));
  if (!row.IsNull(6)) {
    system_clock::time_point t;
    s = ParseSqlTime(row.Text(6), &t);
    if (!s.ok()) return s;
    f.verified_at = t;
  }
  *flow = f;
  return Status::Ok();
}

Status ExpireFlow(Env* env, SqlSession* session, const Caller& caller,
                  const ResetFlow& flow) {
  uint64_t changed = 0;
  Status s =
      session->Execute(kExpireFlow, {SqlTime(env->Now()), flow.id}, &changed);
  if (s.ok() && changed == 1) {
    s = Audit(env, session, caller, "code_expired", flow.umin_id);
  }
  return s;
}

bool CanSetPassword(const ResetFlow& flow, system_clock::time_point now) {
  return flow.state == "verified" && flow.verified_at &&
         now < *flow.verified_at + kCodeLifetime;
}

Status CompletePasswordChange(Env* env, SqlSession* session,
                              const Caller& caller, const ResetFlow& flow,
                              const std::string& password_hash,
                              const SyncCredentials& credentials,
                              bool* completed) {
  *completed = false;
  const Config& config = env->config();
  system_clock::time_point now = env->Now();
  // The account row first, as IssueAccessCode locks it, so the two never
  // wait on each other in opposite order.
  std::optional<Account> account;
  Status s = FindAccount(session, flow.umin_id, /*for_update=*/true, &account);
  if (s.ok() && !account) return Status::Internal("flow without account");
  uint64_t closed = 0;
  if (s.ok()) {
    s = session->Execute(kCloseFlow,
                         {SqlTime(now), flow.id, SqlTime(now - kCodeLifetime)},
                         &closed);
  }
  if (!s.ok() || closed != 1) return s;
  if (s.ok()) {
    s = SetAccountPassword(session, flow.umin_id, password_hash, now);
  }
  // This flow is done now, so only the account's other flows are voided.
  if (s.ok()) s = VoidPendingFlows(session, flow.umin_id, now);
  if (s.ok()) {
    s = EnqueuePasswordSync(env, session, flow.umin_id, credentials);
  }
  std::string not_me_url;
  if (s.ok()) s = CreateNotMeLink(env, session, flow.umin_id, &not_me_url);
  for (const auto& to : AccountRecipients(*account, config.umin_mail_domain)) {
    if (!s.ok()) break;
    s = EnqueueMail(env, session,
                    PasswordChangedMail(config, to, flow.umin_id, not_me_url));
  }
  if (s.ok()) {
    s = Audit(env, session, caller, "password_changed", flow.umin_id,
              "via " + flow.via);
  }
  if (s.ok()) *completed = true;
  return s;
}

Status CheckAccessCode(Env* env, SqlSession* session, const Caller& caller,
                       const std::string& token, const std::string& code,
                       CodeCheck* check) {
  const Config& config = env->config();
  system_clock::time_point now = env->Now();
  std::optional<ResetFlow> flow;
  Status s = FindFlow(session, token, &flow);
  if (!s.ok()) return s;
  if (!flow) {
    check->outcome = CodeOutcome::kNoFlow;
    return Status::Ok();
  }
  FlowLimits limits(config);
  std::optional<system_clock::time_point> retry_at;
  s = CheckRateLimit(session, limits.failures_per_account, flow->umin_id, now,
                     &retry_at);
  if (!s.ok()) return s;
  if (retry_at) {
    check->outcome = CodeOutcome::kRateLimited;
    check->retry_at = *retry_at;
    return Audit(env, session, caller, "code_refused", flow->umin_id,
                 "daily limit of wrong codes");
  }

  uint64_t reserved = 0;
  s = session->Execute(
      kReserveTry,
      {SqlTime(now), flow->id, SqlTime(now), int64_t{kMaxCodeTries}},
      &reserved);
  if (!s.ok()) return s;
  if (reserved == 0) {
    // No try to take. The UPDATE waited for any parallel try to commit, so
    // a fresh read tells the state as it now stands (a flow verified
    // meanwhile has a new token and is not found under this one).
    s = FindFlow(session, token, &flow);
    if (!s.ok()) return s;
    if (!flow) {
      check->outcome = CodeOutcome::kNoFlow;
      return Status::Ok();
    }
    if (flow->state == "code_sent" && now >= flow->code_expires_at) {
      check->outcome = CodeOutcome::kExpired;
      return ExpireFlow(env, session, caller, *flow);
    }
    if (flow->state == "locked" || flow->state == "code_sent") {
      check->outcome = CodeOutcome::kLocked;
    } else if (flow->state == "verified" || flow->state == "done") {
      check->outcome = CodeOutcome::kNoFlow;
    } else {
      check->outcome = CodeOutcome::kExpired;
    }
    return Status::Ok();
  }

  std::vector<SqlRow> rows;
  s = session->Query(kFlowCodeHash, {flow->id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty() || rows[0].IsNull(0)) {
    return Status::Internal("reserved a try on a flow without a code");
  }
  int tries = static_cast<int>(rows[0].Int(1));
  if (AccessCodeMatches(config.code_hmac_key, code, rows[0].Text(0))) {
    std::string new_token;
    s = NewToken(env, &new_token);
    uint64_t verified = 0;
    if (s.ok()) {
      s = session->Execute(
          kVerifyFlow,
          {FlowTokenHash(new_token), SqlTime(now), SqlTime(now), flow->id},
          &verified);
    }
    if (!s.ok()) return s;
    if (verified != 1) return Status::Internal("flow changed under its lock");
    check->outcome = CodeOutcome::kVerified;
    check->new_token = new_token;
    return Audit(env, session, caller, "code_verified", flow->umin_id);
  }

  s = RecordRateEvent(session, limits.failures_per_account, flow->umin_id, now);
  if (!s.ok()) return s;
  if (tries >= kMaxCodeTries) {
    s = session->Execute(kLockFlow, {SqlTime(now), flow->id});
    if (!s.ok()) return s;
    check->outcome = CodeOutcome::kLocked;
    return Audit(env, session, caller, "code_locked", flow->umin_id,
                 "try " + std::to_string(tries));
  }
  check->outcome = CodeOutcome::kWrong;
  check->tries_left = kMaxCodeTries - tries;
  return Audit(env, session, caller, "code_wrong", flow->umin_id,
               "try " + std::to_string(tries));
}

}  // namespace passwd
