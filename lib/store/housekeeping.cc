#include "store/housekeeping.h"

#include "base/database.h"

namespace passwd {
namespace {

// Rows deleted per transaction.
constexpr int64_t kBatchRows = 5000;

const char kPruneRateEvents[] =
    "DELETE FROM rate_limit_events WHERE occurred_at < ? LIMIT ?";
const char kPruneRateSubjects[] =
    "DELETE FROM rate_limit_subjects WHERE last_checked_at < ? LIMIT ?";
const char kPruneOperatorSessions[] =
    "DELETE FROM operator_sessions WHERE created_at < ? LIMIT ?";

// Runs `statement` (a DELETE ... WHERE time < ? LIMIT ?) batch after batch
// until a batch deletes fewer than kBatchRows rows; adds the count to `*n`.
Status PruneInBatches(Env* env, const char* statement,
                      std::chrono::system_clock::time_point before,
                      const std::function<bool()>& keep_going, uint64_t* n) {
  uint64_t deleted = 0;
  do {
    deleted = 0;
    Status s = env->db()->Transaction([&](SqlSession* session) {
      return session->Execute(statement, {SqlTime(before), kBatchRows},
                              &deleted);
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
  Status s = PruneInBatches(env, kPruneRateEvents, now - kRateLimitRetention,
                            keep_going, &report->rate_limit_events);
  if (s.ok() && keep_going()) {
    s = PruneInBatches(env, kPruneRateSubjects, now - kRateLimitRetention,
                       keep_going, &report->rate_limit_subjects);
  }
  if (s.ok() && keep_going()) {
    s = PruneInBatches(env, kPruneOperatorSessions,
                       now - kOperatorSessionRetention, keep_going,
                       &report->operator_sessions);
  }
  return s;
}

}  // namespace passwd
