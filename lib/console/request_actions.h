// The actions an operator performs on an operator request, from its page:
// take it, send an access-code link to an account's registered addresses,
// reject it (mailed to the applicant), add a note, or close it. One table
// holds each action's name, text rule, handler and messages.
#ifndef PASSWD_LIB_CONSOLE_REQUEST_ACTIONS_H_
#define PASSWD_LIB_CONSOLE_REQUEST_ACTIONS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/database.h"
#include "base/env.h"
#include "base/status.h"
#include "console/admin_session.h"
#include "store/operator_requests.h"
#include "web/request.h"

namespace passwd {

// What an action on a request came to.
enum class RequestActionOutcome {
  kDone,
  kNotFound,        // no such request
  kClosed,          // the request is closed
  kTextMissing,     // the action's text is missing or too long (send_code:
                    // the reason an account that does not match needs)
  kAccountRefused,  // send_code for an account the request is not offered
};

// What the action form posted.
struct ActionInput {
  std::string action;
  std::string umin_id;  // send_code: the account to send the link for
  std::string text;     // note, reject, close; send_code: the reason to
                        // send for an account whose identity does not match
};

// What an action's handler works on: the locked, open request.
struct ActionContext {
  Env* env;
  SqlSession* session;
  const Request& request;
  const Operator& op;
  const OperatorRequestRecord& r;
  const ActionInput& in;
  std::chrono::system_clock::time_point now;
};

// The text an action takes.
enum class TextRule {
  kNone,      // none
  kRequired,  // some, at most the limit
  kOptional,  // at most the limit
};

// One action of the request page's forms.
struct RequestAction {
  const char* name;  // the form's action value, e.g. "take"
  TextRule text_rule;
  size_t text_limit;  // characters
  Status (*handler)(const ActionContext& c, RequestActionOutcome* outcome);
};

// What the request page says after `action`.
std::string RequestActionFlash(const RequestAction& action);

// What the request page says when the text `action` needs is missing or
// too long; "" for an action that takes no text (TextRule::kNone).
std::string RequestActionError(const RequestAction& action);

// The action called `name`; null when there is none.
const RequestAction* FindRequestAction(const std::string& name);

// Locks request `id`, checks it is open and the text fits, and performs
// `action` by `op`, audited, in the caller's transaction.
Status PerformRequestAction(Env* env, SqlSession* session,
                            const Request& request, const Operator& op,
                            int64_t id, const RequestAction& action,
                            const ActionInput& in,
                            RequestActionOutcome* outcome);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_REQUEST_ACTIONS_H_
