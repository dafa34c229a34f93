// Deletes rows that no rule reads any more, so the tables that grow with
// every request stay small: rate-limit events past the longest window and
// their subjects' lock rows, and operator sessions long over. The audit log,
// flows, requests and the outbox are kept.
#ifndef PASSWD_LIB_STORE_HOUSEKEEPING_H_
#define PASSWD_LIB_STORE_HOUSEKEEPING_H_

#include <chrono>
#include <cstdint>
#include <functional>

#include "base/env.h"
#include "base/status.h"

namespace passwd {

// Rate-limit rows are kept this long: longer than any limit's window (the
// longest, wrong codes per account, is a day).
inline constexpr std::chrono::hours kRateLimitRetention{48};
// Operator sessions are kept this long after they began (none lasts longer
// than 8 hours), for incident review beside the audit log.
inline constexpr std::chrono::hours kOperatorSessionRetention{30 * 24};

// How many rows of each kind one PruneOldRows pass deleted.
struct HousekeepingReport {
  uint64_t rate_limit_events = 0;
  uint64_t rate_limit_subjects = 0;
  uint64_t operator_sessions = 0;
  uint64_t total() const {
    return rate_limit_events + rate_limit_subjects + operator_sessions;
  }
};

// Deletes the rows older than their retention at env->Now(), in batches of
// short transactions so that no page waits long on a lock; counts them in
// `report`. Stops early, with what it did so far, when `keep_going` turns
// false.
Status PruneOldRows(Env* env, const std::function<bool()>& keep_going,
                    HousekeepingReport* report);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_HOUSEKEEPING_H_
