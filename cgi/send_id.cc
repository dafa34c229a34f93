// ID known: the user types their UMIN ID and gets an access code by mail.
#include <optional>

#include "base/catalogue.h"
#include "domain/umin_id.h"
#include "flow/reset_flow.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/rate_limit.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"

namespace passwd {
namespace {

Status RenderForm(const Request& request, Env* env, const std::string& typed,
                  const std::string& error, Response* response) {
  Page page(request, "send_id.tpl", "send_id_title");
  page.dict()->SetValue("UMIN_ID", typed);
  if (!error.empty()) {
    page.dict()->SetValueAndShowSection("ERROR", Text(page.lang(), error),
                                        "ID_ERROR");
  }
  Status s = AddCsrfField(env, request, &page, response);
  if (!s.ok()) return s;
  return page.RenderTo(env->config(), 200, response);
}

// The catalogue key of the field's message for an ID that cannot be looked
// up, or "".
std::string IdError(UminIdOutcome outcome) {
  switch (outcome) {
    case UminIdOutcome::kOk:
      return "";
    case UminIdOutcome::kEmpty:
      return "error_umin_id_empty";
    case UminIdOutcome::kHasMailDomain:
      return "error_umin_id_mail_domain";
    case UminIdOutcome::kMalformed:
      break;
  }
  return "error_umin_id_malformed";
}

// Within the client address's limit, sends a code for the individual
// account `umin_id`, or audits why none is sent; `*outcome` says which.
Status SendCodeForId(
    Env* env, SqlSession* session, const Caller& caller,
    const std::string& umin_id, SendOutcome* outcome,
    std::optional<std::chrono::system_clock::time_point>* retry_at,
    std::string* flow_token) {
  *outcome = SendOutcome::kRefused;
  RateEventBatch events;
  Status t = CountCodeRequest(env, session, caller, umin_id, &events, retry_at);
  if (!t.ok()) return t;
  if (*retry_at) {
    *outcome = SendOutcome::kRateLimited;
    return t;
  }
  std::optional<Account> account;
  t = FindAccount(session, umin_id, /*for_update=*/true, &account);
  if (!t.ok()) return t;
  if (!account || account->NeedsReview()) {
    t = AppendAudit(session, caller, env->Now(),
                    {"send_refused", account ? umin_id : "", "",
                     account ? "review category " + account->category
                             : "unknown id " + umin_id});
  } else {
    t = SendCodeWithinLimit(env, session, caller, *account, "id", &events,
                            outcome, retry_at, flow_token);
  }
  if (t.ok()) t = events.Record(session);
  return t;
}

}  // namespace

Status HandleSendId(const Request& request, Env* env, Response* response) {
  if (!request.IsPost()) return RenderForm(request, env, "", "", response);

  Status s = CheckCsrf(env->config(), kPublicCsrf, request);
  if (!s.ok()) return s;
  std::string typed = request.Form("umin_id");
  UminIdResult id = NormalizeUminId(typed);
  if (id.outcome != UminIdOutcome::kOk) {
    return RenderForm(request, env, typed, IdError(id.outcome), response);
  }

  SendOutcome outcome = SendOutcome::kRefused;
  std::optional<std::chrono::system_clock::time_point> retry_at;
  std::string flow_token;
  s = env->db()->Transaction([&](SqlSession* session) {
    return SendCodeForId(env, session, request.caller(), id.id, &outcome,
                         &retry_at, &flow_token);
  });
  if (!s.ok()) return s;
  return AnswerCodeRequest(request, env, outcome, SendFailure::kById, retry_at,
                           flow_token, response);
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"send_id", {"GET", "POST"}, passwd::HandleSendId});
}
