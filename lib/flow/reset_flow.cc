#include "flow/reset_flow.h"

#include <openssl/crypto.h>

#include <functional>

#include "base/client_address.h"
#include "base/crypto.h"
#include "base/enum_table.h"
#include "base/text.h"
#include "domain/access_code.h"
#include "domain/mail_address.h"
#include "flow/not_me.h"
#include "flow/password_sync.h"
#include "mail/mail_texts.h"
#include "mail/outbox.h"
#include "store/audit.h"
#include "store/operator_links.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

// reset_flows.state's value of each FlowState: the one conversion.
struct FlowStateText {
  FlowState value;
  const char* text;  // as stored in reset_flows.state
};
constexpr FlowStateText kFlowStates[] = {
    {FlowState::kCodeSent, "code_sent"}, {FlowState::kVerified, "verified"},
    {FlowState::kLocked, "locked"},      {FlowState::kExpired, "expired"},
    {FlowState::kVoided, "voided"},      {FlowState::kDone, "done"},
};

const char kVoidFlows[] =
    "UPDATE reset_flows SET state = 'voided', code_hash = NULL, "
    "updated_at = ? WHERE umin_id = ? AND state IN ('code_sent', 'verified')";
const char kInsertFlow[] =
    "INSERT INTO reset_flows (token_hash, umin_id, via, state, code_hash, "
    "code_expires_at, masked_recipients, client_address, created_at, "
    "updated_at) VALUES (?, ?, ?, 'code_sent', ?, ?, ?, ?, ?, ?)";
// A code entry's one write, each counting its try: code_tries becomes the
// try's number, and only if the row still holds the tries the locking read
// saw (on a Galera cluster, where that lock holds on one node only, two
// nodes' writes of one row conflict at certification and the one retried
// reads the other's try).
const char kVerifyFlow[] =
    "UPDATE reset_flows SET state = 'verified', code_hash = NULL, "
    "token_hash = ?, verified_at = ?, code_tries = ?, updated_at = ? "
    "WHERE id = ? AND state = 'code_sent' AND code_tries = ?";
const char kCountWrongTry[] =
    "UPDATE reset_flows SET code_tries = ?, updated_at = ? "
    "WHERE id = ? AND state = 'code_sent' AND code_tries = ?";
const char kLockFlow[] =
    "UPDATE reset_flows SET state = 'locked', code_hash = NULL, "
    "code_tries = ?, updated_at = ? "
    "WHERE id = ? AND state = 'code_sent' AND code_tries = ?";
const char kExpireFlow[] =
    "UPDATE reset_flows SET state = 'expired', code_hash = NULL, "
    "updated_at = ? WHERE id = ? AND state IN ('code_sent', 'verified')";
// Closes the flow, if it is still verified and in time.
const char kCloseFlow[] =
    "UPDATE reset_flows SET state = 'done', updated_at = ? "
    "WHERE id = ? AND state = 'verified' AND verified_at > ?";

const char kFindFlow[] =
    "SELECT id, umin_id, via, state, code_expires_at, code_tries, "
    "verified_at, masked_recipients FROM reset_flows WHERE token_hash = ?";
// The housekeeper's delete: flows begun before the retention window, a
// batch at a time; every such flow ended long ago (a code lives minutes).
const char kDeleteOldFlows[] =
    "DELETE FROM reset_flows WHERE created_at < ? LIMIT ?";

const char kListAccountFlows[] =
    "SELECT id, via, state, code_tries, created_at, code_expires_at "
    "FROM reset_flows WHERE umin_id = ? ORDER BY id DESC LIMIT ?";

// A row of kFindFlow.
Status FromRow(const SqlRow& row, ResetFlow* flow) {
  ResetFlow f;
  f.id = row.Int(0);
  f.umin_id = row.Text(1);
  f.via = row.Text(2);
  if (!ParseFlowState(row.Text(3), &f.state)) {
    return Status::Internal("unknown flow state " + row.Text(3));
  }
  Status s = ParseSqlTime(row.Text(4), &f.code_expires_at);
  if (!s.ok()) return s;
  f.code_tries = static_cast<int>(row.Int(5));
  if (!row.IsNull(6)) {
    system_clock::time_point t;
    s = ParseSqlTime(row.Text(6), &t);
    if (!s.ok()) return s;
    f.verified_at = t;
  }
  if (!row.IsNull(7)) f.masked_recipients = SplitLines(row.Text(7));
  *flow = f;
  return Status::Ok();
}

// kFindFlow's columns and the code's hash, the row locked until the
// transaction ends: a code entry reads the flow once, and the try it
// writes counts from what it read.
const char kLockFlowWithCode[] =
    "SELECT id, umin_id, via, state, code_expires_at, code_tries, "
    "verified_at, masked_recipients, code_hash FROM reset_flows "
    "WHERE token_hash = ? FOR UPDATE";

