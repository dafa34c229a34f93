// The console's login: the operator's own login ID and password, with
// lockouts per operator and per client address; success opens a session.
#include "base/catalogue.h"
#include "base/jst.h"
#include "base/paths.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "web/csrf.h"

namespace passwd {
namespace {

Status RenderForm(const Request& request, Env* env, const std::string& login,
                  const std::string& error, int http_status,
                  Response* response) {
  AdminPage page("admin_login.tpl", ConsoleText("login_title"));
  auto* dict = page.dict();
  dict->SetValue("LOGIN", login);
  if (!error.empty()) {
    dict->SetValueAndShowSection("ERROR", error, "LOGIN_ERROR");
  }
  if (request.Query("timeout") == "1") dict->ShowSection("TIMED_OUT");
  if (request.Query("logged_out") == "1") dict->ShowSection("LOGGED_OUT");
  std::string token;
  Status s = AdminLoginCsrfToken(env, request, response, &token);
  if (!s.ok()) return s;
  dict->SetValue("CSRF_TOKEN", token);
  return page.RenderTo(env->config(), http_status, response);
}

}  // namespace

// The login page needs no session (RunConsolePage's `op` is nobody): it
// looks for one itself, to send a signed-in operator to the queue.
Status HandleLogin(const Request& request, Env* env, const Operator&,
                   Response* response) {
  if (!request.IsPost()) {
    // Already signed in: straight to the queue.
    if (!request.Cookie(kAdminSessionCookie).empty()) {
      Response scratch;
      Operator op;
      Status s = RequireOperator(request, env, &scratch, &op);
      if (!s.ok()) return s;
      if (op.signed_in()) {
        response->Redirect(kAdminHomePath);
        return Status::Ok();
      }
      response->ClearCookie(kAdminSessionCookie, kAdminPrefix);
    }
    return RenderForm(request, env, "", "", 200, response);
  }

  if (!CheckCsrf(env->config(), kAdminLoginCsrf, request).ok()) {
    return RefuseConsoleRequest(env, request, Operator{},
                                {403, "login without a valid CSRF token"},
                                response);
  }
  const std::string login = request.Form("login");
  LoginResult result;
  Status s = LogIn(env, request, login, request.Form("password"), &result);
  if (!s.ok()) return s;
  switch (result.outcome) {
    case LoginOutcome::kSignedIn:
      SetAdminSessionCookie(result.session_token, response);
      // The login form's cookie has done its work: the console's forms are
      // bound to the session from now on.
      response->ClearCookie(kAdminCsrfCookie, kAdminPrefix);
      response->Redirect(kAdminHomePath);
      return Status::Ok();
    case LoginOutcome::kWrong:
      return RenderForm(request, env, login, ConsoleText("login_error_wrong"),
                        200, response);
    case LoginOutcome::kLocked:
      return RenderForm(
          request, env, login,
          FormatConsoleText("login_error_locked",
                            {{"until", FormatJst(result.retry_at)}}),
          200, response);
    case LoginOutcome::kRateLimited: {
      long seconds = std::chrono::duration_cast<std::chrono::seconds>(
                         result.retry_at - env->Now())
                         .count();
      response->SetHeader("Retry-After",
                          std::to_string(seconds > 0 ? seconds : 1));
      return RenderForm(
          request, env, login,
          FormatConsoleText("login_error_rate_limited",
                            {{"until", FormatJst(result.retry_at)}}),
          429, response);
    }
  }
  return Status::Internal("unknown login outcome");
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-login",
                                 {"GET", "POST"},
                                 /*needs_operator=*/false,
                                 passwd::HandleLogin});
}
