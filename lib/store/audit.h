// The audit log: one row per event, written in the transaction of the event
// itself. Never holds an access code or a password.
#ifndef PASSWD_LIB_STORE_AUDIT_H_
#define PASSWD_LIB_STORE_AUDIT_H_

#include <chrono>
#include <string>

#include "base/caller.h"
#include "base/database.h"
#include "base/status.h"

namespace passwd {


struct AuditEvent {
  std::string event;          // e.g. "code_sent", "send_refused"
  std::string umin_id;        // "" when no account is concerned
  std::string operator_name;  // "" for the public pages
  std::string detail;         // a short reason; never a secret
};

// Appends `event` with the given client address and request id (a worker
// passes "" and its own name).
Status AppendAudit(SqlSession* session,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event, const std::string& client_address,
                   const std::string& request_id);

// Appends `event` with the request's client address and request id.
Status AppendAudit(SqlSession* session, const Caller& caller,
                   std::chrono::system_clock::time_point now,
                   const AuditEvent& event);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_AUDIT_H_
