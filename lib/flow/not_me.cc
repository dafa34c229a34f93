#include "flow/not_me.h"

#include <optional>
#include <vector>

#include "base/catalogue.h"
#include "base/crypto.h"
#include "base/paths.h"
#include "flow/reset_flow.h"
#include "mail/mail_texts.h"
#include "mail/operator_mail_texts.h"
#include "mail/outbox.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

constexpr size_t kTokenBytes = 32;
// A token as Base64UrlEncode writes 32 bytes.
constexpr size_t kTokenChars = 43;

const char kInsertLink[] =
    "INSERT INTO not_me_links (token_hash, umin_id, created_at, expires_at) "
    "VALUES (?, ?, ?, ?)";
const char kMarkUsed[] =
    "UPDATE not_me_links SET used_at = ?, operator_request_id = ? "
    "WHERE id = ? AND used_at IS NULL";

const char kFindLink[] =
    "SELECT id, umin_id, expires_at, used_at IS NOT NULL "
    "FROM not_me_links WHERE token_hash = ?";
const char kFindLinkForUpdate[] =
    "SELECT id, umin_id, expires_at, used_at IS NOT NULL "
    "FROM not_me_links WHERE token_hash = ? FOR UPDATE";
// The housekeeper's deletes: links expired before a time, and the links
// of an operator request that is being deleted.
const char kDeleteOldLinks[] =
    "DELETE FROM not_me_links WHERE expires_at < ? LIMIT ?";
const char kDeleteLinksOfRequest[] =
    "DELETE FROM not_me_links WHERE operator_request_id = ?";

// A link as kFindLink reads it.
struct Link {
  int64_t id = 0;
  std::string umin_id;
  system_clock::time_point expires_at;
  bool used = false;
};

Status FromRow(const SqlRow& row, Link* link) {
  Link l;
  l.id = row.Int(0);
  l.umin_id = row.Text(1);
  Status s = ParseSqlTime(row.Text(2), &l.expires_at);
  l.used = row.Int(3) != 0;
  if (s.ok()) *link = l;
  return s;
}

Status FindLink(SqlSession* session, const std::string& token, bool for_update,
                std::optional<Link>* link) {
  link->reset();
  // Anything but a token's shape cannot be one; spare the database.
  if (token.size() != kTokenChars) return Status::Ok();
  std::vector<SqlRow> rows;
  Status s = session->Query(for_update ? kFindLinkForUpdate : kFindLink,
                            {StoredTokenHash(token)}, &rows);
  if (!s.ok() || rows.empty()) return s;
  Link found;
  s = FromRow(rows[0], &found);
  if (s.ok()) *link = found;
  return s;
}

NotMeLinkState StateOf(const std::optional<Link>& link,
                       system_clock::time_point now) {
  if (!link) return NotMeLinkState::kUnknown;
  if (link->used) return NotMeLinkState::kUsed;
  if (now >= link->expires_at) return NotMeLinkState::kExpired;
  return NotMeLinkState::kUsable;
}

const char* StateName(NotMeLinkState state) {
  switch (state) {
    case NotMeLinkState::kUsable:
      return "usable";
    case NotMeLinkState::kUsed:
      return "used";
    case NotMeLinkState::kExpired:
      return "expired";
    case NotMeLinkState::kUnknown:
      break;
  }
  return "unknown";
}

// Finds the link `token` and, when there is one, locks its account row and
// then the link: the order in which a code send locks the account and then
// writes its links.
Status LockLinkAndAccount(SqlSession* session, const std::string& token,
                          std::optional<Link>* link,
                          std::optional<Account>* account) {
  Status s = FindLink(session, token, /*for_update=*/false, link);
  if (!s.ok() || !*link) return s;
  s = FindAccount(session, (*link)->umin_id, /*for_update=*/true, account);
  if (s.ok()) s = FindLink(session, token, /*for_update=*/true, link);
  return s;
}

// The priority request a report opens: reason not_me, the names from the
// account, contact its first recipient (the registered external address,
// else <id>@umin_mail_domain).
NewOperatorRequest NotMeRequest(const Account& account,
                                const std::string& umin_mail_domain) {
  NewOperatorRequest request;
  request.umin_id = account.umin_id;
  request.family_name = account.family_name;
  request.given_name = account.given_name;
  request.family_reading = account.family_reading;
  request.given_reading = account.given_reading;
  request.birth_date = account.birth_date;
  request.contact_mail = AccountRecipients(account, umin_mail_domain).front();
  request.reason = OperatorRequestReason::kNotMe;
  // What the request tells the secretariat (the console's language); the
  // user typed nothing.
  request.message = ConsoleText("not_me_report_message");
  request.priority = true;
  return request;
}

