// Pages more than one step of the flow shows: the send failures, the locked
// and expired code pages, and the rate-limit page.
#ifndef PASSWD_LIB_WEB_FLOW_PAGES_H_
#define PASSWD_LIB_WEB_FLOW_PAGES_H_

#include <chrono>
#include <optional>
#include <string>

#include "base/env.h"
#include "base/status.h"
#include "flow/reset_flow.h"
#include "web/page.h"
#include "web/request.h"
#include "web/response.h"

namespace passwd {

// Which of the seed's two アクセスコード送信失敗 pages to show.
enum class SendFailure {
  kById,       // ID known: unknown ID or a review category (two reasons)
  kByProfile,  // ID unknown: none, several, or a review category (three)
};

// The seed's failure page `which`, listing its possible reasons.
Status RenderSendFailure(const Request& request, Env* env, SendFailure which,
                         Response* response);

// Answers a request for an access code: the 429 page, the seed's failure
// page `which`, or the flow cookie and a 303 to the code page.
Status AnswerCodeRequest(
    const Request& request, Env* env, SendOutcome outcome, SendFailure which,
    const std::optional<std::chrono::system_clock::time_point>& retry_at,
    const std::string& flow_token, Response* response);

// Gives the browser its flow cookie and sends it to the code page.
void StartCodeEntry(const std::string& flow_token, Response* response);

// The lock page (third wrong code) and the expired page (past 10 minutes),
// both forgetting the flow cookie.
Status RenderLocked(const Request& request, Env* env, Response* response);
Status RenderExpired(const Request& request, Env* env, Response* response);

// The 429 page saying from when to try again (in JST), with Retry-After;
// `link` says whether it offers the operator request.
Status RenderRateLimited(const Request& request, Env* env,
                         std::chrono::system_clock::time_point retry_at,
                         OperatorRequestLink link, Response* response);

// Reads the flow of the cookie value `token` in one statement, without a
// transaction (Database::Read); none when there is no such flow.
Status ReadFlow(Env* env, const std::string& token,
                std::optional<ResetFlow>* flow);

// Adds the CSRF token to a form page's dictionary as CSRF_TOKEN.
Status AddCsrfField(Env* env, const class Request& request, Page* page,
                    Response* response);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_FLOW_PAGES_H_
