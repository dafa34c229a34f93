// Data retention: deletes rows no rule reads any more and personal data past
// its window, so that the tables which grow with every request stay small
// and nothing is kept longer than the configuration says. Rate-limit events
// and their subjects' lock rows past the longest window, operator sessions,
// reset flows, finished mail, expired not-me and operator links, closed
// operator requests (with their notes, links and decided address changes)
// and old audit rows. Each table's delete lives in its owner module; this
// driver only decides the times and runs the batches. It sits in flow/
// because two of the owners (reset_flow, not_me) do.
#ifndef PASSWD_LIB_FLOW_RETENTION_H_
#define PASSWD_LIB_FLOW_RETENTION_H_

#include <chrono>
#include <cstdint>
#include <functional>

#include "base/config.h"
#include "base/env.h"
#include "base/status.h"

namespace passwd {

// Rate-limit rows are kept this long: longer than any limit's window (the
// longest, wrong codes per account, is a day).
inline constexpr std::chrono::hours kRateLimitRetention{48};
// Operator sessions are kept this long after they began (none lasts longer
// than 8 hours), for incident review beside the audit log.
inline constexpr std::chrono::hours kOperatorSessionRetention{30 * 24};

// The cut-off times of one pass: a row older than its time goes.
struct RetentionCutoffs {
  std::chrono::system_clock::time_point rate_limits;
  std::chrono::system_clock::time_point operator_sessions;
  std::chrono::system_clock::time_point reset_flows;      // began before
  std::chrono::system_clock::time_point outbox;           // queued before
  std::chrono::system_clock::time_point expired_links;    // expired before
  std::chrono::system_clock::time_point closed_requests;  // changed before
  std::chrono::system_clock::time_point audit;            // written before
};

// The cut-offs at `now` under the configured retention windows.
RetentionCutoffs CutoffsAt(const Config& config,
                           std::chrono::system_clock::time_point now);

// How many rows of each kind one PruneOldRows pass deleted.
struct RetentionReport {
  uint64_t rate_limit_events = 0;
  uint64_t rate_limit_subjects = 0;
  uint64_t operator_sessions = 0;
  uint64_t reset_flows = 0;
  uint64_t outbox_mails = 0;
  uint64_t not_me_links = 0;
  uint64_t operator_links = 0;
  uint64_t closed_requests = 0;
  uint64_t audit_rows = 0;
  uint64_t total() const {
    return rate_limit_events + rate_limit_subjects + operator_sessions +
           reset_flows + outbox_mails + not_me_links + operator_links +
           closed_requests + audit_rows;
  }
};

// Deletes the rows older than their retention at env->Now(), in batches of
// short transactions so that no page waits long on a lock; counts them in
// `report`. Stops early, with what it did so far, when `keep_going` turns
// false.
Status PruneOldRows(Env* env, const std::function<bool()>& keep_going,
                    RetentionReport* report);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_RETENTION_H_
