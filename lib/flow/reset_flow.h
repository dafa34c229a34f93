// ResetFlow: one password renewal, from the access code sent to the new
// password set, bound to the browser that asked for it by a cookie holding
// a random token (stored only as its SHA-256).
#ifndef PASSWD_LIB_FLOW_RESET_FLOW_H_
#define PASSWD_LIB_FLOW_RESET_FLOW_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/caller.h"
#include "base/database.h"
#include "base/env.h"
#include "base/status.h"
#include "store/accounts.h"
#include "store/rate_limit.h"

namespace passwd {

// An access code is valid this long; so is a verified flow.
inline constexpr std::chrono::minutes kCodeLifetime{10};
// The third wrong code locks the flow.
inline constexpr int kMaxCodeTries = 3;

// Where a flow stands; each state has one value in reset_flows.state.
enum class FlowState {
  kCodeSent,  // waiting for its access code
  kVerified,  // code right: waiting for the new password
  kLocked,    // the third wrong code
  kExpired,   // the code or the verification ran out
  kVoided,    // a newer code, a "not me" report or an operator voided it
  kDone,      // the password was set
};

// The state as stored, e.g. "code_sent".
const char* FlowStateValue(FlowState state);

// Parses a stored state; false for anything else.
bool ParseFlowState(const std::string& value, FlowState* state);

// A flow as FindFlow reads it.
struct ResetFlow {
  int64_t id = 0;
  std::string umin_id;
  std::string via;  // "id", "profile" or "operator"
  FlowState state = FlowState::kCodeSent;
  std::chrono::system_clock::time_point code_expires_at;
  int code_tries = 0;
  std::optional<std::chrono::system_clock::time_point> verified_at;
  // Where its access code went, masked (MaskMailAddress), as stored when
  // the code was sent; empty for a flow begun before they were stored.
  std::vector<std::string> masked_recipients;
};

// The rate limits of the flow, from configuration.
struct FlowLimits {
  explicit FlowLimits(const Config& config);
  RateLimit sends_per_account;
  RateLimit sends_per_address;
  RateLimit failures_per_account;
};

// Voids every code_sent or verified flow of `umin_id` (their codes and
// cookies stop working), in the caller's transaction; `*voided`, when
// given, counts them. The one statement that voids an account's flows.
Status VoidPendingFlows(SqlSession* session, const std::string& umin_id,
                        std::chrono::system_clock::time_point now,
                        uint64_t* voided = nullptr);

// Issues a new access code for `account` (voiding every earlier flow of the
// account), queues its mail to the registered external address (if any) and
// to <id>@<umin_mail_domain>, and audits it, in the caller's transaction.
// `*flow_token` receives the new flow's cookie value. Adds the account's
// send event (FlowLimits::sends_per_account) to `events`, which the caller
// records before it commits.
Status IssueAccessCode(Env* env, SqlSession* session, const Caller& caller,
                       const Account& account, const std::string& via,
                       RateEventBatch* events, std::string* flow_token);

// What a request for an access code came to.
enum class SendOutcome { kSent, kRefused, kRateLimited };

// Counts a code request against the client address's limit (its
// ClientAddressGroup: an IPv6 /64 is one subject); when the address is over
// it, sets `*retry_at` and audits the refusal (naming
// `umin_id`, which may be ""), and nothing else must happen; otherwise adds
// the address's event to `events`, which the caller records before it
// commits, whatever the request comes to.
Status CountCodeRequest(
    Env* env, SqlSession* session, const Caller& caller,
    const std::string& umin_id, RateEventBatch* events,
    std::optional<std::chrono::system_clock::time_point>* retry_at);

// For an individual account found (and locked) by the caller: checks the
// account's limit and issues the code, setting `*outcome` to kSent (with
// `*flow_token`, its event added to `events` as IssueAccessCode does) or
// kRateLimited (with `*retry_at`, audited).
Status SendCodeWithinLimit(
    Env* env, SqlSession* session, const Caller& caller, const Account& account,
    const std::string& via, RateEventBatch* events, SendOutcome* outcome,
    std::optional<std::chrono::system_clock::time_point>* retry_at,
    std::string* flow_token);

// Finds the flow whose cookie value is `token`.
Status FindFlow(SqlSession* session, const std::string& token,
                std::optional<ResetFlow>* flow);

// Marks a flow whose code (or whose verification) has run out as expired
// and clears its code; OK and no change when it was in another state.
Status ExpireFlow(Env* env, SqlSession* session, const Caller& caller,
                  const ResetFlow& flow);

// What a typed access code came to.
enum class CodeOutcome {
  kVerified,     // right code: the flow is verified, its token rotated
  kWrong,        // wrong code, `tries_left` more allowed
  kLocked,       // the third wrong code, or already locked
  kExpired,      // past the 10 minutes, voided by a newer code, or cleared
  kNoFlow,       // no flow for this browser
  kRateLimited,  // too many wrong codes for the account today
};

// CheckAccessCode's answer, with what each outcome needs.
struct CodeCheck {
  CodeOutcome outcome = CodeOutcome::kNoFlow;
  std::string umin_id;  // the flow's account, when there is a flow
  std::string via;      // how the flow began (ResetFlow::via), likewise
  std::vector<std::string> masked_recipients;  // ResetFlow's, likewise
  int tries_left = 0;
  std::string new_token;                           // with kVerified
  std::chrono::system_clock::time_point retry_at;  // with kRateLimited
};

// Checks `code` (normalised, 10 digits) for the flow of `token`, setting all
// of `*check`. The flow is read with a lock (SELECT ... FOR UPDATE), and
// the try is written with its outcome in one UPDATE that holds only if the
// row still has the tries read; so parallel requests are answered one
// after another, and no number of them gets more than kMaxCodeTries
// answers (on a Galera cluster the losing node's write fails certification
// and its transaction runs again, reading the other's try).
Status CheckAccessCode(Env* env, SqlSession* session, const Caller& caller,
                       const std::string& token, const std::string& code,
                       CodeCheck* check);

// True when `flow` waits for its access code and the code has not run out.
bool AwaitsCode(const ResetFlow& flow,
                std::chrono::system_clock::time_point now);

// True when `flow` is verified and its 10 minutes to set a password have not
// run out.
bool CanSetPassword(const ResetFlow& flow,
                    std::chrono::system_clock::time_point now);

// Sets the account's new password and closes the flow in one transaction:
// the flow must still be verified and in time (`*completed` false if not);
// every other open flow of the account is voided, the propagation queued,
// the confirmation mails queued and the change audited.
Status CompletePasswordChange(Env* env, SqlSession* session,
                              const Caller& caller, const ResetFlow& flow,
                              const std::string& password_hash,
                              const struct SyncCredentials& credentials,
                              bool* completed);

// SHA-256 of a flow token, hex, as stored.
std::string FlowTokenHash(const std::string& token);

// Deletes at most `max_rows` flows begun before `before` (the housekeeper's
// batches); `*deleted` counts them.
Status DeleteExpiredFlows(SqlSession* session,
                          std::chrono::system_clock::time_point before,
                          int64_t max_rows, uint64_t* deleted);

// A flow as the console's account view shows it: never its token nor its
// code hash.
struct FlowRecord {
  int64_t id = 0;
  std::string via;  // "id", "profile" or "operator"
  FlowState state = FlowState::kCodeSent;
  int code_tries = 0;
  std::string created_at, code_expires_at;  // SQL time text (UTC)
};

// Reads the newest `limit` flows of `umin_id`, newest first.
Status ListAccountFlows(SqlSession* session, const std::string& umin_id,
                        int64_t limit, std::vector<FlowRecord>* flows);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_RESET_FLOW_H_
