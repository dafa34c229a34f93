// The access code entry: bound to the browser that asked for the code;
// three wrong tries lock the flow, ten minutes expire it.
#include <optional>
#include <string>
#include <vector>

#include "base/catalogue.h"
#include "base/paths.h"
#include "domain/access_code.h"
#include "flow/reset_flow.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"

namespace passwd {
namespace {

// The code form of a flow that began `via` "id", "profile" or "operator":
// a flow started from identity data gets the seed's second wording.
// `recipients`: where the code went, masked, as the flow keeps them (a flow
// started from identity data never shows the UMIN ID itself).
Status RenderForm(const Request& request, Env* env, const std::string& via,
                  const std::vector<std::string>& recipients,
                  const std::string& error, int tries_left,
                  Response* response) {
  Page page(request, "code.tpl", "code_title");
  page.dict()->ShowSection(via == "profile" ? "SENT_BY_PROFILE"
                                            : "SENT_BY_ID");
  for (const auto& address : recipients) {
    page.dict()
        ->AddSectionDictionary("RECIPIENT")
        ->SetValue("ADDRESS", address);
  }
  if (!error.empty()) {
    page.dict()->SetValueAndShowSection("ERROR", error, "CODE_ERROR");
  }
  if (tries_left > 0) {
    page.dict()->SetValue(
        "TRIES_TEXT", FormatText(page.lang(), "code_tries_left",
                                 {{"count", std::to_string(tries_left)}}));
    page.dict()->ShowSection("TRIES");
  }
  Status s = AddCsrfField(env, request, &page, response);
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
  if (flow->state == FlowState::kLocked) return RenderLocked(request, env, response);
  if (flow->state == FlowState::kCodeSent &&
      env->Now() >= flow->code_expires_at) {
    Status s = env->db()->Transaction([&](SqlSession* session) {
      return ExpireFlow(env, session, request.caller(), *flow);
    });
    if (!s.ok()) return s;
  }
  return RenderExpired(request, env, response);
}

// GET: the form while the flow waits for its code, else the flow's page.
Status ShowCodePage(const Request& request, Env* env, Response* response) {
  std::optional<ResetFlow> flow;
  Status s = ReadFlow(env, request.Cookie(kFlowCookie), &flow);
  if (!s.ok()) return s;
  if (flow && AwaitsCode(*flow, env->Now())) {
    if (flow->code_tries >= kMaxCodeTries) return RenderLocked(request, env, response);
    return RenderForm(request, env, flow->via, flow->masked_recipients, "", 0,
                      response);
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
  return RenderForm(request, env, flow->via, flow->masked_recipients,
                    Text(request.lang(), "code_error_format"), 0,
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
    case CodeOutcome::kWrong:
      return RenderForm(request, env, check.via, check.masked_recipients,
                        Text(request.lang(), "code_error_wrong"), check.tries_left,
                        response);
    case CodeOutcome::kLocked:
      return RenderLocked(request, env, response);
    case CodeOutcome::kExpired:
      return RenderExpired(request, env, response);
    case CodeOutcome::kRateLimited:
      return RenderRateLimited(request, env, check.retry_at,
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
  // One transaction; a wrong code's form shows the recipients the flow
  // keeps, read with it.
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