Status NewToken(Env* env, std::string* token) {
  std::string bytes;
  Status s = env->RandomBytes(32, &bytes);
  if (s.ok()) *token = Base64UrlEncode(bytes);
  return s;
}

// Creates a "not me" link for `account` and queues the mail `compose`
// writes, with that link, to each of the account's recipients.
Status MailAccount(
    Env* env, SqlSession* session, const Account& account,
    const std::function<OutboxMail(const std::string& to,
                                   const std::string& not_me_url)>& compose) {
  std::string not_me_url;
  Status s = CreateNotMeLink(env, session, account.umin_id, &not_me_url);
  if (!s.ok()) return s;
  std::vector<OutboxMail> mails;
  for (const auto& to :
       AccountRecipients(account, env->config().umin_mail_domain)) {
    mails.push_back(compose(to, not_me_url));
  }
  return EnqueueMails(env, session, mails);
}

// The password_changed audit detail's note of the operator links the change
// voided ("" when none was open), as ReportNotMe notes its voided flows.
std::string VoidedLinksNote(uint64_t voided_links) {
  if (voided_links == 0) return "";
  return ", voided " + std::to_string(voided_links) + " operator link(s)";
}

}  // namespace

const char* FlowStateValue(FlowState state) {
  return EntryOf(kFlowStates, state).text;
}

bool ParseFlowState(const std::string& value, FlowState* state) {
  return ParseEntryText(kFlowStates, value, state);
}

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
  return StoredTokenHash(token);
}

Status IssueAccessCode(Env* env, SqlSession* session, const Caller& caller,
                       const Account& account, const std::string& via,
                       RateEventBatch* events, std::string* flow_token) {
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
    std::vector<std::string> masked;
    for (const auto& to : AccountRecipients(account, config.umin_mail_domain)) {
      masked.push_back(MaskMailAddress(to));
    }
    s = session->Execute(
        kInsertFlow,
        {FlowTokenHash(*flow_token), account.umin_id, via,
         AccessCodeHash(config.keys.access_code, code), SqlTime(expires),
         JoinLines(masked), caller.client_address, SqlTime(now),
         SqlTime(now)});
  }
  if (s.ok()) {
    s = MailAccount(env, session, account,
                    [&](const std::string& to, const std::string& not_me_url) {
                      return AccessCodeMail(config, caller.lang, to, code, expires,
                                            not_me_url);
                    });
  }
  if (s.ok()) {
    events->Add(FlowLimits(config).sends_per_account, account.umin_id, now);
  }
  if (s.ok())
    s = AppendAudit(session, caller, env->Now(),
                    {"code_sent", account.umin_id, "", "via " + via});
  OPENSSL_cleanse(code.data(), code.size());
  return s;
}

Status CountCodeRequest(Env* env, SqlSession* session, const Caller& caller,
                        const std::string& umin_id, RateEventBatch* events,
                        std::optional<system_clock::time_point>* retry_at) {
  FlowLimits limits(env->config());
  system_clock::time_point now = env->Now();
  const std::string address_group = ClientAddressGroup(caller.client_address);
  Status s = CheckRateLimit(session, limits.sends_per_address, address_group,
                            now, retry_at);
  if (!s.ok()) return s;
  if (*retry_at) {
    return AppendAudit(session, caller, env->Now(),
                       {"send_refused", umin_id, "", "address rate limit"});
  }
  events->Add(limits.sends_per_address, address_group, now);
  return Status::Ok();
}

Status SendCodeWithinLimit(Env* env, SqlSession* session, const Caller& caller,
                           const Account& account, const std::string& via,
                           RateEventBatch* events, SendOutcome* outcome,
                           std::optional<system_clock::time_point>* retry_at,
                           std::string* flow_token) {
  Status s =
      CheckRateLimit(session, FlowLimits(env->config()).sends_per_account,
                     account.umin_id, env->Now(), retry_at);
  if (!s.ok()) return s;
  if (*retry_at) {
    *outcome = SendOutcome::kRateLimited;
    return AppendAudit(
        session, caller, env->Now(),
        {"send_refused", account.umin_id, "", "account rate limit"});
  }
  *outcome = SendOutcome::kSent;
  return IssueAccessCode(env, session, caller, account, via, events,
                         flow_token);
}

Status FindFlow(SqlSession* session, const std::string& token,
                std::optional<ResetFlow>* flow) {
  flow->reset();
  if (token.empty()) return Status::Ok();
  std::vector<SqlRow> rows;
  Status s = session->Query(kFindFlow, {FlowTokenHash(token)}, &rows);
  if (!s.ok() || rows.empty()) return s;
  ResetFlow found;
  s = FromRow(rows[0], &found);
  if (s.ok()) *flow = found;
  return s;
}

