// The console's logout: ends the session and forgets its cookie.
#include "console/admin_console.h"

#include "base/paths.h"
#include "console/admin_session.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"

namespace passwd {

Status HandleLogout(const Request& request, Env* env, Response* response) {
  Operator op;
  Status s = RequireOperator(request, env, response, &op);
  if (!s.ok() || !op.signed_in()) return s;
  if (!CheckCsrf(env->config(), kAdminCsrf, request).ok()) {
    return RefuseConsoleRequest(env, request, op, 403,
                                "logout without a valid CSRF token", 0, "",
                                response);
  }
  s = LogOut(request, env, op, response);
  if (!s.ok()) return s;
  response->Redirect(std::string(kAdminLoginPath) + "?logged_out=1");
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"admin-logout", {"POST"}, passwd::HandleLogout});
}
