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
const char kLockSubject[] =
    "INSERT INTO rate_limit_subjects (scope, subject, last_checked_at) "
    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
    "last_checked_at = VALUES(last_checked_at), checks = checks + 1";
const char kWindowEvents[] =
    "SELECT COUNT(*), MIN(occurred_at) FROM rate_limit_events "
    "WHERE scope = ? AND subject = ? AND occurred_at > ?";

// A subject's events in a window, as kWindowEvents counts them.
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

const char kEventsSince[] =
    "SELECT COUNT(*), MAX(occurred_at) FROM rate_limit_events "
    "WHERE scope = ? AND subject = ? AND occurred_at > ?";

const char kInsertEvent[] =
    "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
    "VALUES (?, ?, ?)";
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
  Status s = session->Execute(
      kLockSubject, {std::string(limit.scope), subject, SqlTime(now)});
  if (!s.ok()) return s;
  std::vector<SqlRow> rows;
  s = session->Query(
      kWindowEvents,
      {std::string(limit.scope), subject, SqlTime(now - limit.window)}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Ok();
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

Status ReadRateEvents(SqlSession* session, const RateLimit& limit,
                      const std::string& subject,
                      std::chrono::system_clock::time_point since,
                      std::chrono::system_clock::time_point now,
                      RateEvents* events) {
  *events = RateEvents{};
  Status s = session->Execute(
      kLockSubject, {std::string(limit.scope), subject, SqlTime(now)});
  if (!s.ok()) return s;
  std::vector<SqlRow> rows;
  s = session->Query(
      kEventsSince, {std::string(limit.scope), subject, SqlTime(since)}, &rows);
  if (!s.ok() || rows.empty()) return s;
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
