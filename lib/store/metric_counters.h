// The metrics page's counters (metric_counters), their one owner: each
// counted event adds 1 in the transaction of the event, so a counter never
// goes backwards when the housekeeper deletes old rows elsewhere.
#ifndef PASSWD_LIB_STORE_METRIC_COUNTERS_H_
#define PASSWD_LIB_STORE_METRIC_COUNTERS_H_

#include <cstdint>
#include <map>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// What is counted; each is the exposition's umin_passwd_<text>_total.
enum class MetricCounter {
  kCodesSent,        // codes_sent: an access code issued
  kCodesVerified,    // codes_verified: a right code entered
  kCodesWrong,       // codes_wrong: a wrong code entered (the locking one too)
  kCodesLocked,      // codes_locked: a flow locked by its last wrong code
  kCodesExpired,     // codes_expired: a flow found past its code's deadline
  kPasswordChanges,  // password_changes: a new password set
  kRateLimited,      // rate_limited: a request refused by a rate limit
  kRefusedRequests,  // refused_requests: an anonymous request refused
  kAuditSuppressed,  // audit_rows_suppressed: a refusal not written (bound)
};

// One counter: its value, its stored name and the exposition's HELP text.
struct MetricCounterEntry {
  MetricCounter value;
  const char* text;  // metric_counters.name, e.g. "codes_sent"
  const char* help;
};

// Every counter, in the order the metrics page lists them.
inline constexpr MetricCounterEntry kMetricCounters[] = {
    {MetricCounter::kCodesSent, "codes_sent", "Access codes issued."},
    {MetricCounter::kCodesVerified, "codes_verified",
     "Access codes entered right."},
    {MetricCounter::kCodesWrong, "codes_wrong",
     "Wrong access codes entered, the one that locks a flow included."},
    {MetricCounter::kCodesLocked, "codes_locked",
     "Flows locked by their last wrong access code."},
    {MetricCounter::kCodesExpired, "codes_expired",
     "Flows found past their access code's deadline (a code page opened or "
     "a code entered too late)."},
    {MetricCounter::kPasswordChanges, "password_changes", "New passwords set."},
    {MetricCounter::kRateLimited, "rate_limited",
     "Requests refused by a rate limit."},
    {MetricCounter::kRefusedRequests, "refused_requests",
     "Requests anyone can send refused (a code send, a code, a link, a "
     "login...), whether the audit log kept their row or not."},
    {MetricCounter::kAuditSuppressed, "audit_rows_suppressed",
     "Refused requests left out of the audit log, past its bound per kind, "
     "client address group and hour."},
};

// Adds 1 to `counter` in the caller's transaction (on a random shard row).
Status CountMetric(SqlSession* session, MetricCounter counter);

// Reads every counter's value (the sum of its shards) into `*values`; a
// counter never counted yet is 0.
Status ReadMetricCounters(SqlSession* session,
                          std::map<MetricCounter, uint64_t>* values);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_METRIC_COUNTERS_H_
