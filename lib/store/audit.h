// The audit log: one row per event, written in the transaction of the event
// itself. Never holds an access code or a password.
#ifndef PASSWD_LIB_STORE_AUDIT_H_
#define PASSWD_LIB_STORE_AUDIT_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "base/caller.h"
#include "base/database.h"
#include "base/status.h"

namespace passwd {

// One audit row's own fields (time and caller come separately).
struct AuditEvent {
  std::string event;          // e.g. "code_sent", "send_refused"
  std::string umin_id;        // "" when no account is concerned
  std::string operator_name;  // "" for the public pages
  std::string detail;         // a short reason; never a secret
  int64_t request_ref = 0;    // the operator request concerned; 0 for none
};

// The audit log keeps at most this many rows of one kind of refused
// anonymous request (a refused code send, an invalid link, a console login
// without its CSRF token...) from one client address group
// (ClientAddressGroup) in any hour, so anonymous requests cannot grow it
// without bound; the first refusal past it writes one `audit_suppressed`
// row per hour instead, and the metrics count every refusal.
inline constexpr long kAuditedRefusalsPerHour = 20;

// The one way to write the audit log: appends `event`, which happened at
// `now` for `caller` (a worker passes no address and its own name as the
// request id), and moves the metrics page's counters the event counts
// (store/metric_counters). A refused anonymous request past
// kAuditedRefusalsPerHour is counted but not written.
Status AppendAudit(SqlSession* session, const Caller& caller,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event);

// Deletes at most `max_rows` audit rows written before `before` (the
// housekeeper's batches); `*deleted` counts them.
Status DeleteExpiredAudit(SqlSession* session,
                          std::chrono::system_clock::time_point before,
                          int64_t max_rows, uint64_t* deleted);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_AUDIT_H_
