#include "store/audit.h"

#include "base/text.h"

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

}  // namespace

Status AppendAudit(SqlSession* session, const Caller& caller,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event) {
  return session->Execute(
      kInsertAudit,
      {SqlTime(now), event.event, NullIfEmpty(event.umin_id),
       NullIfEmpty(event.operator_name), NullIfZero(event.request_ref),
       caller.client_address, caller.request_id,
       Utf8Prefix(event.detail, 500)});
}

Status DeleteExpiredAudit(SqlSession* session,
                          std::chrono::system_clock::time_point before,
                          int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldAudit, {SqlTime(before), max_rows},
                          deleted);
}

}  // namespace passwd