Status ExpireFlow(Env* env, SqlSession* session, const Caller& caller,
                  const ResetFlow& flow) {
  uint64_t changed = 0;
  Status s =
      session->Execute(kExpireFlow, {SqlTime(env->Now()), flow.id}, &changed);
  if (s.ok() && changed == 1) {
    s = AppendAudit(session, caller, env->Now(),
                    {"code_expired", flow.umin_id, "", ""});
  }
  return s;
}

bool AwaitsCode(const ResetFlow& flow, system_clock::time_point now) {
  return flow.state == FlowState::kCodeSent && now < flow.code_expires_at;
}

bool CanSetPassword(const ResetFlow& flow, system_clock::time_point now) {
  return flow.state == FlowState::kVerified && flow.verified_at &&
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
  // So are the operator's open links: they were sent to let the user set a
  // password, which is done. The not-me link of the mail below is new.
  uint64_t voided_links = 0;
  if (s.ok()) s = VoidOperatorLinks(session, flow.umin_id, now, &voided_links);
  if (s.ok()) {
    s = EnqueuePasswordSync(env, session, flow.umin_id, credentials);
  }
  if (s.ok()) {
    s = MailAccount(env, session, *account,
                    [&](const std::string& to, const std::string& not_me_url) {
                      return PasswordChangedMail(config, caller.lang, to,
                                                 flow.umin_id,
                                                 not_me_url);
                    });
  }
  if (s.ok()) {
    s = AppendAudit(session, caller, env->Now(),
                    {"password_changed", flow.umin_id, "",
                     "via " + flow.via + VoidedLinksNote(voided_links)});
  }
  if (s.ok()) *completed = true;
  return s;
}

namespace {

// Finds the flow of `token` and locks it, with its code's hash (none once
// cleared); without a flow, the check comes to kNoFlow.
Status FindCheckedFlow(SqlSession* session, const std::string& token,
                       std::optional<ResetFlow>* flow,
                       std::optional<std::string>* code_hash,
                       CodeCheck* check) {
  flow->reset();
  code_hash->reset();
  check->outcome = CodeOutcome::kNoFlow;
  if (token.empty()) return Status::Ok();
  std::vector<SqlRow> rows;
  Status s =
      session->Query(kLockFlowWithCode, {FlowTokenHash(token)}, &rows);
  if (!s.ok() || rows.empty()) return s;
  ResetFlow found;
  s = FromRow(rows[0], &found);
  if (!s.ok()) return s;
  *flow = found;
  if (!rows[0].IsNull(8)) *code_hash = rows[0].Text(8);
  check->umin_id = found.umin_id;
  check->via = found.via;
  check->masked_recipients = found.masked_recipients;
  return Status::Ok();
}

// Refuses the code unconditionally when the account has had too many wrong
// codes today (`*limited`, audited).
Status CheckWrongCodeLimit(Env* env, SqlSession* session, const Caller& caller,
                           const ResetFlow& flow, system_clock::time_point now,
                           CodeCheck* check, bool* limited) {
  std::optional<system_clock::time_point> retry_at;
  Status s =
      CheckRateLimit(session, FlowLimits(env->config()).failures_per_account,
                     flow.umin_id, now, &retry_at);
  if (!s.ok() || !retry_at) return s;
  *limited = true;
  check->outcome = CodeOutcome::kRateLimited;
  check->retry_at = *retry_at;
  return AppendAudit(
      session, caller, env->Now(),
      {"code_refused", flow.umin_id, "", "daily limit of wrong codes"});
}

// Writes one of a code entry's writes (kVerifyFlow, kCountWrongTry,
// kLockFlow), which must change the one row the locking read holds.
Status WriteTry(SqlSession* session, const char* statement,
                std::vector<SqlValue> params) {
  uint64_t affected = 0;
  Status s = session->Execute(statement, params, &affected);
  if (s.ok() && affected != 1) {
    return Status::Internal("flow changed under its lock");
  }
  return s;
}

// What a code sent to a flow that had no try to give comes to, by the state
// the flow is in now (a locked flow, or one still waiting for its code with
// no tries left, is locked).
CodeOutcome OutcomeWithoutTry(const ResetFlow& flow) {
  switch (flow.state) {
    case FlowState::kCodeSent:
    case FlowState::kLocked:
      return CodeOutcome::kLocked;
    case FlowState::kVerified:
    case FlowState::kDone:
      return CodeOutcome::kNoFlow;
    case FlowState::kExpired:
    case FlowState::kVoided:
      break;
  }
  return CodeOutcome::kExpired;
}

// Answers a code for a flow that has no try to give, by the flow as the
// locking read found it: in its state and time, no other try can change
// it before this transaction ends.
Status AnswerWithoutTry(Env* env, SqlSession* session, const Caller& caller,
                        const ResetFlow& flow, system_clock::time_point now,
                        CodeCheck* check) {
  if (flow.state == FlowState::kCodeSent && now >= flow.code_expires_at) {
    check->outcome = CodeOutcome::kExpired;
    return ExpireFlow(env, session, caller, flow);
  }
  check->outcome = OutcomeWithoutTry(flow);
  return Status::Ok();
}

// The right code, the `tries`-th: verifies the flow under a new token.
Status VerifyFlow(Env* env, SqlSession* session, const Caller& caller,
                  const ResetFlow& flow, int tries,
                  system_clock::time_point now, CodeCheck* check) {
  std::string new_token;
  Status s = NewToken(env, &new_token);
  if (s.ok()) {
    s = WriteTry(session, kVerifyFlow,
                 {FlowTokenHash(new_token), SqlTime(now), int64_t{tries},
                  SqlTime(now), flow.id, int64_t{flow.code_tries}});
  }
  if (!s.ok()) return s;
  check->outcome = CodeOutcome::kVerified;
  check->new_token = new_token;
  return AppendAudit(session, caller, env->Now(),
                     {"code_verified", flow.umin_id, "", ""});
}

// A wrong code, the `tries`-th: counts it against the account's daily limit
// and locks the flow on the last try.
Status CountWrongCode(Env* env, SqlSession* session, const Caller& caller,
                      const ResetFlow& flow, int tries,
                      system_clock::time_point now, CodeCheck* check) {
  Status s =
      RecordRateEvent(session, FlowLimits(env->config()).failures_per_account,
                      flow.umin_id, now);
  if (!s.ok()) return s;
  const std::vector<SqlValue> params = {int64_t{tries}, SqlTime(now), flow.id,
                                       int64_t{flow.code_tries}};
  if (tries >= kMaxCodeTries) {
    s = WriteTry(session, kLockFlow, params);
    if (!s.ok()) return s;
    check->outcome = CodeOutcome::kLocked;
    return AppendAudit(
        session, caller, env->Now(),
        {"code_locked", flow.umin_id, "", "try " + std::to_string(tries)});
  }
  s = WriteTry(session, kCountWrongTry, params);
  if (!s.ok()) return s;
  check->outcome = CodeOutcome::kWrong;
  check->tries_left = kMaxCodeTries - tries;
  return AppendAudit(
      session, caller, env->Now(),
      {"code_wrong", flow.umin_id, "", "try " + std::to_string(tries)});
}

}  // namespace

