// "Retry now" on one delivery row (POST id, csrf_token, page): makes a
// pending or failed delivery due at once, audited with the operator's name,
// and goes back to the list. A forged request (bad CSRF token) and a
// delivered or superseded row get 403 and an audit row, an unknown row 404.
#include <string>

#include "base/paths.h"
#include "base/text.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/record_id.h"
#include "flow/password_sync.h"
#include "web/csrf.h"

namespace passwd {

Status HandleDeliveryRetry(const Request& request, Env* env, const Operator& op,
                           Response* response) {
  int64_t id = 0;
  const bool has_id = ParseRecordId(request.Form("id"), &id);
  if (!CheckAdminCsrf(request, op).ok()) {
    return RefuseConsoleRequest(
        env, request, op, {403, "delivery retry: CSRF token missing or wrong"},
        response);
  }
  if (!has_id) {
    return RefuseConsoleRequest(env, request, op,
                                {404, "delivery retry: no delivery " +
                                          Utf8Prefix(request.Form("id"), 40)},
                                response);
  }
  RetryOutcome outcome = RetryOutcome::kNotFound;
  std::string umin_id;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return RetryDeliveryNow(env, session, request.caller(), op.login, id,
                            &outcome, &umin_id);
  });
  if (!s.ok()) return s;
  const std::string row = "delivery retry: row " + std::to_string(id);
  switch (outcome) {
    case RetryOutcome::kNotFound:
      return RefuseConsoleRequest(env, request, op, {404, row + ": none"},
                                  response);
    case RetryOutcome::kFinished:
      return RefuseConsoleRequest(
          env, request, op,
          {409, row + ": delivered or superseded, nothing to retry", 0,
           umin_id},
          response);
    case RetryOutcome::kScheduled:
      break;
  }
  int64_t page = 1;
  if (!ParseRecordId(request.Form("page"), &page)) page = 1;
  response->Redirect(std::string(kAdminDeliveriesPath) +
                     "?page=" + std::to_string(page) + "&done=retry");
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-delivery_retry",
                                 {"POST"},
                                 /*needs_operator=*/true,
                                 passwd::HandleDeliveryRetry});
}
