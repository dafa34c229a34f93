// The access code entry: bound to the browser that asked for the code;
// three wrong tries lock the flow, ten minutes expire it.
#include <optional>

#include "base/paths.h"
#include "domain/access_code.h"
#include "domain/mail_address.h"
#include "flow/reset_flow.h"
#include "store/accounts.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"

namespace passwd {
namespace {

// Where the code went, masked; a flow started from identity data never shows
// the UMIN ID itself.
Status AddRecipients(Env* env, SqlSession* session, const ResetFlow& flow,
                     ctemplate::TemplateDictionary* dict) {
  std::optional<Account> account;
  Status s = FindAccount(session, flow.umin_id, false, &account);
  if (!s.ok() || !account) return s;
  for (const auto& to :
       AccountRecipients(*account, env->config().umin_mail_domain)) {
    dict->AddSectionDictionary("RECIPIENT")
        ->SetValue("ADDRESS", MaskMailAddress(to));
  }
  return Status::Ok();
}

Status RenderForm(const Request& request, Env* env, const ResetFlow& flow,
                  const std::string& error, int tries_left,
                  Response* response) {
  Page page("code.tpl", "アクセスコードの入力");
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return AddRecipients(env, session, flow, page.dict());
  });
  if (!s.ok()) return s;
  if (!error.empty()) {
    page.dict()->SetValueAndShowSection("ERROR", error, "CODE_ERROR");
  }
  if (tries_left > 0) {
    page.dict()->SetIntValue("TRIES_LEFT", tries_left);
    page.dict()->ShowSection("TRIES");
  }
  s = AddCsrfField(env, request, &page, response);
  if (!s.ok()) return s;
  return page.RenderTo(env->config(), 200, response);
}

// The page for a flow that takes no code: locked, expired, or moved on.
Status RenderFlowState(const Request& request, Env* env,
                       const std::optional<ResetFlow>& flow,
                       Response* response) {
  if (!flow || flow->state == FlowState::kDone) {
    response->ClearCookie(kFlowCookie, kPublicPrefix);
    return Status::Forbidden("no access-code flow for this browser");
  }
  if (flow->state == FlowState::kVerified) {
    response->Redirect(kNewPasswordPath);
    return Status::Ok();
  }
  if (flow->state == FlowState::kLocked) return RenderLocked(env, response);
  if (flow->state == FlowState::kCodeSent &&
      env->Now() >= flow->code_expires_at) {
    Status s = env->db()->Transaction([&](SqlSession* session) {
      return ExpireFlow(env, session, request.caller(), *flow);
    });
    if (!s.ok()) return s;
  }
  return RenderExpired(env, response);
}

// GET: the form while the flow waits for its code, else the flow's page.
Status ShowCodePage(const Request& request, Env* env, Response* response) {
  std::optional<ResetFlow> flow;
  Status s = ReadFlow(env, request.Cookie(kFlowCookie), &flow);
  if (!s.ok()) return s;
  if (flow && AwaitsCode(*flow, env->Now())) {
    if (flow->code_tries >= kMaxCodeTries) return RenderLocked(env, response);
    return RenderForm(request, env, *flow, "", 0, response);
  }
  return RenderFlowState(request, env, flow, response);
}

// Input that is not a code at all: no try is spent on it.
Status RefuseNonCode(const Request& request, Env* env, Response* response) {
  std::optional<ResetFlow> flow;
  Status s = ReadFlow(env, request.Cookie(kFlowCookie), &flow);
  if (!s.ok()) return s;
  if (!flow || !AwaitsCode(*flow, env->Now())) {
    return RenderFlowState(request, env, flow, response);
  }
  return RenderForm(request, env, *flow,
                    "アクセスコードは10桁の半角数字でご入力ください。", 0,
                    response);
}

// The page for what CheckAccessCode found.
Status AnswerCodeCheck(const Request& request, Env* env, const CodeCheck& check,
                       Response* response) {
  const std::string token = request.Cookie(kFlowCookie);
  std::optional<ResetFlow> flow;
  switch (check.outcome) {
    case CodeOutcome::kVerified:
      response->SetCookie(kFlowCookie, check.new_token, kPublicPrefix);
      response->Redirect(kNewPasswordPath);
      return Status::Ok();
    case CodeOutcome::kWrong: {
      Status s = ReadFlow(env, token, &flow);
      if (!s.ok()) return s;
      if (!flow) return Status::Internal("flow vanished");
      return RenderForm(request, env, *flow,
                        "アクセスコードが正しくありません。", check.tries_left,
                        response);
    }
    case CodeOutcome::kLocked:
      return RenderLocked(env, response);
    case CodeOutcome::kExpired:
      return RenderExpired(env, response);
    case CodeOutcome::kRateLimited:
      return RenderRateLimited(env, check.retry_at,
                               OperatorRequestLink::kOffered, response);
    case CodeOutcome::kNoFlow:
      break;
  }
  Status s = ReadFlow(env, token, &flow);
  if (!s.ok()) return s;
  return RenderFlowState(request, env, flow, response);
}

}  // namespace

Status HandleCode(const Request& request, Env* env, Response* response) {
  if (!request.IsPost()) return ShowCodePage(request, env, response);
  Status s = CheckCsrf(env->config(), kPublicCsrf, request);
  if (!s.ok()) return s;
  std::string code;
  if (!NormalizeCodeInput(request.Form("access_code"), &code).ok()) {
    return RefuseNonCode(request, env, response);
  }
  CodeCheck check;
  s = env->db()->Transaction([&](SqlSession* session) {
    return CheckAccessCode(env, session, request.caller(),
                           request.Cookie(kFlowCookie), code, &check);
  });
  if (!s.ok()) return s;
  return AnswerCodeCheck(request, env, check, response);
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"code", {"GET", "POST"}, passwd::HandleCode});
}