Status CheckAccessCode(Env* env, SqlSession* session, const Caller& caller,
                       const std::string& token, const std::string& code,
                       CodeCheck* check) {
  // From scratch, as the transaction may run again after a deadlock.
  *check = CodeCheck{};
  system_clock::time_point now = env->Now();
  std::optional<ResetFlow> flow;
  std::optional<std::string> code_hash;
  Status s = FindCheckedFlow(session, token, &flow, &code_hash, check);
  if (!s.ok() || !flow) return s;
  bool limited = false;
  s = CheckWrongCodeLimit(env, session, caller, *flow, now, check, &limited);
  if (!s.ok() || limited) return s;
  // The row is locked since it was read: the flow has a try to give if it
  // showed one, and this try is the one after those it showed. Every
  // outcome below writes the try with it, in this transaction.
  if (!AwaitsCode(*flow, now) || flow->code_tries >= kMaxCodeTries) {
    return AnswerWithoutTry(env, session, caller, *flow, now, check);
  }
  if (!code_hash) {
    return Status::Internal("a flow awaiting its code without a code");
  }
  const int tries = flow->code_tries + 1;
  if (AccessCodeMatches(env->config().keys.access_code, code, *code_hash)) {
    return VerifyFlow(env, session, caller, *flow, tries, now, check);
  }
  return CountWrongCode(env, session, caller, *flow, tries, now, check);
}

Status DeleteExpiredFlows(SqlSession* session,
                          std::chrono::system_clock::time_point before,
                          int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldFlows, {SqlTime(before), max_rows},
                          deleted);
}

Status ListAccountFlows(SqlSession* session, const std::string& umin_id,
                        int64_t limit, std::vector<FlowRecord>* flows) {
  flows->clear();
  std::vector<SqlRow> rows;
  Status s = session->Query(kListAccountFlows, {umin_id, limit}, &rows);
  if (!s.ok()) return s;
  for (const SqlRow& row : rows) {
    FlowRecord f;
    f.id = row.Int(0);
    f.via = row.Text(1);
    if (!ParseFlowState(row.Text(2), &f.state)) {
      return Status::Internal("unknown flow state " + row.Text(2));
    }
    f.code_tries = static_cast<int>(row.Int(3));
    f.created_at = row.Text(4);
    f.code_expires_at = row.Text(5);
    flows->push_back(f);
  }
  return Status::Ok();
}

}  // namespace passwd
