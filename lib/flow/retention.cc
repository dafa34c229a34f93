#include "flow/retention.h"

#include <vector>

#include "base/database.h"
#include "flow/not_me.h"
#include "flow/reset_flow.h"
#include "mail/outbox.h"
#include "store/address_changes.h"
#include "store/audit.h"
#include "store/operator_links.h"
#include "store/operator_notes.h"
#include "store/operator_requests.h"
#include "store/operators.h"
#include "store/rate_limit.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

// Rows deleted per transaction.
constexpr int64_t kBatchRows = 5000;
// Closed requests deleted per transaction: each takes five statements (its
// notes, links, not-me links, address changes, then itself).
constexpr int64_t kRequestBatch = 100;

std::chrono::hours Days(long n) { return std::chrono::hours(24 * n); }

// Deletes at most `max_rows` rows older than `before`; `*deleted` counts
// them. The owner module of each table provides one.
using BatchDelete = Status (*)(SqlSession* session,
                               system_clock::time_point before,
                               int64_t max_rows, uint64_t* deleted);

// Runs `delete_batch` transaction after transaction until a batch deletes
// fewer than kBatchRows rows; adds the count to `*n`.
Status PruneInBatches(Env* env, BatchDelete delete_batch,
                      system_clock::time_point before,
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

// Deletes closed request `id` after the rows that reference it, each
// through its owner; `*deleted` counts the request.
Status DeleteClosedRequest(SqlSession* session, int64_t id, uint64_t* deleted) {
  Status s = DeleteOperatorNotesOfRequest(session, id);
  if (s.ok()) s = DeleteOperatorLinksOfRequest(session, id);
  if (s.ok()) s = DeleteNotMeLinksOfRequest(session, id);
  if (s.ok()) s = DeleteDecidedAddressChangesOfRequest(session, id);
  if (s.ok()) s = DeleteClosedOperatorRequest(session, id, deleted);
  return s;
}

// One batch of closed requests: locks the oldest ones past `before` and
// deletes them with what references them; `*found` counts the locked ones.
Status DeleteClosedRequestBatch(SqlSession* session,
                                system_clock::time_point before,
                                uint64_t* found, uint64_t* deleted) {
  std::vector<int64_t> ids;
  Status s = LockExpiredClosedRequests(session, before, kRequestBatch, &ids);
  *found = ids.size();
  for (size_t i = 0; s.ok() && i < ids.size(); ++i) {
    uint64_t one = 0;
    s = DeleteClosedRequest(session, ids[i], &one);
    *deleted += one;
  }
  return s;
}

Status PruneClosedRequests(Env* env, system_clock::time_point before,
                           const std::function<bool()>& keep_going,
                           uint64_t* n) {
  uint64_t found = 0;
  do {
    uint64_t deleted = 0;
    found = 0;
    Status s = env->db()->Transaction([&](SqlSession* session) {
      deleted = 0;  // a retried transaction starts again
      return DeleteClosedRequestBatch(session, before, &found, &deleted);
    });
    if (!s.ok()) return s;
    *n += deleted;
  } while (found == static_cast<uint64_t>(kRequestBatch) && keep_going());
  return Status::Ok();
}

}  // namespace

RetentionCutoffs CutoffsAt(const Config& config, system_clock::time_point now) {
  RetentionCutoffs c;
  c.rate_limits = now - kRateLimitRetention;
  c.operator_sessions = now - kOperatorSessionRetention;
  c.reset_flows = now - Days(config.reset_flow_retention_days);
  c.outbox = now - Days(config.outbox_retention_days);
  c.expired_links = now - Days(config.expired_link_retention_days);
  c.closed_requests = now - Days(config.closed_request_retention_days);
  c.audit = now - Days(config.audit_retention_days);
  return c;
}

Status PruneOldRows(Env* env, const std::function<bool()>& keep_going,
                    RetentionReport* report) {
  const RetentionCutoffs at = CutoffsAt(env->config(), env->Now());
  // Each table in turn; the next one only while the last one went well and
  // the worker is not asked to stop.
  struct Step {
    BatchDelete delete_batch;
    system_clock::time_point before;
    uint64_t* count;
  };
  const Step steps[] = {
      {DeleteExpiredRateEvents, at.rate_limits, &report->rate_limit_events},
      {DeleteExpiredRateSubjects, at.rate_limits, &report->rate_limit_subjects},
      {DeleteExpiredOperatorSessions, at.operator_sessions,
       &report->operator_sessions},
      {DeleteExpiredFlows, at.reset_flows, &report->reset_flows},
      {DeleteExpiredMail, at.outbox, &report->outbox_mails},
      {DeleteExpiredNotMeLinks, at.expired_links, &report->not_me_links},
      {DeleteExpiredOperatorLinks, at.expired_links, &report->operator_links},
  };
  for (const Step& step : steps) {
    Status s = PruneInBatches(env, step.delete_batch, step.before, keep_going,
                              step.count);
    if (!s.ok()) return s;
    if (!keep_going()) return Status::Ok();
  }
  Status s = PruneClosedRequests(env, at.closed_requests, keep_going,
                                 &report->closed_requests);
  if (!s.ok() || !keep_going()) return s;
  return PruneInBatches(env, DeleteExpiredAudit, at.audit, keep_going,
                        &report->audit_rows);
}

}  // namespace passwd
