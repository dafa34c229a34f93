// Performs one action on an operator request (POST only, CSRF-checked):
// take it, send an access-code link to an account's registered addresses,
// reject it (mailed to the applicant), add a note, or close it. Each action
// is audited with the operator's name; a forged action (bad CSRF token,
// unknown action, a closed request, an account the request does not match)
// gets 403 and an audit row, an unknown request 404 and an audit row.
#include "base/paths.h"
#include "base/text.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/record_id.h"
#include "console/request_actions.h"
#include "domain/umin_id.h"
#include "web/csrf.h"

namespace passwd {
namespace {

// The normalised UMIN ID of `typed`, or "" when it is not one.
std::string NormalizedOrEmpty(const std::string& typed) {
  UminIdResult id = NormalizeUminId(typed);
  return id.outcome == UminIdOutcome::kOk ? id.id : "";
}

Status Answer(const Request& request, Env* env, const Operator& op, int64_t id,
              const ActionInput& in, RequestActionOutcome outcome,
              Response* response) {
  const std::string what = "action " + Utf8Prefix(in.action, 20);
  const std::string back =
      std::string(kAdminRequestPath) + "?id=" + std::to_string(id);
  switch (outcome) {
    case RequestActionOutcome::kNotFound:
      return RefuseConsoleRequest(
          env, request, op,
          {404, what + ": no operator request " + std::to_string(id)},
          response);
    case RequestActionOutcome::kClosed:
      return RefuseConsoleRequest(env, request, op,
                                  {403, what + ": the request is closed", id},
                                  response);
    case RequestActionOutcome::kAccountRefused:
      return RefuseConsoleRequest(
          env, request, op,
          {403, what + ": account not offered for this request", id,
           NormalizedOrEmpty(in.umin_id)},
          response);
    case RequestActionOutcome::kTextMissing:
      response->Redirect(back + "&error=" + in.action);
      return Status::Ok();
    case RequestActionOutcome::kDone:
      break;
  }
  response->Redirect(back + "&done=" + in.action);
  return Status::Ok();
}

}  // namespace

Status HandleAction(const Request& request, Env* env, const Operator& op,
                    Response* response) {
  ActionInput in;
  in.action = request.Form("action");
  in.umin_id = request.Form("umin_id");
  in.text = request.Form("text");
  int64_t id = 0;
  const bool has_id = ParseRecordId(request.Form("id"), &id);
  const std::string what = "action " + Utf8Prefix(in.action, 20);
  if (!CheckAdminCsrf(request, op).ok()) {
    return RefuseConsoleRequest(
        env, request, op,
        {403, what + ": CSRF token missing or wrong", has_id ? id : 0},
        response);
  }
  const RequestAction* action = FindRequestAction(in.action);
  if (!action) {
    return RefuseConsoleRequest(
        env, request, op, {403, what + ": unknown", has_id ? id : 0}, response);
  }
  if (!has_id) {
    return RefuseConsoleRequest(env, request, op,
                                {404, what + ": no operator request " +
                                          Utf8Prefix(request.Form("id"), 40)},
                                response);
  }
  RequestActionOutcome outcome = RequestActionOutcome::kDone;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return PerformRequestAction(env, session, request, op, id, *action, in,
                                &outcome);
  });
  if (!s.ok()) return s;
  return Answer(request, env, op, id, in, outcome, response);
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-action",
                                 {"POST"},
                                 /*needs_operator=*/true,
                                 passwd::HandleAction});
}
