// "Retry now" for a failed mail (POST id, csrf_token): puts the mail back
// to be sent at once and audits it with the operator's name, then returns
// to the list of failed mails. A forged request (bad CSRF token) gets 403;
// an unknown mail 404; a mail that is not failed, or whose one-time secret
// was wiped when it failed, a 403 page saying so. Each refusal is audited.
#include <string>

#include "base/catalogue.h"
#include "base/paths.h"
#include "base/text.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/record_id.h"
#include "mail/outbox.h"
#include "store/audit.h"
#include "web/csrf.h"

namespace passwd {
namespace {

// Puts mail `id` back and audits it, in the caller's transaction.
Status Retry(Env* env, SqlSession* session, const Request& request,
             const Operator& op, int64_t id, MailRetryOutcome* outcome) {
  std::string kind;
  Status s = RetryFailedMail(env, session, id, outcome, &kind);
  if (!s.ok() || *outcome != MailRetryOutcome::kRetried) return s;
  return AppendAudit(session, request.caller(), env->Now(),
                     {"mail_retried", "", op.login,
                      "mail " + std::to_string(id) + " (" + kind + ")", 0});
}

Status Refuse(const Request& request, Env* env, const Operator& op, int64_t id,
              MailRetryOutcome outcome, Response* response) {
  const std::string what = "mail retry " + std::to_string(id);
  switch (outcome) {
    case MailRetryOutcome::kNotFound:
      return RefuseConsoleRequest(env, request, op,
                                  {404, what + ": no such mail"}, response);
    case MailRetryOutcome::kNotFailed:
      return RefuseConsoleRequest(env, request, op,
                                  {403, what + ": not failed", 0, "",
                                   ConsoleText("mail_retry_error_not_failed")},
                                  response);
    case MailRetryOutcome::kCarriedSecret:
      return RefuseConsoleRequest(env, request, op,
                                  {403, what + ": its secret was wiped", 0, "",
                                   ConsoleText("mail_retry_error_secret")},
                                  response);
    case MailRetryOutcome::kRetried:
      break;
  }
  return Status::Internal("mail retry: nothing to refuse");
}

}  // namespace

Status HandleMailRetry(const Request& request, Env* env, const Operator& op,
                       Response* response) {
  int64_t id = 0;
  const bool has_id = ParseRecordId(request.Form("id"), &id);
  if (!CheckAdminCsrf(request, op).ok()) {
    return RefuseConsoleRequest(
        env, request, op, {403, "mail retry: CSRF token missing or wrong"},
        response);
  }
  if (!has_id) {
    return RefuseConsoleRequest(
        env, request, op,
        {404, "mail retry: no mail " + Utf8Prefix(request.Form("id"), 40)},
        response);
  }
  MailRetryOutcome outcome = MailRetryOutcome::kNotFound;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return Retry(env, session, request, op, id, &outcome);
  });
  if (!s.ok()) return s;
  if (outcome != MailRetryOutcome::kRetried) {
    return Refuse(request, env, op, id, outcome, response);
  }
  response->Redirect(std::string(kAdminMailsPath) +
                     "?retried=" + std::to_string(id));
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-mail-retry",
                                 {"POST"},
                                 /*needs_operator=*/true,
                                 passwd::HandleMailRetry});
}
