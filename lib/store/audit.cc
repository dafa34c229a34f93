#include "store/audit.h"

#include "base/text.h"
#include "store/metric_counters.h"

namespace passwd {
namespace {

const char kInsertAudit[] =
    "INSERT INTO audit_log (occurred_at, event, umin_id, operator_name, "
    "request_ref, client_address, request_id, detail) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
// The housekeeper's delete: rows past the audit retention, a batch at a
// time. The only statement that removes audit rows.
const char kDeleteOldAudit[] =
    "DELETE FROM audit_log WHERE occurred_at < ? LIMIT ?";

// The audited events the metrics page counts, each written in one place
// (flow/reset_flow), so counting them here counts each event once, in its
// own transaction. An event may move several counters.
struct CountedEvent {
  const char* event;
  MetricCounter counter;
};
constexpr CountedEvent kCountedEvents[] = {
    {"code_sent", MetricCounter::kCodesSent},
    {"code_verified", MetricCounter::kCodesVerified},
    {"code_wrong", MetricCounter::kCodesWrong},
    {"code_locked", MetricCounter::kCodesWrong},
    {"code_locked", MetricCounter::kCodesLocked},
    {"code_expired", MetricCounter::kCodesExpired},
    {"password_changed", MetricCounter::kPasswordChanges},
};

}  // namespace

Status AppendAudit(SqlSession* session, const Caller& caller,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event) {
  Status s = session->Execute(
      kInsertAudit, {SqlTime(now), event.event, NullIfEmpty(event.umin_id),
                     NullIfEmpty(event.operator_name),
                     NullIfZero(event.request_ref), caller.client_address,
                     caller.request_id, Utf8Prefix(event.detail, 500)});
  for (const CountedEvent& counted : kCountedEvents) {
    if (!s.ok()) break;
    if (event.event == counted.event) s = CountMetric(session, counted.counter);
  }
  return s;
}

Status DeleteExpiredAudit(SqlSession* session,
                          std::chrono::system_clock::time_point before,
                          int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldAudit, {SqlTime(before), max_rows},
                          deleted);
}

}  // namespace passwd
