// Propagation of a new password to the network's other services, and the
// one writer of password_changes and password_sync_queue. A change is a
// password_changes row plus one delivery row per configured target
// (`[target NAME]` sections), written in the change's own transaction; the
// sync-worker delivers them on a schedule. States (sql/006): pending,
// delivered, failed (retried with backoff), superseded. Every row keeps its
// hash after delivery, so a lost downstream copy can be rebuilt.
#ifndef PASSWD_LIB_FLOW_PASSWORD_SYNC_H_
#define PASSWD_LIB_FLOW_PASSWORD_SYNC_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/caller.h"
#include "base/config.h"
#include "base/database.h"
#include "base/env.h"
#include "base/status.h"

namespace passwd {

// The new password as the targets take it, computed while the password is
// in memory.
struct SyncCredentials {
  std::string sha512_crypt;  // $6$rounds=N$... (sync_crypt_rounds)
};

// Records a password change of `umin_id` and queues its hash for every
// configured target, in the caller's transaction; an undelivered (pending
// or failed) row of an older change for the same account and target
// becomes superseded, its hash wiped.
Status EnqueuePasswordSync(Env* env, SqlSession* session,
                           const std::string& umin_id,
                           const SyncCredentials& credentials);

// What waits for one target, for the metrics page.
struct DeliveryBacklog {
  std::string target;   // password_sync_queue.target, a target section's name
  int64_t pending = 0;  // rows not tried yet or due again
  int64_t failed = 0;   // rows whose last try failed
  // When the oldest pending row was queued; empty when none is pending.
  std::optional<std::chrono::system_clock::time_point> oldest_pending;
};

// Reads the backlog of every configured target (with zeros when nothing
// waits) and of any other target that rows still wait for, by target name.
Status ReadDeliveryBacklog(Env* env, SqlSession* session,
                           std::vector<DeliveryBacklog>* backlog);

// The wait before the next try after `attempts` failed tries: one minute,
// doubling, at most an hour.
std::chrono::seconds RetryDelay(int64_t attempts);

// True when this host's worker delivers to `target`: every ldap and command
// target; an htpasswd target only on the host it names (`host`, compared
// case-insensitively with the whole of `hostname`, i.e. HostName(config)).
bool DeliversHere(const SyncTargetConfig& target, const std::string& hostname);

// What one delivery pass did.
struct SyncReport {
  int delivered = 0;
  int failed = 0;  // tried and failed, to be retried after its backoff
};

// Hands the hash of `umin_id` (row `row` of the queue) to `target`: the
// sync worker passes flow/sync_targets' DeliverToTarget. A parameter rather
// than a call, so that a page, which only queues deliveries, links no
// libldap (docs/performance.md, "Memory").
using SyncTransport = std::function<Status(
    Env* env, const SyncTargetConfig& target, int64_t row,
    const std::string& umin_id, const std::string& hash)>;

// Delivers every due row (pending or failed, next_try_at reached) of the
// targets this host delivers through `transport`, oldest first, auditing
// each success or failure; then logs, per target no longer configured, how
// many rows wait for it (they are kept, never dropped). Safe to run in
// several processes at once (a row is locked while it is delivered).
Status DeliverPasswordSync(Env* env, const SyncTransport& transport,
                           SyncReport* report);

// As above, but asks `keep_going` before each row and ends the pass when it
// returns false (the worker's shutdown request; the row in hand finishes).
Status DeliverPasswordSync(Env* env, const SyncTransport& transport,
                           const std::function<bool()>& keep_going,
                           SyncReport* report);

// A failed delivery, as the console lists it (never its hash).
struct FailedDelivery {
  int64_t id = 0;
  std::string umin_id;
  std::string target;
  int64_t attempts = 0;
  std::string last_error;
  std::string last_try_at;  // SQL UTC time; "" when never tried
  std::string next_try_at;  // SQL UTC time; "" when due at once
  std::string created_at;   // SQL UTC time
};

// Sets `*rows` to at most `limit` failed deliveries, newest first, after
// skipping `offset` of them.
Status ListFailedDeliveries(SqlSession* session, int64_t offset, int64_t limit,
                            std::vector<FailedDelivery>* rows);

// What an operator's "retry now" found.
enum class RetryOutcome {
  kScheduled,  // pending or failed: due now
  kNotFound,   // no such row
  kFinished,   // delivered or superseded: nothing to retry
};

// Makes delivery row `id` due now (next_try_at = now) when it is pending
// or failed, and audits it ("delivery_retry_requested") with the operator's
// login; `*umin_id` gets the row's account ("" when there is no row).
Status RetryDeliveryNow(Env* env, SqlSession* session, const Caller& caller,
                        const std::string& operator_login, int64_t id,
                        RetryOutcome* outcome, std::string* umin_id);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_PASSWORD_SYNC_H_
