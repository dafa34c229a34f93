#include "web/flow_pages.h"

#include "base/jst.h"
#include "base/paths.h"
#include "flow/reset_flow.h"
#include "web/csrf.h"
#include "web/request.h"

namespace passwd {

Status RenderSendFailure(Env* env, SendFailure which, Response* response) {
  Page page("send_failed.tpl", "アクセスコード送信失敗");
  const char* const by_id[] = {
      "ご入力のUMIN IDが存在しない",
      "UMIN IDが「役職・業務・管理・団体」等の申請内容確認が必要な区分の場合"};
  const char* const by_profile[] = {
      "ご入力の内容で一致するUMIN IDが存在しない",
      "ご入力の内容で複数のUMIN IDが存在する",
      "UMIN IDが「役職・業務・管理・団体」等の申請内容確認が必要な区分の場合"};
  if (which == SendFailure::kById) {
    for (const char* reason : by_id) {
      page.dict()->AddSectionDictionary("REASON")->SetValue("TEXT", reason);
    }
  } else {
    for (const char* reason : by_profile) {
      page.dict()->AddSectionDictionary("REASON")->SetValue("TEXT", reason);
    }
  }
  return page.RenderTo(env->config(), 200, response);
}

Status AnswerCodeRequest(
    Env* env, SendOutcome outcome, SendFailure which,
    const std::optional<std::chrono::system_clock::time_point>& retry_at,
    const std::string& flow_token, Response* response) {
  switch (outcome) {
    case SendOutcome::kRateLimited:
      return RenderRateLimited(env, *retry_at, OperatorRequestLink::kOffered,
                               response);
    case SendOutcome::kRefused:
      return RenderSendFailure(env, which, response);
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

Status RenderLocked(Env* env, Response* response) {
  response->ClearCookie(kFlowCookie, kPublicPrefix);
  Page page("code_locked.tpl", "アクセスコードの入力");
  return page.RenderTo(env->config(), 200, response);
}

Status RenderExpired(Env* env, Response* response) {
  response->ClearCookie(kFlowCookie, kPublicPrefix);
  Page page("code_expired.tpl", "アクセスコード期限切れ");
  return page.RenderTo(env->config(), 200, response);
}

Status RenderRateLimited(Env* env,
                         std::chrono::system_clock::time_point retry_at,
                         OperatorRequestLink link, Response* response) {
  RenderRateLimitPage(env->config(), FormatJst(retry_at), link, response);
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
