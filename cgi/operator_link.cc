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
#include "store/operator_links.h"
#include "store/rate_limit.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"
#include "web/page.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

// A token as Base64UrlEncode writes 32 bytes.
constexpr size_t kTokenChars = 43;

bool WellFormedToken(const std::string& token) {
  std::string bytes;
  return token.size() == kTokenChars && Base64UrlDecode(token, &bytes).ok();
}

// Finds the usable link of `token` (unused, not voided, in time); `*link`
// stays empty when there is none.
Status FindUsableLink(SqlSession* session, const std::string& token,
                      bool for_update, system_clock::time_point now,
                      std::optional<OperatorLink>* link) {
  link->reset();
  if (!WellFormedToken(token)) return Status::Ok();
  std::optional<OperatorLink> found;
  Status s = FindOperatorLink(session, token, for_update, &found);
  if (s.ok() && found && found->open && now < found->expires_at) *link = found;
  return s;
}

Status RenderInvalid(const Request& request, Env* env, Response* response) {
  // The language link does not repeat a refused token.
  Page page(PageLangWithoutQuery(request), "operator_link.tpl",
            "operator_link_title");
  page.dict()->ShowSection("INVALID");
  return page.RenderTo(env->config(), 200, response);
}

// What posting the link's button came to.
enum class LinkUseOutcome { kStarted, kInvalid };

// One try of the POST's transaction: uses the link of `token` and issues an
// access code for its account, audited with the request it answers.
Status UseLink(Env* env, SqlSession* session, const Request& request,
               const std::string& token, LinkUseOutcome* outcome,
               std::string* flow_token) {
  *outcome = LinkUseOutcome::kInvalid;
  const system_clock::time_point now = env->Now();
  std::optional<OperatorLink> link;
  Status s = FindUsableLink(session, token, true, now, &link);
  if (!s.ok()) return s;
  if (!link) {
    return AppendAudit(
        session, request.caller(), now,
        {"operator_link_refused", "", "",
         WellFormedToken(token) ? "used, voided, expired or unknown"
                                : "malformed token"});
  }
  std::optional<Account> account;
  s = FindAccount(session, link->umin_id, /*for_update=*/true, &account);
  // An account no longer active (the registry's import disabled or removed
  // it) is answered as an invalid link.
  if (s.ok() && !account) {
    return AppendAudit(session, request.caller(), now,
                       {"operator_link_refused", "", "", "account not active"});
  }
  bool marked = false;
  if (s.ok()) s = MarkOperatorLinkUsed(session, link->id, now, &marked);
  if (!s.ok()) return s;
  if (!marked) return Status::Internal("link changed under its lock");
  RateEventBatch events;
  s = IssueAccessCode(env, session, request.caller(), *account, "operator",
                      &events, flow_token);
  if (s.ok()) s = events.Record(session);
  if (!s.ok()) return s;
  *outcome = LinkUseOutcome::kStarted;
  // Audited with the operator request it answers, for the console's history.
  return AppendAudit(
      session, request.caller(), now,
      {"operator_link_used", link->umin_id, "",
       "access code sent from the mailed link", link->request_id});
}

}  // namespace

Status HandleOperatorLink(const Request& request, Env* env,
                          Response* response) {
  if (!request.IsPost()) {
    const std::string token = request.Query("t");
    std::optional<OperatorLink> link;
    Status s = env->db()->Read([&](SqlSession* session) {
      return FindUsableLink(session, token, false, env->Now(), &link);
    });
    if (!s.ok()) return s;
    if (!link) return RenderInvalid(request, env, response);
    Page page(request, "operator_link.tpl", "operator_link_title");
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
  LinkUseOutcome outcome = LinkUseOutcome::kInvalid;
  std::string flow_token;
  s = env->db()->Transaction([&](SqlSession* session) {
    return UseLink(env, session, request, token, &outcome, &flow_token);
  });
  if (!s.ok()) return s;
  if (outcome == LinkUseOutcome::kInvalid) return RenderInvalid(request, env, response);
  StartCodeEntry(flow_token, response);
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage(
      {"operator_link", {"GET", "POST"}, passwd::HandleOperatorLink});
}
