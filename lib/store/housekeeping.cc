#include "store/housekeeping.h"

#include "base/database.h"
#include "store/operators.h"
#include "store/rate_limit.h"

namespace passwd {
namespace {

// Rows deleted per transaction.
constexpr int64_t kBatchRows = 5000;

// Deletes at most `max_rows` rows older than `before`; `*deleted` counts
// them. The owner module of each table provides one.
using BatchDelete = Status (*)(SqlSession* session,
                               std::chrono::system_clock::time_point before,
                               int64_t max_rows, uint64_t* deleted);

// Runs `delete_batch` transaction after transaction until a batch deletes
// fewer than kBatchRows rows; adds the count to `*n`.
Status PruneInBatches(Env* env, BatchDelete delete_batch,
                      std::chrono::system_clock::time_point before,
                      const std::function<bool()>& keep_going, uint64_t* n) {
  uint64_t deleted = 0;
  do {
    deleted = 0;
    Status s = env->db()->Transaction([&](SqlSession* session) {
      return delete_batch(session, before, kBatchRows, &deleted);
    });
    if (!s.ok()) return s;
    *n += deleted;
  } while (deleted == static_cast<uint64_t>(kBatchRows) && keep_going());
  return Status::Ok();
}

}  // namespace

Status PruneOldRows(Env* env, const std::function<bool()>& keep_going,
                    HousekeepingReport* report) {
  const auto now = env->Now();
  Status s =
      PruneInBatches(env, DeleteExpiredRateEvents, now - kRateLimitRetention,
                     keep_going, &report->rate_limit_events);
  if (s.ok() && keep_going()) {
    s = PruneInBatches(env, DeleteExpiredRateSubjects,
                       now - kRateLimitRetention, keep_going,
                       &report->rate_limit_subjects);
  }
  if (s.ok() && keep_going()) {
    s = PruneInBatches(env, DeleteExpiredOperatorSessions,
                       now - kOperatorSessionRetention, keep_going,
                       &report->operator_sessions);
  }
  return s;
}

}  // namespace passwd
