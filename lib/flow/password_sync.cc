#include "flow/password_sync.h"

#include <algorithm>
#include <climits>
#include <map>
#include <optional>
#include <utility>

#include "base/lease.h"
#include "base/log_line.h"
#include "base/text.h"
#include "flow/htpasswd_file.h"
#include "store/audit.h"

namespace passwd {
namespace {

const char kInsertChange[] =
    "INSERT INTO password_changes (umin_id, changed_at) VALUES (?, ?) "
    "RETURNING id";
// Only the newest password matters: an older one not yet delivered to this
// target is dropped (its hash wiped) instead of delivered.
const char kSupersede[] =
    "UPDATE password_sync_queue SET status = 'superseded', credential = NULL, "
    "next_try_at = NULL, last_error = ? WHERE umin_id = ? AND target = ? AND "
    "status IN ('pending', 'failed')";
const char kInsertSync[] =
    "INSERT INTO password_sync_queue (change_id, umin_id, target, "
    "credential, status, attempts, created_at) "
    "VALUES (?, ?, ?, ?, 'pending', 0, ?)";
// The next due row nobody holds after `id > ?`, which moves past the rows
// this pass already looked at, so a row is tried at most once per pass;
// `created_at <= ?` leaves rows from the future (tests with a shifted clock)
// alone. Read without locks: the claim below decides (sql/012_leases.sql).
const char kSelectNextDue[] =
    "SELECT id, umin_id, target, credential, attempts "
    "FROM password_sync_queue "
    "WHERE status IN ('pending', 'failed') AND id > ? AND created_at <= ? "
    "AND (next_try_at IS NULL OR next_try_at <= ?) "
    "AND (lease_until IS NULL OR lease_until < ?) "
    "ORDER BY id LIMIT 1";
const char kClaimRow[] =
    "UPDATE password_sync_queue SET lease_owner = ?, lease_until = ? "
    "WHERE id = ? AND status IN ('pending', 'failed') "
    "AND (next_try_at IS NULL OR next_try_at <= ?) "
    "AND (lease_until IS NULL OR lease_until < ?)";
// An older row of the same account and target still in a worker's hands
// (superseded by this one while it was being delivered): this row waits,
// so that the older password never lands after the newer one.
const char kOlderInFlight[] =
    "SELECT COUNT(*) FROM password_sync_queue WHERE umin_id = ? AND "
    "target = ? AND id < ? AND lease_until >= ?";

// A due row as kSelectNextDue reads it.
struct DueSync {
  int64_t id = 0;
  std::string umin_id;
  std::string target;      // a [target NAME] section's name
  std::string credential;  // "" when there is none (NULL)
  int64_t attempts = 0;
};

DueSync FromRow(const SqlRow& row) {
  DueSync due;
  due.id = row.Int(0);
  due.umin_id = row.Text(1);
  due.target = row.Text(2);
  due.credential = row.Text(3);
  due.attempts = row.Int(4);
  return due;
}

// The results, each only for the claim's owner; each ends the claim. A
// row superseded while it was in hand stays superseded. The hash stays: a
// lost downstream copy can be rebuilt from the rows.
const char kMarkDelivered[] =
    "UPDATE password_sync_queue SET "
    "status = IF(status = 'superseded', status, 'delivered'), "
    "attempts = attempts + 1, last_error = '', last_try_at = ?, "
    "next_try_at = NULL, done_at = ?, lease_owner = NULL, lease_until = NULL "
    "WHERE id = ? AND lease_owner = ?";
const char kMarkFailed[] =
    "UPDATE password_sync_queue SET "
    "status = IF(status = 'superseded', status, 'failed'), "
    "attempts = attempts + 1, last_error = ?, last_try_at = ?, "
    "next_try_at = IF(status = 'superseded', NULL, ?), lease_owner = NULL, "
    "lease_until = NULL WHERE id = ? AND lease_owner = ?";

const char kSelectFailed[] =
    "SELECT id, umin_id, target, attempts, last_error, last_try_at, "
    "next_try_at, created_at FROM password_sync_queue "
    "WHERE status = 'failed' ORDER BY id DESC LIMIT ? OFFSET ?";

FailedDelivery FailedFromRow(const SqlRow& row) {
  FailedDelivery f;
  f.id = row.Int(0);
  f.umin_id = row.Text(1);
  f.target = row.Text(2);
  f.attempts = row.Int(3);
  f.last_error = row.Text(4);
  f.last_try_at = row.Text(5);
  f.next_try_at = row.Text(6);
  f.created_at = row.Text(7);
  return f;
}

// Read after kRetryNow, which locked the row when it matched.
const char kSelectForRetry[] =
    "SELECT umin_id, target, status FROM password_sync_queue WHERE id = ?";
const char kRetryNow[] =
    "UPDATE password_sync_queue SET next_try_at = ? WHERE id = ? AND "
    "status IN ('pending', 'failed')";

// The metrics page's backlog, from the index on status.
const char kBacklog[] =
    "SELECT target, status, COUNT(*), MIN(created_at) "
    "FROM password_sync_queue WHERE status IN ('pending', 'failed') "
    "GROUP BY target, status";
// The name the worker's audit rows carry as their request id.
const char kAuditSource[] = "sync_worker";
// password_sync_queue.last_error is VARCHAR(255).
constexpr size_t kMaxErrorLength = 255;
constexpr std::chrono::seconds kFirstRetry{60};
constexpr std::chrono::seconds kLongestRetry{3600};

// The configured target named `name`; null when there is none.
const SyncTargetConfig* FindTarget(const Config& config,
                                   const std::string& name) {
  for (const SyncTargetConfig& t : config.sync_targets) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

// What became of the row a claim transaction looked at.
enum class SyncResult {
  kNothingDue,
  kClaimed,        // ours to deliver
  kBusy,           // another worker holds it, or an older row of its account
  kDelivered,
  kFailed,
  kLeaseLost,      // our claim ran out and another worker took the row
  kNotHere,        // configured, delivered by another host's worker
  kNotConfigured,  // kept for when the target is configured again
};

// One row's handling, for the report and the log after the commit.
struct RowResult {
  SyncResult result = SyncResult::kNothingDue;
  int64_t id = 0;
  std::string umin_id;
  std::string target;
  std::string error;
  std::string next_try_at;
};

// Records what `delivery` did to `row` and its audit event, while `lease`
// is still ours.
Status RecordDelivery(Env* env, SqlSession* session, const DueSync& row,
                      const Lease& lease, const Status& delivery,
                      RowResult* result) {
  const auto now = env->Now();
  AuditEvent event;
  event.umin_id = row.umin_id;
  uint64_t recorded = 0;
  if (delivery.ok()) {
    Status s = session->Execute(
        kMarkDelivered, {SqlTime(now), SqlTime(now), row.id, lease.owner},
        &recorded);
    if (!s.ok()) return s;
    event.event = "password_synced";
    event.detail = row.target;
    result->result = SyncResult::kDelivered;
  } else {
    // Only our own messages come here: they name hosts, paths, entries and
    // system errors, never a hash or a password.
    result->error = delivery.ToShortAscii(kMaxErrorLength);
    result->next_try_at = SqlTime(now + RetryDelay(row.attempts + 1));
    Status s = session->Execute(kMarkFailed,
                                {result->error, SqlTime(now),
                                 result->next_try_at, row.id, lease.owner},
                                &recorded);
    if (!s.ok()) return s;
    event.event = "password_sync_failed";
    event.detail = row.target + ": " + result->error;
    result->result = SyncResult::kFailed;
  }
  if (recorded == 0) {
    result->result = SyncResult::kLeaseLost;
    return Status::Ok();
  }
  return AppendAudit(session, {"", kAuditSource}, now, event);
}

// Looks at the oldest due row after `after_id` and, when this host delivers
// its target and nobody holds it, claims it (`*claimed`), in the caller's
// transaction. result->result stays kNothingDue when no row is left.
Status ClaimNext(Env* env, SqlSession* session, const std::string& hostname,
                 int64_t after_id, const Lease& lease,
                 std::optional<DueSync>* claimed, RowResult* result) {
  *result = RowResult();
  claimed->reset();
  const std::string now = SqlTime(env->Now());
  std::vector<SqlRow> rows;
  Status s = session->Query(kSelectNextDue, {after_id, now, now, now}, &rows);
  if (!s.ok() || rows.empty()) return s;
  const DueSync row = FromRow(rows[0]);
  result->id = row.id;
  result->umin_id = row.umin_id;
  result->target = row.target;
  const SyncTargetConfig* target = FindTarget(env->config(), row.target);
  if (target == nullptr) {
    result->result = SyncResult::kNotConfigured;
    return Status::Ok();
  }
  if (!DeliversHere(*target, hostname)) {
    result->result = SyncResult::kNotHere;
    return Status::Ok();
  }
  result->result = SyncResult::kBusy;
  rows.clear();
  s = session->Query(kOlderInFlight, {row.umin_id, row.target, row.id, now},
                     &rows);
  if (!s.ok() || rows.empty() || rows[0].Int(0) != 0) return s;
  uint64_t taken = 0;
  s = session->Execute(
      kClaimRow, {lease.owner, SqlTime(lease.until), row.id, now, now},
      &taken);
  if (!s.ok() || taken == 0) return s;
  result->result = SyncResult::kClaimed;
  *claimed = row;
  return Status::Ok();
}

// Delivers the claimed `row` outside any transaction, then records the
// result (asking a database that cannot be reached again until the claim
// runs out: the target has been written).
Status DeliverClaimed(Env* env, const SyncTransport& transport,
                      const DueSync& row, const Lease& lease,
                      RowResult* result) {
  const SyncTargetConfig* target = FindTarget(env->config(), row.target);
  const Status delivery =
      row.credential.empty()
          ? Status::Internal("no hash kept for this row")
          : transport(env, *target, row.id, row.umin_id, row.credential);
  const auto patience = std::chrono::duration_cast<std::chrono::seconds>(
      lease.until - env->Now());
  return env->db()->TransactionWithPatience(
      patience, [&](SqlSession* session) {
        return RecordDelivery(env, session, row, lease, delivery, result);
      });
}

// Logs one failed row: which row, account and target, never the hash.
void LogFailure(Env* env, const RowResult& result) {
  env->Log(FormatLogLine({{"level", "warning"},
                          {"event", "password_sync_failed"},
                          {"row", std::to_string(result.id)},
                          {"umin_id", result.umin_id},
                          {"target", result.target},
                          {"outcome", "retry_at " + result.next_try_at},
                          {"detail", result.error}}));
}

// Logs, per target no longer configured, how many due rows wait for it.
void LogUnconfigured(Env* env, const std::map<std::string, int>& waiting) {
  for (const auto& [target, count] : waiting) {
    env->Log(FormatLogLine(
        {{"level", "warning"},
         {"event", "password_sync_unconfigured_target"},
         {"target", target},
         {"outcome", "kept"},
         {"detail", std::to_string(count) + " rows wait for a target that is "
                                            "not configured"}}));
  }
}

}  // namespace

std::chrono::seconds RetryDelay(int64_t attempts) {
  if (attempts <= 1) return kFirstRetry;
  std::chrono::seconds delay = kFirstRetry;
  for (int64_t i = 1; i < attempts && delay < kLongestRetry; ++i) delay *= 2;
  return std::min(delay, kLongestRetry);
}

bool DeliversHere(const SyncTargetConfig& target, const std::string& hostname) {
  if (target.kind != TargetKind::kHtpasswd) return true;
  return ToLowerAscii(target.host) == ToLowerAscii(hostname);
}

Status EnqueuePasswordSync(Env* env, SqlSession* session,
                           const std::string& umin_id,
                           const SyncCredentials& credentials) {
  const auto& targets = env->config().sync_targets;
  if (!IsHtpasswdField(umin_id)) {
    return Status::InvalidInput("password sync: not a UMIN ID");
  }
  if (!targets.empty() && !IsHtpasswdField(credentials.sha512_crypt)) {
    return Status::InvalidInput("password sync: no SHA-512-crypt hash");
  }
  const std::string now = SqlTime(env->Now());
  uint64_t change_id = 0;
  Status s = session->InsertReturningId(kInsertChange, {umin_id, now},
                                        &change_id);
  if (!s.ok()) return s;
  const std::string why = "superseded by change " + std::to_string(change_id);
  for (const SyncTargetConfig& target : targets) {
    s = session->Execute(kSupersede, {why, umin_id, target.name});
    if (!s.ok()) return s;
    s = session->Execute(kInsertSync,
                         {static_cast<int64_t>(change_id), umin_id, target.name,
                          credentials.sha512_crypt, now});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status DeliverPasswordSync(Env* env, const SyncTransport& transport,
                           SyncReport* report) {
  return DeliverPasswordSync(
      env, transport, [] { return true; }, report);
}

Status DeliverPasswordSync(Env* env, const SyncTransport& transport,
                           const std::function<bool()>& keep_going,
                           SyncReport* report) {
  const std::string hostname = HostName(env->config());
  std::map<std::string, int> unconfigured;
  int64_t after_id = 0;
  Status s;
  while (keep_going()) {
    RowResult result;
    std::optional<DueSync> claimed;
    const Lease lease = NewLease(env->config(), env->Now());
    s = env->db()->Transaction([&](SqlSession* session) {
      return ClaimNext(env, session, hostname, after_id, lease, &claimed,
                       &result);
    });
    if (!s.ok() || result.result == SyncResult::kNothingDue) break;
    after_id = result.id;
    if (claimed) {
      s = DeliverClaimed(env, transport, *claimed, lease, &result);
      if (!s.ok()) break;
    }
    switch (result.result) {
      case SyncResult::kDelivered:
        ++report->delivered;
        break;
      case SyncResult::kFailed:
        ++report->failed;
        LogFailure(env, result);
        break;
      case SyncResult::kNotConfigured:
        ++unconfigured[result.target];
        break;
      case SyncResult::kLeaseLost:
        env->Log(FormatLogLine({{"level", "warning"},
                                {"event", "password_sync_lease_lost"},
                                {"row", std::to_string(result.id)},
                                {"umin_id", result.umin_id},
                                {"target", result.target}}));
        break;
      case SyncResult::kNotHere:
      case SyncResult::kBusy:
      case SyncResult::kClaimed:
      case SyncResult::kNothingDue:
        break;
    }
  }
  LogUnconfigured(env, unconfigured);
  return s;
}

Status ListFailedDeliveries(SqlSession* session, int64_t offset, int64_t limit,
                            std::vector<FailedDelivery>* rows) {
  rows->clear();
  std::vector<SqlRow> found;
  Status s = session->Query(kSelectFailed, {limit, offset}, &found);
  if (!s.ok()) return s;
  for (const SqlRow& row : found) rows->push_back(FailedFromRow(row));
  return Status::Ok();
}

Status ReadDeliveryBacklog(Env* env, SqlSession* session,
                           std::vector<DeliveryBacklog>* backlog) {
  backlog->clear();
  std::map<std::string, DeliveryBacklog> by_target;
  for (const SyncTargetConfig& target : env->config().sync_targets) {
    by_target[target.name].target = target.name;
  }
  std::vector<SqlRow> rows;
  Status s = session->Query(kBacklog, {}, &rows);
  for (const SqlRow& row : rows) {
    if (!s.ok()) break;
    DeliveryBacklog& entry = by_target[row.Text(0)];
    entry.target = row.Text(0);
    if (row.Text(1) == "failed") {
      entry.failed = row.Int(2);
      continue;
    }
    entry.pending = row.Int(2);
    std::chrono::system_clock::time_point oldest;
    s = ParseSqlTime(row.Text(3), &oldest);
    if (s.ok()) entry.oldest_pending = oldest;
  }
  for (const auto& named : by_target) backlog->push_back(named.second);
  return s;
}

Status RetryDeliveryNow(Env* env, SqlSession* session, const Caller& caller,
                        const std::string& operator_login, int64_t id,
                        RetryOutcome* outcome, std::string* umin_id) {
  *outcome = RetryOutcome::kNotFound;
  umin_id->clear();
  Status s = session->Execute(kRetryNow, {SqlTime(env->Now()), id});
  std::vector<SqlRow> rows;
  if (s.ok()) s = session->Query(kSelectForRetry, {id}, &rows);
  if (!s.ok() || rows.empty()) return s;
  *umin_id = rows[0].Text(0);
  const std::string target = rows[0].Text(1);
  const std::string status = rows[0].Text(2);
  if (status != "pending" && status != "failed") {
    *outcome = RetryOutcome::kFinished;
    return Status::Ok();
  }
  *outcome = RetryOutcome::kScheduled;
  return AppendAudit(session, caller, env->Now(),
                     {"delivery_retry_requested", *umin_id, operator_login,
                      target + ": row " + std::to_string(id)});
}

}  // namespace passwd
