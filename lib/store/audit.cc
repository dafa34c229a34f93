#include "store/audit.h"

#include <optional>

#include "base/client_address.h"
#include "base/text.h"
#include "store/metric_counters.h"
#include "store/rate_limit.h"

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

// The refusals of requests anyone can send, bounded per kind and client
// address group (kAuditedRefusalsPerHour). A console refusal is anonymous
// only without an operator signed in (a login without its CSRF token); a
// refused login names the operator it tried, yet nobody is signed in.
struct BoundedRefusal {
  const char* event;
  bool only_without_operator;
};
constexpr BoundedRefusal kBoundedRefusals[] = {
    {"send_refused", false},          {"code_refused", false},
    {"password_refused", false},      {"operator_request_refused", false},
    {"operator_link_refused", false}, {"not_me_refused", false},
    {"admin_login_refused", false},   {"admin_forbidden", true},
    {"admin_not_found", true},
};

bool IsBoundedRefusal(const Caller& caller, const AuditEvent& event) {
  if (caller.client_address.empty()) return false;  // a worker or a command
  for (const BoundedRefusal& bounded : kBoundedRefusals) {
    if (event.event == bounded.event) {
      return !bounded.only_without_operator || event.operator_name.empty();
    }
  }
  return false;
}

// The rows kept of one kind of refusal from one address group, and the one
// notice per hour that more were left out. Not counted as rate-limited: no
// request is refused by them.
constexpr RateLimit kAuditedRefusals = {
    "audit_refusal", kAuditedRefusalsPerHour, std::chrono::hours(1),
    /*counted=*/false};
constexpr RateLimit kSuppressionNotices = {
    "audit_refusal_notice", 1, std::chrono::hours(1), /*counted=*/false};

// Writes the row of `event`.
Status InsertAudit(SqlSession* session, const Caller& caller,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event) {
  return session->Execute(
      kInsertAudit, {SqlTime(now), event.event, NullIfEmpty(event.umin_id),
                     NullIfEmpty(event.operator_name),
                     NullIfZero(event.request_ref), caller.client_address,
                     caller.request_id, Utf8Prefix(event.detail, 500)});
}

// Counts a bounded refusal; sets `*write` when its row is within the bound.
// Past it, the first refusal in an hour writes the `audit_suppressed` notice
// in its place.
Status BoundRefusal(SqlSession* session, const Caller& caller,
                    std::chrono::system_clock::time_point now,
                    const AuditEvent& event, bool* write) {
  *write = false;
  Status s = CountMetric(session, MetricCounter::kRefusedRequests);
  const std::string group = ClientAddressGroup(caller.client_address);
  const std::string subject = event.event + " " + group;
  std::optional<std::chrono::system_clock::time_point> full_until;
  if (s.ok()) {
    s = CheckRateLimit(session, kAuditedRefusals, subject, now, &full_until);
  }
  if (!s.ok()) return s;
  if (!full_until) {
    *write = true;
    return RecordRateEvent(session, kAuditedRefusals, subject, now);
  }
  s = CountMetric(session, MetricCounter::kAuditSuppressed);
  std::optional<std::chrono::system_clock::time_point> noticed_until;
  if (s.ok()) {
    s = CheckRateLimit(session, kSuppressionNotices, subject, now,
                       &noticed_until);
  }
  if (!s.ok() || noticed_until) return s;
  s = RecordRateEvent(session, kSuppressionNotices, subject, now);
  if (!s.ok()) return s;
  return InsertAudit(
      session, caller, now,
      {"audit_suppressed", "", "",
       event.event + " from " + group + ": more than " +
           std::to_string(kAuditedRefusalsPerHour) +
           " in an hour; further ones are counted in the metrics "
           "(audit_rows_suppressed) but not logged"});
}

}  // namespace

Status AppendAudit(SqlSession* session, const Caller& caller,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event) {
  if (IsBoundedRefusal(caller, event)) {
    bool write = false;
    Status s = BoundRefusal(session, caller, now, event, &write);
    if (!s.ok() || !write) return s;
  }
  Status s = InsertAudit(session, caller, now, event);
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
