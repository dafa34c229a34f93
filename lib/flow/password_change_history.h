// Password changes and their deliveries as the console reads them: for one
// account, every change with each target's state. Rows are written only by
// flow/password_sync (the tables' owner).
#ifndef PASSWD_LIB_FLOW_PASSWORD_CHANGE_HISTORY_H_
#define PASSWD_LIB_FLOW_PASSWORD_CHANGE_HISTORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// Where a delivery stands; each state has one value in
// password_sync_queue.status (sql/006_password_deliveries.sql).
enum class DeliveryState {
  kPending,     // not yet tried; due at next_try_at (none: at once)
  kDelivered,   // the target accepted it at done_at
  kFailed,      // the last try failed; retried at next_try_at
  kSuperseded,  // a newer change for the same target came first
};

// The state as stored, e.g. "delivered".
const char* DeliveryStateValue(DeliveryState state);

// One target's delivery of a change; never its credential.
struct DeliveryRecord {
  int64_t id = 0;  // password_sync_queue.id
  std::string target;
  DeliveryState state = DeliveryState::kPending;
  int64_t attempts = 0;
  std::string last_error;
  // SQL time text (UTC); "" when NULL.
  std::string next_try_at, last_try_at, done_at;
};

// One password change of an account and its deliveries, by target.
struct PasswordChangeRecord {
  int64_t id = 0;
  std::string changed_at;  // SQL time text (UTC)
  std::vector<DeliveryRecord> deliveries;
};

// Reads the newest `limit` password changes of `umin_id`, newest first,
// each with its deliveries.
Status ListPasswordChanges(SqlSession* session, const std::string& umin_id,
                           int64_t limit,
                           std::vector<PasswordChangeRecord>* changes);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_PASSWORD_CHANGE_HISTORY_H_
