// The console's page chrome (templates/admin_layout.tpl, naming the
// signed-in operator), its CSRF token, its refusal pages, and the page
// description every console page runs under.
#ifndef PASSWD_LIB_CONSOLE_ADMIN_PAGE_H_
#define PASSWD_LIB_CONSOLE_ADMIN_PAGE_H_

#include <ctemplate/template.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/config.h"
#include "base/env.h"
#include "base/status.h"
#include "console/admin_session.h"
#include "web/page.h"
#include "web/request.h"
#include "web/response.h"

namespace passwd {

// A console page: `template_file` rendered inside admin_layout.tpl.
class AdminPage {
 public:
  AdminPage(const std::string& template_file, const std::string& title);
  AdminPage(const AdminPage&) = delete;
  AdminPage& operator=(const AdminPage&) = delete;

  // The page template's own dictionary.
  ctemplate::TemplateDictionary* dict() { return page_.dict(); }

  // Names `op` in the header, with a logout button carrying `csrf_token`
  // (which the body gets too, as CSRF_TOKEN).
  void SetOperator(const Operator& op, const std::string& csrf_token);

  // Renders into `response` as HTML with `http_status`.
  Status RenderTo(const Config& config, int http_status, Response* response) {
    return page_.RenderTo(config, http_status, response);
  }

 private:
  Page page_;
};

// The CSRF token of the login form (kAdminLoginCsrf, cookie-bound: there is
// no session yet), setting its cookie when the browser has none.
Status AdminLoginCsrfToken(Env* env, const Request& request, Response* response,
                           std::string* token);

// Forbidden unless the POST carries the CSRF token of `op`'s session (and
// `op` is signed in): every console form but the login's.
Status CheckAdminCsrf(const Request& request, const Operator& op);

// Renders a console page for `op` with the CSRF token set up: the usual
// last step of a console GET.
Status RenderAdminPage(Env* env, const Request& request, const Operator& op,
                       AdminPage* page, Response* response);

// What a refused console request concerns, for its audit row.
struct Refusal {
  Refusal(int http_status, std::string detail, int64_t request_ref = 0,
          std::string umin_id = "", std::string message = "")
      : http_status(http_status),
        detail(std::move(detail)),
        request_ref(request_ref),
        umin_id(std::move(umin_id)),
        message(std::move(message)) {}

  int http_status;      // 404: "admin_not_found", else "admin_forbidden"
  std::string detail;   // why, audited
  int64_t request_ref;  // the operator request concerned; 0 for none
  std::string umin_id;  // the account concerned; "" for none
  std::string message;  // shown instead of the status's usual text if set
};

// Audits a refused console request in its own transaction and renders the
// console's error page with the refusal's status into `response`.
Status RefuseConsoleRequest(Env* env, const Request& request,
                            const Operator& op, const Refusal& refusal,
                            Response* response);

// A console page's handler: parse, check, act, render. `op` is the
// signed-in operator on a page that needs one, else nobody.
using ConsoleHandler = Status (*)(const Request& request, Env* env,
                                  const Operator& op, Response* response);

// A console page, as its main describes it.
struct ConsolePageSpec {
  std::string name;                  // for logs, e.g. "admin-queue"
  std::vector<std::string> methods;  // e.g. {"GET", "POST"}
  bool needs_operator = true;        // without a session: 303 to the login page
  ConsoleHandler handler;
};

// Serves one request of the page `spec`: checks the operator session when
// the page needs one (RequireOperator), then runs the handler.
Status HandleConsoleRequest(const ConsolePageSpec& spec, const Request& request,
                            Env* env, Response* response);

// Runs the console page `spec` under the shared FastCGI loop (RunPage)
// until the process is stopped; returns the exit status.
int RunConsolePage(const ConsolePageSpec& spec);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_ADMIN_PAGE_H_
