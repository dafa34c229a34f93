#include "web/flow_pages.h"

#include "base/catalogue.h"
#include "base/jst.h"
#include "base/paths.h"
#include "flow/reset_flow.h"
#include "web/csrf.h"
#include "web/request.h"

namespace passwd {

Status RenderSendFailure(const Request& request, Env* env, SendFailure which,
                         Response* response) {
  Page page(request, "send_failed.tpl", "send_failed_title");
  // Catalogue keys of the reasons each page lists.
  const char* const by_id[] = {"send_failed_reason_unknown_id",
                               "send_failed_reason_review"};
  const char* const by_profile[] = {"send_failed_reason_no_match",
                                    "send_failed_reason_several",
                                    "send_failed_reason_review"};
  if (which == SendFailure::kById) {
    for (const char* reason : by_id) {
      page.dict()->AddSectionDictionary("REASON")->SetValue(
          "TEXT", Text(page.lang(), reason));
    }
  } else {
    for (const char* reason : by_profile) {
      page.dict()->AddSectionDictionary("REASON")->SetValue(
          "TEXT", Text(page.lang(), reason));
    }
  }
  return page.RenderTo(env->config(), 200, response);
}

Status AnswerCodeRequest(
    const Request& request, Env* env, SendOutcome outcome, SendFailure which,
    const std::optional<std::chrono::system_clock::time_point>& retry_at,
    const std::string& flow_token, Response* response) {
  switch (outcome) {
    case SendOutcome::kRateLimited:
      return RenderRateLimited(request, env, *retry_at,
                               OperatorRequestLink::kOffered, response);
    case SendOutcome::kRefused:
      return RenderSendFailure(request, env, which, response);
    case SendOutcome::kSent:
      break;
  }
  StartCodeEntry(flow_token, response);
  return Status::Ok();
}

void StartCodeEntry(const std::string& flow_token, Response* response) {
  response->SetCookie(kFlowCookie, flow_token, kPublicPrefix);
  response->Redirect(kCodePath);
}

Status RenderLocked(const Request& request, Env* env, Response* response) {
  response->ClearCookie(kFlowCookie, kPublicPrefix);
  Page page(request, "code_locked.tpl", "code_title");
  return page.RenderTo(env->config(), 200, response);
}

Status RenderExpired(const Request& request, Env* env, Response* response) {
  response->ClearCookie(kFlowCookie, kPublicPrefix);
  Page page(request, "code_expired.tpl", "code_expired_title");
  return page.RenderTo(env->config(), 200, response);
}

Status RenderRateLimited(const Request& request, Env* env,
                         std::chrono::system_clock::time_point retry_at,
                         OperatorRequestLink link, Response* response) {
  RenderRateLimitPage(env->config(), PageLangOf(request), FormatJst(retry_at),
                      link, response);
  long seconds =
      std::chrono::duration_cast<std::chrono::seconds>(retry_at - env->Now())
          .count();
  response->SetHeader("Retry-After", std::to_string(seconds > 0 ? seconds : 1));
  return Status::Ok();
}

Status ReadFlow(Env* env, const std::string& token,
                std::optional<ResetFlow>* flow) {
  return env->db()->Read(
      [&](SqlSession* session) { return FindFlow(session, token, flow); });
}

Status AddCsrfField(Env* env, const Request& request, Page* page,
                    Response* response) {
  std::string token;
  Status s = CsrfToken(env, kPublicCsrf, request, response, &token);
  if (s.ok()) page->dict()->SetValue("CSRF_TOKEN", token);
  return s;
}

}  // namespace passwd
