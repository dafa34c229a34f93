#include "console/admin_page.h"

#include "base/catalogue.h"
#include "store/audit.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"

namespace passwd {
namespace {

// The catalogue key of what the console's error page for `status` says
// (with "_title" its heading, with "_message" its explanation); the 403
// page's for a status it lacks.
std::string ConsoleErrorKey(int status) {
  for (int known : {400, 403, 404, 409}) {
    if (status == known) return "error_" + std::to_string(status);
  }
  return "error_403";
}

}  // namespace

AdminPage::AdminPage(const std::string& template_file, const std::string& title)
    : page_(template_file, title, Layout::kConsole) {}

void AdminPage::SetOperator(const Operator& op, const std::string& csrf_token) {
  auto* signed_in = page_.layout_dict()->AddSectionDictionary("SIGNED_IN");
  signed_in->SetValue("OPERATOR_NAME", op.display_name);
  signed_in->SetValue("OPERATOR_LOGIN", op.login);
  signed_in->SetValue("CSRF_TOKEN", csrf_token);
  page_.dict()->SetValue("CSRF_TOKEN", csrf_token);
  page_.dict()->SetValue("OPERATOR_LOGIN", op.login);
}

Status AdminLoginCsrfToken(Env* env, const Request& request, Response* response,
                           std::string* token) {
  return CsrfToken(env, kAdminLoginCsrf, request, response, token);
}

Status CheckAdminCsrf(const Request& request, const Operator& op) {
  // Only the session's token counts: the login form's cookie-bound one,
  // which a sibling host could have planted, opens nothing past the login.
  if (!op.signed_in()) return Status::Forbidden("no console session");
  return CheckSessionCsrf(op.csrf_token, request);
}

Status RenderAdminPage(Env* env, const Request&, const Operator& op,
                       AdminPage* page, Response* response) {
  page->SetOperator(op, op.csrf_token);
  return page->RenderTo(env->config(), 200, response);
}

Status RefuseConsoleRequest(Env* env, const Request& request,
                            const Operator& op, const Refusal& refusal,
                            Response* response) {
  // A 409 (nothing left to do) is a refused action like a 403.
  const char* event =
      refusal.http_status == 404 ? "admin_not_found" : "admin_forbidden";
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return AppendAudit(session, request.caller(), env->Now(),
                       {event, refusal.umin_id, op.login, refusal.detail,
                        refusal.request_ref});
  });
  if (!s.ok()) return s;
  const std::string key = ConsoleErrorKey(refusal.http_status);
  const std::string title = ConsoleText(key + "_title");
  AdminPage page("admin_error.tpl", title);
  page.dict()->SetValue("HEADING", title);
  page.dict()->SetValue("MESSAGE", refusal.message.empty()
                                       ? ConsoleText(key + "_message")
                                       : refusal.message);
  if (op.signed_in()) page.SetOperator(op, op.csrf_token);
  return page.RenderTo(env->config(), refusal.http_status, response);
}

Status HandleConsoleRequest(const ConsolePageSpec& spec, const Request& request,
                            Env* env, Response* response) {
  Operator op;
  if (spec.needs_operator) {
    Status s = RequireOperator(request, env, response, &op);
    if (!s.ok() || !op.signed_in()) return s;
  }
  return spec.handler(request, env, op, response);
}

int RunConsolePage(const ConsolePageSpec& spec) {
  // RunPage takes a plain function, and a process serves one page: the
  // spec it serves is kept here for that function.
  static const ConsolePageSpec* running = nullptr;
  running = &spec;
  return RunPage({spec.name, spec.methods,
                  [](const Request& request, Env* env, Response* response) {
                    return HandleConsoleRequest(*running, request, env,
                                                response);
                  },
                  DbAccount::kConsole});
}

}  // namespace passwd
