// The audit log as the console reads it: the audit page's search, an
// account's latest events and a request's history. Rows are written only by
// AppendAudit (store/audit.h).
#ifndef PASSWD_LIB_STORE_AUDIT_HISTORY_H_
#define PASSWD_LIB_STORE_AUDIT_HISTORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// One audit row as read back.
struct AuditRecord {
  std::string occurred_at;  // SQL time text (UTC)
  std::string event;
  std::string umin_id;
  std::string operator_name;
  int64_t request_ref = 0;  // 0 for none
  std::string client_address;
  std::string detail;
};

// What the audit page looks for; an empty text or a zero matches anything.
struct AuditSearch {
  std::string event;
  std::string umin_id;
  std::string operator_name;
  int64_t request_ref = 0;
  std::string since = "1000-01-01 00:00:00";  // SQL time text, inclusive
  std::string until = "9999-12-31 00:00:00";  // SQL time text, exclusive
};

// At most this many rows are read for one search (the page shows one
// fewer and says there are more).
inline constexpr size_t kAuditSearchRows = 501;

// Reads the rows `search` finds, newest first, at most kAuditSearchRows.
Status SearchAuditLog(SqlSession* session, const AuditSearch& search,
                      std::vector<AuditRecord>* records);

// Reads every event name in the log, sorted.
Status ListAuditEventNames(SqlSession* session,
                           std::vector<std::string>* events);

// Reads the 10 latest events of account `umin_id`, newest first.
Status LatestAccountEvents(SqlSession* session, const std::string& umin_id,
                           std::vector<AuditRecord>* records);

// Reads the events of operator request `request_ref`, oldest first.
Status OperatorRequestHistory(SqlSession* session, int64_t request_ref,
                              std::vector<AuditRecord>* records);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_AUDIT_HISTORY_H_
