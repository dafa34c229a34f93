// The page of the link an operator mails to an account's registered
// addresses ("send an access code"): GET only shows a button, so a mail
// scanner opening the link changes nothing; the button's POST uses the
// one-time link and starts the access-code flow in this browser, which
// then enters the code it receives by mail. Valid 24 hours, used once.
#include <optional>
#include <vector>

#include "base/crypto.h"
#include "base/jst.h"
#include "flow/reset_flow.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"
#include "web/page.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

const char kFindLink[] =
    "SELECT id, request_id, umin_id, expires_at, "
    "used_at IS NULL AND voided_at IS NULL FROM operator_link_tokens "
    "WHERE token_hash = ?";
const char kFindLinkForUpdate[] =
    "SELECT id, request_id, umin_id, expires_at, "
    "used_at IS NULL AND voided_at IS NULL FROM operator_link_tokens "
    "WHERE token_hash = ? FOR UPDATE";
const char kUseLink[] =
    "UPDATE operator_link_tokens SET used_at = ? "
    "WHERE id = ? AND used_at IS NULL AND voided_at IS NULL";

// A token as Base64UrlEncode writes 32 bytes.
constexpr size_t kTokenChars = 43;

struct Link {
  int64_t id = 0;
  int64_t request_id = 0;
  std::string umin_id;
  system_clock::time_point expires_at;
};

bool WellFormedToken(const std::string& token) {
  std::string bytes;
  return token.size() == kTokenChars && Base64UrlDecode(token, &bytes).ok();
}

// Finds the usable link of `token` (unused, not voided, in time); `*link`
// stays empty when there is none.
Status FindUsableLink(SqlSession* session, const std::string& token,
                      bool for_update, system_clock::time_point now,
                      std::optional<Link>* link) {
  link->reset();
  if (!WellFormedToken(token)) return Status::Ok();
  std::vector<SqlRow> rows;
  Status s = session->Query(for_update ? kFindLinkForUpdate : kFindLink,
                            {HexEncode(Sha256(token))}, &rows);
  if (!s.ok() || rows.empty() || rows[0].Int(4) == 0) return s;
  Link l;
  l.id = rows[0].Int(0);
  l.request_id = rows[0].Int(1);
  l.umin_id = rows[0].Text(2);
  s = ParseSqlTime(rows[0].Text(3), &l.expires_at);
  if (!s.ok()) return s;
  if (now < l.expires_at) *link = l;
  return Status::Ok();
}

Status Audit(SqlSession* session, const Request& request,
             system_clock::time_point now, const char* event,
             const std::string& umin_id, int64_t request_ref,
             const std::string& detail) {
  // Audited with the operator request it answers, for the console's history.
  return AppendAudit(session, request.caller(), now,
                     {event, umin_id, "", detail, request_ref});
}

Status RenderInvalid(Env* env, Response* response) {
  Page page("operator_link.tpl", "アクセスコード送信");
  page.dict()->ShowSection("INVALID");
  return page.RenderTo(env->config(), 200, response);
}

enum class Outcome { kStarted, kInvalid };

}  // namespace

Status HandleOperatorLink(const Request& request, Env* env,
                          Response* response) {
  if (!request.IsPost()) {
    const std::string token = request.Query("t");
    std::optional<Link> link;
    Status s = env->db()->Transaction([&](SqlSession* session) {
      return FindUsableLink(session, token, false, env->Now(), &link);
    });
    if (!s.ok()) return s;
    if (!link) return RenderInvalid(env, response);
    Page page("operator_link.tpl", "アクセスコード送信");
    auto* dict = page.dict();
    dict->ShowSection("VALID");
    dict->SetValue("UMIN_ID", link->umin_id);
    dict->SetValue("EXPIRES_AT", FormatJst(link->expires_at));
    dict->SetValue("TOKEN", token);
    s = AddCsrfField(env, request, &page, response);
    if (!s.ok()) return s;
    return page.RenderTo(env->config(), 200, response);
  }

  Status s = CheckCsrf(env->config(), kPublicCsrf, request);
  if (!s.ok()) return s;
  const std::string token = request.Form("t");
  Outcome outcome = Outcome::kInvalid;
  std::string flow_token;
  s = env->db()->Transaction([&](SqlSession* session) {
    outcome = Outcome::kInvalid;
    const system_clock::time_point now = env->Now();
    std::optional<Link> link;
    Status t = FindUsableLink(session, token, true, now, &link);
    if (!t.ok()) return t;
    if (!link) {
      return Audit(session, request, now, "operator_link_refused", "", 0,
                   WellFormedToken(token) ? "used, voided, expired or unknown"
                                          : "malformed token");
    }
    std::optional<Account> account;
    t = FindAccount(session, link->umin_id, /*for_update=*/true, &account);
    if (t.ok() && !account) return Status::Internal("link without account");
    uint64_t used = 0;
    if (t.ok()) t = session->Execute(kUseLink, {SqlTime(now), link->id}, &used);
    if (!t.ok()) return t;
    if (used != 1) return Status::Internal("link changed under its lock");
    t = IssueAccessCode(env, session, request.caller(), *account, "operator",
                        &flow_token);
    if (!t.ok()) return t;
    outcome = Outcome::kStarted;
    return Audit(session, request, now, "operator_link_used", link->umin_id,
                 link->request_id, "access code sent from the mailed link");
  });
  if (!s.ok()) return s;
  if (outcome == Outcome::kInvalid) return RenderInvalid(env, response);
  StartCodeEntry(flow_token, response);
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage(
      {"operator_link", {"GET", "POST"}, passwd::HandleOperatorLink});
}
