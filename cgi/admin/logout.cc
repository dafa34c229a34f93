// The console's logout: ends the session and forgets its cookie.
#include "base/paths.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "web/csrf.h"

namespace passwd {

Status HandleLogout(const Request& request, Env* env, const Operator& op,
                    Response* response) {
  if (!CheckAdminCsrf(request, op).ok()) {
    return RefuseConsoleRequest(
        env, request, op, {403, "logout without a valid CSRF token"}, response);
  }
  Status s = LogOut(request, env, op, response);
  if (!s.ok()) return s;
  response->Redirect(std::string(kAdminLoginPath) + "?logged_out=1");
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-logout",
                                 {"POST"},
                                 /*needs_operator=*/true,
                                 passwd::HandleLogout});
}
