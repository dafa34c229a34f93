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
// Rows are listed by time (occurred_at, then id), newest or oldest first,
// one page at a time (keyset pagination, docs/design.md "Console lists").
struct AuditSearch {
  std::string event;
  std::string umin_id;
  std::string operator_name;
  int64_t request_ref = 0;
  std::string since = "1000-01-01 00:00:00";  // SQL time text, inclusive
  std::string until = "9999-12-31 00:00:00";  // SQL time text, exclusive
  bool newest_first = true;
  // 0: from the start of the list (from its end when `backwards`). Else the
  // rows after row `anchor_id` in the list's order, or before it when
  // `backwards` (read nearest first). An anchor that no longer exists
  // counts as 0.
  int64_t anchor_id = 0;
  bool backwards = false;
  int64_t limit = 50;
};

// Reads one page of the rows `search` finds, in reading order: the list's
// order, or its reverse when `search.backwards`. `*ids` gets each row's id
// (the page links' anchors).
Status SearchAuditLog(SqlSession* session, const AuditSearch& search,
                      std::vector<AuditRecord>* records,
                      std::vector<int64_t>* ids);

// Counts the rows `search` finds (its anchor and limit aside), stopping at
// `cap`.
Status CountAuditLog(SqlSession* session, const AuditSearch& search,
                     int64_t cap, int64_t* count);

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
