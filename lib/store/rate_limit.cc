#include "store/rate_limit.h"

#include <vector>

#include "store/metric_counters.h"

namespace passwd {
namespace {

// Locks the subject's row (creating it on first use) to the end of the
// transaction: a duplicate key makes InnoDB take an exclusive lock. On a
// Galera cluster that lock holds on one node only; counting the check
// changes the row every time, so two checks of one subject on two nodes
// conflict at certification and the one retried sees the other's event
// (sql/012_leases.sql).
//
// The same statement counts the subject's events after a time and reads the
// oldest or newest of them (`edge`, MIN or MAX): one round trip instead of
// two. The subqueries name the row just written, so they run for it, once
// its lock is held (an uncorrelated one may be answered by the optimizer
// before the statement waits for the lock: a MIN was). Under READ COMMITTED
// (base/database) they then read what had been committed by that time, so a
// check that waited for another request's lock counts that request's event
// (the burst test of tests/db/rate_limit_test.cc).
#define PASSWD_LOCK_SUBJECT_AND_COUNT(edge)                                   \
  "INSERT INTO rate_limit_subjects (scope, subject, last_checked_at) "       \
  "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "                                \
  "last_checked_at = VALUES(last_checked_at), checks = checks + 1 "          \
  "RETURNING "                                                               \
  "(SELECT COUNT(*) FROM rate_limit_events e "                               \
  "WHERE e.scope = rate_limit_subjects.scope "                               \
  "AND e.subject = rate_limit_subjects.subject AND e.occurred_at > ?), "     \
  "(SELECT " edge "(e.occurred_at) FROM rate_limit_events e "                \
  "WHERE e.scope = rate_limit_subjects.scope "                               \
  "AND e.subject = rate_limit_subjects.subject AND e.occurred_at > ?)"
// A window's events and the oldest of them (when the next is allowed).
const char kLockAndCountWindow[] = PASSWD_LOCK_SUBJECT_AND_COUNT("MIN");
// The events since a time and the newest of them.
const char kLockAndCountSince[] = PASSWD_LOCK_SUBJECT_AND_COUNT("MAX");
#undef PASSWD_LOCK_SUBJECT_AND_COUNT

// kLockAndCount*'s parameters.
std::vector<SqlValue> LockAndCountParams(
    const RateLimit& limit, const std::string& subject,
    std::chrono::system_clock::time_point now,
    std::chrono::system_clock::time_point since) {
  const std::string after = SqlTime(since);
  return {std::string(limit.scope), subject, SqlTime(now), after, after};
}

// A subject's events in a window, as kLockAndCountWindow counts them.
struct WindowEvents {
  int64_t count = 0;
  std::string oldest;  // SQL time text of the oldest; "" when none
};

WindowEvents FromRow(const SqlRow& row) {
  WindowEvents events;
  events.count = row.Int(0);
  events.oldest = row.Text(1);
  return events;
}

const char kInsertEvent[] =
    "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
    "VALUES (?, ?, ?)";
// Two events at once: the most one request records (a code request's
// address and account, an operator request's address and contact).
const char kInsertTwoEvents[] =
    "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
    "VALUES (?, ?, ?), (?, ?, ?)";
constexpr size_t kEventColumns = 3;
// The housekeeper's deletes: rows past every window, a batch at a time.
const char kDeleteOldEvents[] =
    "DELETE FROM rate_limit_events WHERE occurred_at < ? LIMIT ?";
const char kDeleteOldSubjects[] =
    "DELETE FROM rate_limit_subjects WHERE last_checked_at < ? LIMIT ?";

}  // namespace

Status CheckRateLimit(
    SqlSession* session, const RateLimit& limit, const std::string& subject,
    std::chrono::system_clock::time_point now,
    std::optional<std::chrono::system_clock::time_point>* retry_at) {
  retry_at->reset();
  std::vector<SqlRow> rows;
  Status s = session->Query(
      kLockAndCountWindow,
      LockAndCountParams(limit, subject, now, now - limit.window), &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Internal("rate limit: no count returned");
  const WindowEvents events = FromRow(rows[0]);
  if (events.count < limit.max_events) return Status::Ok();
  std::chrono::system_clock::time_point oldest;
  s = ParseSqlTime(events.oldest, &oldest);
  if (!s.ok()) return s;
  *retry_at = oldest + limit.window + std::chrono::seconds(1);
  if (!limit.counted) return Status::Ok();
  return CountMetric(session, MetricCounter::kRateLimited);
}

Status RecordRateEvent(SqlSession* session, const RateLimit& limit,
                       const std::string& subject,
                       std::chrono::system_clock::time_point now) {
  return session->Execute(kInsertEvent,
                          {std::string(limit.scope), subject, SqlTime(now)});
}

void RateEventBatch::Add(const RateLimit& limit, const std::string& subject,
                         std::chrono::system_clock::time_point now) {
  rows_.emplace_back(std::string(limit.scope));
  rows_.emplace_back(subject);
  rows_.emplace_back(SqlTime(now));
}

Status RateEventBatch::Record(SqlSession* session) {
  Status s =
      session->ExecuteInPairs(kInsertEvent, kInsertTwoEvents, kEventColumns,
                              rows_);
  rows_.clear();
  return s;
}

Status ReadRateEvents(SqlSession* session, const RateLimit& limit,
                      const std::string& subject,
                      std::chrono::system_clock::time_point since,
                      std::chrono::system_clock::time_point now,
                      RateEvents* events) {
  *events = RateEvents{};
  std::vector<SqlRow> rows;
  Status s = session->Query(kLockAndCountSince,
                            LockAndCountParams(limit, subject, now, since),
                            &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Internal("rate limit: no count returned");
  events->count = rows[0].Int(0);
  const std::string latest = rows[0].Text(1);
  if (latest.empty()) return Status::Ok();
  std::chrono::system_clock::time_point at;
  s = ParseSqlTime(latest, &at);
  if (!s.ok()) return s;
  events->latest = at;
  return Status::Ok();
}

Status DeleteExpiredRateEvents(SqlSession* session,
                               std::chrono::system_clock::time_point before,
                               int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldEvents, {SqlTime(before), max_rows},
                          deleted);
}

Status DeleteExpiredRateSubjects(SqlSession* session,
                                 std::chrono::system_clock::time_point before,
                                 int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldSubjects, {SqlTime(before), max_rows},
                          deleted);
}

}  // namespace passwd
