#include "store/audit.h"
#include "base/text.h"


namespace passwd {
namespace {

const char kInsertAudit[] =
    "INSERT INTO audit_log (occurred_at, event, umin_id, operator_name, "
    "client_address, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

}  // namespace

Status AppendAudit(SqlSession* session,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event, const std::string& client_address,
                   const std::string& request_id) {
  return session->Execute(
      kInsertAudit, {SqlTime(now), event.event, NullIfEmpty(event.umin_id),
                     NullIfEmpty(event.operator_name), client_address,
                     request_id, Utf8Prefix(event.detail, 500)});
}

Status AppendAudit(SqlSession* session, const Caller& caller,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event) {
  return AppendAudit(session, now, event, caller.client_address,
                     caller.request_id);
}

}  // namespace passwd