// Marks `link` used by the request `request_id`; it is locked, so it must
// still be unused.
Status MarkUsed(SqlSession* session, const Link& link, int64_t request_id,
                system_clock::time_point now) {
  uint64_t marked = 0;
  Status s =
      session->Execute(kMarkUsed, {SqlTime(now), request_id, link.id}, &marked);
  if (s.ok() && marked != 1) {
    return Status::Internal("not-me link changed under its lock");
  }
  return s;
}

}  // namespace

Status CreateNotMeLink(Env* env, SqlSession* session,
                       const std::string& umin_id, std::string* url) {
  system_clock::time_point now = env->Now();
  std::string bytes;
  Status s = env->RandomBytes(kTokenBytes, &bytes);
  if (!s.ok()) return s;
  std::string token = Base64UrlEncode(bytes);
  s = session->Execute(kInsertLink,
                       {StoredTokenHash(token), umin_id, SqlTime(now),
                        SqlTime(now + kNotMeLinkLifetime)});
  if (s.ok()) *url = PublicUrl(env->config(), kNotMePath) + "?t=" + token;
  return s;
}

Status CheckNotMeLink(Env* env, SqlSession* session, const std::string& token,
                      NotMeLinkState* state) {
  std::optional<Link> link;
  Status s = FindLink(session, token, /*for_update=*/false, &link);
  std::optional<Account> account;
  if (s.ok() && link) {
    s = FindAccount(session, link->umin_id, /*for_update=*/false, &account);
  }
  // As in ReportNotMe: an account no longer active makes the link unknown.
  if (s.ok())
    *state = account ? StateOf(link, env->Now()) : NotMeLinkState::kUnknown;
  return s;
}

Status ReportNotMe(Env* env, SqlSession* session, const Caller& caller,
                   const std::string& token, NotMeReport* report) {
  *report = NotMeReport{};
  system_clock::time_point now = env->Now();
  std::optional<Link> link;
  std::optional<Account> account;
  Status s = LockLinkAndAccount(session, token, &link, &account);
  if (!s.ok()) return s;
  // The link of an account no longer active (disabled or removed by the
  // registry's import) answers as an unknown one.
  report->state = account ? StateOf(link, now) : NotMeLinkState::kUnknown;
  if (link) report->umin_id = link->umin_id;
  if (report->state != NotMeLinkState::kUsable) {
    return AppendAudit(session, caller, now,
                       {"not_me_refused", report->umin_id, "",
                        std::string(StateName(report->state)) + " link"});
  }
  if (!account) return Status::Internal("not-me link without its account");

  s = VoidPendingFlows(session, account->umin_id, now, &report->voided_flows);
  if (!s.ok()) return s;
  NewOperatorRequest new_request =
      NotMeRequest(*account, env->config().umin_mail_domain);
  new_request.lang = caller.lang;
  int64_t request_id = 0;
  s = SubmitOperatorRequest(env, session, new_request, caller.client_address,
                            &report->receipt, &request_id);
  if (s.ok()) s = MarkUsed(session, *link, request_id, now);
  report->contact_mail = new_request.contact_mail;
  if (s.ok()) {
    s = EnqueueMail(
        env, session,
        NotMeReceiptMail(env->config(), caller.lang, report->contact_mail,
                         report->receipt));
  }
  if (s.ok()) {
    s = AppendAudit(session, caller, now,
                    {"not_me", account->umin_id, "",
                     "receipt " + report->receipt + ", voided " +
                         std::to_string(report->voided_flows) + " flow(s)"});
  }
  return s;
}

Status DeleteExpiredNotMeLinks(SqlSession* session,
                               std::chrono::system_clock::time_point before,
                               int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldLinks, {SqlTime(before), max_rows},
                          deleted);
}

Status DeleteNotMeLinksOfRequest(SqlSession* session, int64_t request_id) {
  return session->Execute(kDeleteLinksOfRequest, {request_id});
}

}  // namespace passwd
