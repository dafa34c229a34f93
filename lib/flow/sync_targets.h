// The sync worker's way out: one account's SHA-512-crypt hash handed to a
// configured target (an LDAP directory, an htpasswd file, a command). Apart
// from flow/password_sync, which passes DeliverToTarget in, so that only the
// sync worker links libldap; a page, which only queues deliveries, does not.
#ifndef PASSWD_LIB_FLOW_SYNC_TARGETS_H_
#define PASSWD_LIB_FLOW_SYNC_TARGETS_H_

#include <cstdint>
#include <string>

#include "base/config.h"
#include "base/env.h"
#include "base/status.h"

namespace passwd {

// Hands `hash` of `umin_id` (row `row` of the queue) to `target`; a
// command's output goes to the log (never the hash: the driver replaced
// it).
Status DeliverToTarget(Env* env, const SyncTargetConfig& target, int64_t row,
                       const std::string& umin_id, const std::string& hash);

// Refuses targets a worker cannot use: a command that is not an executable
// file, an unreadable bind_password_file.
Status CheckSyncTargets(const Config& config);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_SYNC_TARGETS_H_
