// ID known: the user types their UMIN ID and gets an access code by mail.
#include <optional>

#include "accounts.h"
#include "audit.h"
#include "csrf.h"
#include "fcgi_main.h"
#include "flow_pages.h"
#include "rate_limit.h"
#include "reset_flow.h"
#include "umin_id.h"

namespace passwd {
namespace {

Status RenderForm(const Request& request, Env* env, const std::string& typed,
                  const std::string& error, Response* response) {
  Page page("send_id.tpl", "UMIN IDの入力");
  page.dict()->SetValue("UMIN_ID", typed);
  if (!error.empty()) {
    page.dict()->SetValueAndShowSection("ERROR", error, "ID_ERROR");
  }
  Status s = AddCsrfField(env, request, &page, response);
  if (!s.ok()) return s;
  return page.RenderTo(env->config(), 200, response);
}

// The field's message for an ID that cannot be looked up, or "".
std::string IdError(UminIdOutcome outcome) {
  switch (outcome) {
    case UminIdOutcome::kOk:
      return "";
    case UminIdOutcome::kEmpty:
      return "パスワード更新を行うUMIN IDをご入力下さい。";
    case UminIdOutcome::kHasMailDomain:
      return "@umin.ac.jpはメールアドレスですので記入しないでください。";
    case UminIdOutcome::kMalformed:
      break;
  }
  return "UMIN IDはaaaaaa-aaaの形式でハイフンが入る英数字であり、"
         "大文字は含まれません。";
}

enum class Outcome { kSent, kRefused, kRateLimited };

}  // namespace

Status HandleSendId(const Request& request, Env* env, Response* response) {
  if (request.method() == "GET")
    return RenderForm(request, env, "", "", response);

  Status s = CheckCsrf(env->config(), kPublicCsrf, request);
  if (!s.ok()) return s;
  std::string typed = request.Form("umin_id");
  UminIdResult id = NormalizeUminId(typed);
  if (id.outcome != UminIdOutcome::kOk) {
    return RenderForm(request, env, typed, IdError(id.outcome), response);
  }

  Outcome outcome = Outcome::kRefused;
  std::optional<std::chrono::system_clock::time_point> retry_at;
  std::string flow_token;
  FlowLimits limits(env->config());
  s = env->db()->Transaction([&](SqlSession* session) {
    auto now = env->Now();
    Status t = CheckRateLimit(session, limits.sends_per_address,
                              request.client_address(), now, &retry_at);
    if (t.ok() && retry_at) {
      outcome = Outcome::kRateLimited;
      return AppendAudit(session, request, now,
                         {"send_refused", id.id, "", "address rate limit"});
    }
    if (t.ok()) {
      t = RecordRateEvent(session, limits.sends_per_address,
                          request.client_address(), now);
    }
    std::optional<Account> account;
    if (t.ok()) t = FindAccount(session, id.id, /*for_update=*/true, &account);
    if (!t.ok()) return t;
    if (!account || account->NeedsReview()) {
      outcome = Outcome::kRefused;
      return AppendAudit(session, request, now,
                         {"send_refused", account ? id.id : "", "",
                          account ? "review category " + account->category
                                  : "unknown id " + id.id});
    }
    t = CheckRateLimit(session, limits.sends_per_account, id.id, now,
                       &retry_at);
    if (t.ok() && retry_at) {
      outcome = Outcome::kRateLimited;
      return AppendAudit(session, request, now,
                         {"send_refused", id.id, "", "account rate limit"});
    }
    outcome = Outcome::kSent;
    if (t.ok())
      t = IssueAccessCode(env, session, request, *account, "id", &flow_token);
    return t;
  });
  if (!s.ok()) return s;

  switch (outcome) {
    case Outcome::kRateLimited:
      return RenderRateLimited(env, *retry_at, response);
    case Outcome::kRefused:
      return RenderSendFailure(env, SendFailure::kById, response);
    case Outcome::kSent:
      break;
  }
  response->SetCookie(kFlowCookie, flow_token, kFlowCookiePath);
  response->Redirect("/cgi-open-bin/passwd/code");
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"send_id", {"GET", "POST"}, passwd::HandleSendId});
}
