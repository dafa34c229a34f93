// Propagation of a new password to the network's other services: the change
// queues one row per downstream target in its own transaction; the
// sync-worker delivers them on a schedule, retrying a failed target.
#ifndef PASSWD_LIB_FLOW_PASSWORD_SYNC_H_
#define PASSWD_LIB_FLOW_PASSWORD_SYNC_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/env.h"
#include "base/status.h"

namespace passwd {

// One downstream target from the sync_targets setting.
struct SyncTarget {
  std::string spec;  // as configured, e.g. "htpasswd:/srv/web/passwd"
  std::string kind;  // "htpasswd"
  std::string path;  // for htpasswd: the file
};

// Parses the comma-separated sync_targets setting; InvalidInput names the
// entry that is not understood.
Status ParseSyncTargets(const std::string& setting,
                        std::vector<SyncTarget>* targets);

// Sets the line of `user` in the htpasswd file at `path` to "user:hash",
// keeping every other line and their order (the file is created when
// missing): the new content goes to a temporary file beside it (mode 0640,
// the old file's group) that is fsynced and renamed over it, under an flock
// on "<path>.lock" so two writers never interleave. InvalidInput when
// `user` or `hash` is empty or holds ':', a line break or NUL; Unavailable
// when the folder or the file cannot be read or written.
Status WriteHtpasswdEntry(const std::string& path, const std::string& user,
                          const std::string& hash);

// The new password in every format a target may need, computed while the
// password is in memory.
struct SyncCredentials {
  std::string sha512_crypt;  // $6$... for htpasswd targets
};

// Queues the credentials of `umin_id` for every configured target, in the
// caller's transaction.
Status EnqueuePasswordSync(Env* env, SqlSession* session,
                           const std::string& umin_id,
                           const SyncCredentials& credentials);

// What waits for one target, for the metrics page.
struct DeliveryBacklog {
  std::string target;   // password_sync_queue.target, a SyncTarget's spec
  int64_t pending = 0;  // rows not tried yet or due again
  int64_t failed = 0;   // rows whose last try failed
  // When the oldest pending row was queued; empty when none is pending.
  std::optional<std::chrono::system_clock::time_point> oldest_pending;
};

// Reads the backlog of every configured target (with zeros when nothing
// waits) and of any other target that rows still wait for, by target name.
Status ReadDeliveryBacklog(Env* env, SqlSession* session,
                           std::vector<DeliveryBacklog>* backlog);

// What one delivery pass did.
struct SyncReport {
  int delivered = 0;
  int failed = 0;  // kept pending for the next round, or marked failed
};

// Delivers every pending row once (oldest first), auditing each target's
// success or failure; a failed row stays pending and is retried. Safe to run
// in several processes at once (a row is locked while it is delivered).
Status DeliverPasswordSync(Env* env, SyncReport* report);

// As above, but asks `keep_going` before each row and ends the pass when it
// returns false (the worker's shutdown request; the row in hand finishes).
Status DeliverPasswordSync(Env* env, const std::function<bool()>& keep_going,
                           SyncReport* report);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_PASSWORD_SYNC_H_
